package io.trailwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.ConfigTransformerResult;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorSecretsTest {

    @TempDir
    Path dir;

    private static Map<String, String> archive() {
        final Map<String, String> config = new LinkedHashMap<>();
        config.put("name", "trailwatch-archive-audit");
        config.put("connector.class", "io.trailwatch.sinks.archive.ArchiveSinkConnector");
        config.put("s3.access.key.id", "AKIDEXAMPLE");
        config.put("s3.secret.access.key", "wJalr/K7MDENG=bPx:RfiCY#EXAMPLEKEY");
        config.put("s3.bucket.name", "trailwatch-archive");
        config.put("digest.signing.key.file", "/data/archive/digest-signing-key.pem");
        return config;
    }

    @Test
    void secretsBecomeFileReferencesThatKafkasFileConfigProviderResolvesToTheValues() throws Exception {
        final ConnectorSecrets secrets = new ConnectorSecrets(dir.resolve(ConnectorSecrets.FILE_NAME),
            Set.of("s3.secret.access.key"));

        final Map<String, String> externalized = secrets.externalize(archive());
        secrets.write();

        final String reference = "${file:" + dir.resolve(ConnectorSecrets.FILE_NAME)
            + ":trailwatch-archive-audit.s3.secret.access.key}";
        assertThat(externalized).containsEntry("s3.secret.access.key", reference)
            .containsEntry("s3.access.key.id", "AKIDEXAMPLE")
            .containsEntry("digest.signing.key.file", "/data/archive/digest-signing-key.pem");
        assertThat(externalized.values()).noneMatch(value -> value.contains("EXAMPLEKEY"));
        assertThat(Files.getPosixFilePermissions(secrets.file()))
            .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        // Resolved as the worker resolves it, with the provider limited to this directory.
        final FileConfigProvider provider = new FileConfigProvider();
        provider.configure(Map.of("allowed.paths", dir.toString()));
        final ConfigTransformerResult resolved = new ConfigTransformer(Map.<String, ConfigProvider>of("file", provider))
            .transform(externalized);
        assertThat(resolved.data()).isEqualTo(archive());
        provider.close();
    }

    @Test
    void theProviderReadsNoFileOutsideTheWorkersDirectory() throws Exception {
        final Path elsewhere = Files.writeString(Files.createTempFile("not-a-secret", ".properties"), "k=v\n");
        try (FileConfigProvider provider = new FileConfigProvider()) {
            final Map<String, String> worker = ConnectorSecrets.workerConfig(dir);
            assertThat(worker).containsEntry("config.providers", "file")
                .containsEntry("config.providers.file.class", FileConfigProvider.class.getName())
                .containsEntry("config.providers.file.param.allowed.paths", dir.toString());
            provider.configure(Map.of("allowed.paths", worker.get("config.providers.file.param.allowed.paths")));
            final ConfigData data = provider.get(elsewhere.toString());
            assertThat(data.data()).isEmpty();
        } finally {
            Files.delete(elsewhere);
        }
    }

    @Test
    void namesThatSayPasswordOrSecretAreSecretsTooAndReferencesAndEmptyValuesStay() throws Exception {
        final ConnectorSecrets secrets = new ConnectorSecrets(dir.resolve("s.properties"), Set.of());
        final Map<String, String> config = new LinkedHashMap<>();
        config.put("name", "n");
        config.put("delivered.sasl.jaas.config", "ScramLoginModule required username=\"u\" password=\"p\";");
        config.put("ssl.truststore.password", "changeit");
        config.put("basic.auth.user.info", "key:secret");
        config.put("webhook.url", "https://hooks.example/T/B/x");
        config.put("s3.secret.access.key", "");
        config.put("other.secret", "${env:OTHER}");
        config.put("s3.access.key.id", "AKID");

        final Map<String, String> externalized = secrets.externalize(config);
        secrets.write();

        assertThat(externalized.get("delivered.sasl.jaas.config")).startsWith("${file:");
        assertThat(externalized.get("ssl.truststore.password")).startsWith("${file:");
        assertThat(externalized.get("basic.auth.user.info")).startsWith("${file:");
        assertThat(externalized).containsEntry("webhook.url", "https://hooks.example/T/B/x")
            .containsEntry("s3.secret.access.key", "").containsEntry("other.secret", "${env:OTHER}")
            .containsEntry("s3.access.key.id", "AKID");
        final Properties stored = new Properties();
        try (Reader in = Files.newBufferedReader(secrets.file())) {
            stored.load(in);
        }
        assertThat(stored).containsEntry("n.ssl.truststore.password", "changeit")
            .containsEntry("n.delivered.sasl.jaas.config", "ScramLoginModule required username=\"u\" password=\"p\";")
            .hasSize(3);
    }

    @Test
    void aPathAReferenceCannotCarryIsRefused() {
        assertThatThrownBy(() -> new ConnectorSecrets(dir.resolve("a:b").resolve("s.properties"), Set.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("':'");
    }
}
