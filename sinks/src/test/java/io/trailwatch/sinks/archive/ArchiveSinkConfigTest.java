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
