package io.trailwatch.sinks.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.sinks.archive.store.S3Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveSinkConfigTest {

    @TempDir
    Path dir;

    private Map<String, String> minimal() throws Exception {
        final Path key = Files.writeString(dir.resolve("key.pem"), "placeholder");
        final Map<String, String> config = new HashMap<>();
        config.put(ArchiveSinkConfig.S3_BUCKET, "archive");
        config.put(ArchiveSinkConfig.SCHEMA_REGISTRY_URL, "http://localhost:8081");
        config.put(ArchiveSinkConfig.DIGEST_SIGNING_KEY_FILE, key.toString());
        return config;
    }

    @Test
    void defaultsDeliverWithinAMinuteAndDigestHourly() throws Exception {
        final ArchiveSinkConfig config = new ArchiveSinkConfig(minimal());

        assertThat(config.rotateIntervalMs()).isEqualTo(30_000);
        assertThat(config.flushIdleMs()).isEqualTo(10_000);
        assertThat(config.digest().interval()).isEqualTo(Duration.ofHours(1));
        assertThat(config.format()).isEqualTo(ArchiveFormat.CLOUDTRAIL);
        assertThat(config.s3().endpoint()).isNull();
    }

    @Test
    void digestsNeedASigningKeyThatExists() throws Exception {
        final Map<String, String> config = minimal();
        config.put(ArchiveSinkConfig.DIGEST_SIGNING_KEY_FILE, dir.resolve("missing.pem").toString());

        assertThatThrownBy(() -> new ArchiveSinkConfig(config)).isInstanceOf(ConfigException.class)
            .hasMessageContaining(ArchiveSinkConfig.DIGEST_SIGNING_KEY_FILE).hasMessageContaining("no readable file");
        config.put(ArchiveSinkConfig.DIGEST_ENABLED, "false");
        assertThat(new ArchiveSinkConfig(config).digestEnabled()).isFalse();
    }

    @Test
    void theConnectorReportsEachBadSettingByName() throws Exception {
        final Map<String, String> config = minimal();
        config.put(ArchiveSinkConfig.S3_PREFIX, "/no-leading-slash");
        config.put(ArchiveSinkConfig.FLUSH_MAX_RECORDS, "0");
        config.put(ArchiveSinkConfig.FORMAT, "parquet");

        final Map<String, ConfigValue> values = new HashMap<>();
        new ArchiveSinkConnector().validate(config).configValues().forEach(value -> values.put(value.name(), value));

        assertThat(values.get(ArchiveSinkConfig.S3_PREFIX).errorMessages()).singleElement().asString()
            .contains("ending in '/'");
        assertThat(values.get(ArchiveSinkConfig.FLUSH_MAX_RECORDS).errorMessages()).isNotEmpty();
        assertThat(values.get(ArchiveSinkConfig.FORMAT).errorMessages()).isNotEmpty();
        assertThat(values.get(ArchiveSinkConfig.S3_BUCKET).errorMessages()).isEmpty();
    }

    /** Settings each valid alone but not together: the connector names the one to fix. */
    @Test
    void theConnectorReportsASettingThatConflictsWithOthersByName() throws Exception {
        final Map<String, String> noKey = minimal();
        noKey.put(ArchiveSinkConfig.DIGEST_SIGNING_KEY_FILE, dir.resolve("missing.pem").toString());
        final Map<String, String> noSecret = minimal();
        noSecret.put(ArchiveSinkConfig.S3_ACCESS_KEY_ID, "AKIA");

        assertThat(errors(noKey)).containsOnlyKeys(ArchiveSinkConfig.DIGEST_SIGNING_KEY_FILE);
        assertThat(errors(noKey).get(ArchiveSinkConfig.DIGEST_SIGNING_KEY_FILE)).singleElement().asString()
            .contains("no readable file");
        assertThat(errors(noSecret)).containsOnlyKeys(ArchiveSinkConfig.S3_SECRET_ACCESS_KEY);
        assertThat(errors(minimal())).isEmpty();
    }

    private static Map<String, java.util.List<String>> errors(final Map<String, String> config) {
        final Map<String, java.util.List<String>> errors = new HashMap<>();
        new ArchiveSinkConnector().validate(config).configValues().stream()
            .filter(value -> !value.errorMessages().isEmpty())
            .forEach(value -> errors.put(value.name(), value.errorMessages()));
        return errors;
    }

    @Test
    void aStaticKeyNeedsItsSecret() throws Exception {
        final Map<String, String> config = minimal();
        config.put(ArchiveSinkConfig.S3_ACCESS_KEY_ID, "AKIA");

        assertThatThrownBy(() -> new ArchiveSinkConfig(config)).hasMessageContaining(ArchiveSinkConfig.S3_SECRET_ACCESS_KEY);
        config.put(ArchiveSinkConfig.S3_SECRET_ACCESS_KEY, "secret");
        config.put(ArchiveSinkConfig.S3_ENDPOINT, "http://127.0.0.1:9000");
        config.put(ArchiveSinkConfig.S3_PATH_STYLE, "true");
        assertThat(new ArchiveSinkConfig(config).s3()).isEqualTo(new S3Settings("http://127.0.0.1:9000", "us-east-1",
            "archive", "AKIA", "secret", true));
    }
}
