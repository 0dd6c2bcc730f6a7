package io.trailwatch.app;

import io.trailwatch.testkit.TestTlsStores;

/** Lines of a production config file (YAML under {@code settings:}), as an operator writes them for `up --config`. */
final class ProductionConfigFile {

    private ProductionConfigFile() {
    }

    /** Kafka over SASL/SCRAM-SHA-512 and TLS: the login and the trust store the brokers' certificate is checked with. */
    static String scramOverTls(final String user, final String password, final TestTlsStores trusted) {
        return "  kafka.security.protocol: SASL_SSL\n"
            + "  kafka.sasl.mechanism: SCRAM-SHA-512\n"
            + "  kafka.sasl.jaas.config: 'org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"" + user + "\" password=\"" + password + "\";'\n"
            + "  kafka.ssl.truststore.type: PKCS12\n"
            + "  kafka.ssl.truststore.location: " + trusted.trustStore() + "\n"
            + "  kafka.ssl.truststore.password: " + trusted.password() + "\n";
    }
}
