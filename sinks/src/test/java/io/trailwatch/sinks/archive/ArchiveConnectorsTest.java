package io.trailwatch.sinks.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.schemas.serde.AvroSerdeConfig;
import io.trailwatch.schemas.serde.SerdeContext;
import io.trailwatch.sinks.archive.store.S3Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The archive connectors' configurations carry what the Connect worker needs to read a registry that authenticates. */
class ArchiveConnectorsTest {

    private static final S3Settings S3 = new S3Settings("http://127.0.0.1:9000", "us-east-1", "trailwatch-archive",
        "AKIAARCHIVETEST00000", "archive-secret", true);

    @Test
    void theCredentialsAndTrustStoreRegisteredForTheRegistryGoWithItsUrlAsSecrets() {
        final String registry = "http://registry.archive-test:8081/apis/ccompat/v7";
        SerdeContext.registerAccess(registry, Map.of(AvroSerdeConfig.BEARER_AUTH_TOKEN, "tok-archive",
            AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, "/etc/trailwatch/registry.p12",
            AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, "store-secret"));

        final Map<String, String> audit = ArchiveConnectors.audit("trailwatch.audit", S3, registry,
            Path.of("signing-key.pem"), Duration.ofHours(1));
        final Map<String, String> alarms = ArchiveConnectors.alarms("trailwatch.alarms", S3, registry);

        for (final Map<String, String> config : java.util.List.of(audit, alarms)) {
            assertThat(config).containsEntry(AvroSerdeConfig.BEARER_AUTH_TOKEN, "tok-archive")
                .containsEntry(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, "/etc/trailwatch/registry.p12")
                .containsEntry(AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, "store-secret");
            // The task builds its registry client from its own configuration.
            assertThat(new AvroSerdeConfig(config).authorization()).isEqualTo("Bearer tok-archive");
        }
        // Declared by the connector: Connect masks them as passwords.
        assertThat(ArchiveSinkConfig.DEFINITION.configKeys().get(AvroSerdeConfig.BEARER_AUTH_TOKEN).type)
            .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
        assertThat(ArchiveConnectors.SECRET_KEYS).contains(AvroSerdeConfig.BASIC_AUTH_USER_INFO,
            AvroSerdeConfig.BEARER_AUTH_TOKEN, AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD);
    }

    @Test
    void aRegistryWithoutRegisteredAccessGetsNoCredentials() {
        final Map<String, String> alarms = ArchiveConnectors.alarms("trailwatch.alarms", S3,
            "http://open-registry.archive-test:8081");

        assertThat(alarms).doesNotContainKeys(AvroSerdeConfig.BASIC_AUTH_USER_INFO, AvroSerdeConfig.BEARER_AUTH_TOKEN,
            AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD);
    }
}
