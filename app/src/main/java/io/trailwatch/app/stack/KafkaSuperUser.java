package io.trailwatch.app.stack;

import io.trailwatch.schemas.files.OwnerOnlyFiles;
import io.trailwatch.schemas.kafka.KafkaAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * Trailwatch's own principal on the embedded broker ({@code User:trailwatch}, a super user): its password is made
 * on the first start and kept in {@code <data-dir>/kafka-client.properties} (0600), written as a Kafka client
 * configuration, so {@code kafka-console-consumer --consumer.config} and other Kafka tools can use it too.
 */
record KafkaSuperUser(String name, String password) {

    static final String FILE = "kafka-client.properties";
    static final String NAME = "trailwatch";

    /** @param port the broker's client port, for the file's {@code bootstrap.servers} */
    static KafkaSuperUser loadOrCreate(final Path dataDir, final int port) {
        final Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                final Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(file)) {
                    properties.load(in);
                }
                final String password = properties.getProperty("trailwatch.password");
                if (password == null || password.isEmpty()) {
                    throw new IllegalStateException(file + " has no trailwatch.password");
                }
                return new KafkaSuperUser(NAME, password);
            }
            final byte[] random = new byte[30];
            new SecureRandom().nextBytes(random);
            // URL-safe base64: no quote, comma or bracket, which JAAS and the SCRAM format arguments would trip on.
            final KafkaSuperUser created = new KafkaSuperUser(NAME, Base64.getUrlEncoder().withoutPadding()
                .encodeToString(random));
            OwnerOnlyFiles.write(file, created.clientProperties("127.0.0.1:" + port));
            return created;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    KafkaAccess access(final String bootstrapServers) {
        return KafkaAccess.scram(bootstrapServers, name, password);
    }

    private String clientProperties(final String bootstrapServers) {
        // Properties.store escapes what the format needs (backslashes, line breaks, leading spaces).
        final Properties properties = new Properties();
        access(bootstrapServers).clientConfig(java.util.Map.of()).forEach((key, value) -> properties.setProperty(key,
            value.toString()));
        properties.setProperty("trailwatch.password", password);
        final java.io.StringWriter text = new java.io.StringWriter();
        try {
            properties.store(text, "Trailwatch's own Kafka principal (super user) on the embedded broker. Keep this "
                + "file private.");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "KafkaSuperUser[" + name + "]";
    }
}
