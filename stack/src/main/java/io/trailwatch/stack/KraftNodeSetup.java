package io.trailwatch.stack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * What every KRaft node Trailwatch runs shares, the single embedded broker and each node of a {@link KafkaCluster}:
 * how a secured node authenticates and authorizes, and how its storage is formatted.
 */
final class KraftNodeSetup {

    private static final String SCRAM_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final String PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";

    private KraftNodeSetup() {
    }

    /**
     * Clients and brokers authenticate on {@code clientListener} with SCRAM-SHA-512 (credentials kept in the cluster
     * metadata, so users are added and removed at run time) and are authorized by ACLs (KRaft's StandardAuthorizer,
     * nothing allowed without one). The super user is the brokers themselves and Trailwatch's own processes. The
     * controller listener, which SCRAM cannot serve (its credentials live in the metadata the controllers serve),
     * takes only the super user over SASL/PLAIN with the same password.
     */
    static Map<String, String> securedProperties(final String clientListener, final String controllerListener,
                                                 final String superUser, final String superPassword) {
        final String client = clientListener.toLowerCase(Locale.ROOT);
        final String controller = controllerListener.toLowerCase(Locale.ROOT);
        final Map<String, String> props = new LinkedHashMap<>();
        props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        props.put("listener.name." + client + ".sasl.enabled.mechanisms", "SCRAM-SHA-512");
        props.put("listener.name." + controller + ".sasl.enabled.mechanisms", "PLAIN");
        props.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
        props.put("sasl.mechanism.controller.protocol", "PLAIN");
        props.put("listener.name." + client + ".scram-sha-512.sasl.jaas.config", SCRAM_MODULE + " required username=\""
            + superUser + "\" password=\"" + superPassword + "\";");
        props.put("listener.name." + controller + ".plain.sasl.jaas.config", PLAIN_MODULE + " required username=\""
            + superUser + "\" password=\"" + superPassword + "\" user_" + superUser + "=\"" + superPassword
            + "\";");
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("super.users", "User:" + superUser);
        props.put("allow.everyone.if.no.acl.found", "false");
        return props;
    }

    /**
     * A TLS listener's server side, its properties under {@code prefix} ({@code listener.name.<x>.}): the node
     * presents the PKCS12 key store's certificate (one password for the store and the key); clients are not asked
     * for a certificate, SASL authenticates them.
     */
    static Map<String, String> tlsServerProperties(final String prefix, final Path keyStore, final String password) {
        final Map<String, String> props = new LinkedHashMap<>();
        props.put(prefix + "ssl.keystore.type", "PKCS12");
        props.put(prefix + "ssl.keystore.location", keyStore.toString());
        props.put(prefix + "ssl.keystore.password", password);
        props.put(prefix + "ssl.key.password", password);
        props.put(prefix + "ssl.client.auth", "none");
        return props;
    }

    /**
     * Formats a node's storage in {@code dir}, with the super user's SCRAM credential when it has one (null: an
     * unsecured node), and returns what Kafka's formatter printed. Throws {@link IllegalStateException} naming
     * {@code what} when it cannot.
     */
    static String format(final String what, final int nodeId, final String clusterId, final String controllerListener,
                         final Path dir, final String superUser, final String superPassword) {
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                .setPrintStream(print)
                .setNodeId(nodeId)
                .setClusterId(clusterId)
                .setControllerListenerName(controllerListener)
                .setMetadataLogDirectory(dir.toString())
                .addDirectory(dir.toString())
                .setScramArguments(superUser == null ? List.of()
                    : List.of("SCRAM-SHA-512=[name=" + superUser + ",password=" + superPassword + "]"))
                .run();
        } catch (final Exception e) {
            throw new IllegalStateException("cannot format " + what + " in " + dir + ": " + e.getMessage(), e);
        }
        return output.toString(StandardCharsets.UTF_8).trim();
    }
}
