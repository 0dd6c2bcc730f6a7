package io.trailwatch.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.app.cli.UpCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    private static final SettingsCatalogue CATALOGUE = UpCommand.catalogue();

    @TempDir
    Path dir;

    private Path file(final String yaml) throws IOException {
        final Path file = dir.resolve("trailwatch.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
        final Path file = file("""
            settings:
              trailwatch.aggregation.grace.ms: 1000
              trailwatch.history.scan.limit: 77
              trailwatch:
                http.port: 9999
                alarm.partitions: 12
            """);
        final Settings settings = Settings.resolve(CATALOGUE, Map.of("trailwatch.aggregation.grace.ms", "3000"),
            Map.of("TRAILWATCH_AGGREGATION_GRACE_MS", "2000", "TRAILWATCH_HISTORY_SCAN_LIMIT", "88",
                "TRAILWATCH_UNRELATED_THING", "ignored"), file);

        assertThat(settings.all().get("trailwatch.aggregation.grace.ms"))
            .isEqualTo(new Settings.Value(3000L, Settings.Source.FLAG));
        assertThat(settings.all().get("trailwatch.history.scan.limit"))
            .isEqualTo(new Settings.Value(88, Settings.Source.ENVIRONMENT));
        assertThat(settings.all().get("trailwatch.alarm.partitions"))
            .isEqualTo(new Settings.Value(12, Settings.Source.FILE));
        assertThat(settings.all().get("trailwatch.http.port"))
            .isEqualTo(new Settings.Value(9999, Settings.Source.FILE));
        assertThat(settings.all().get("trailwatch.notify.smtp.port"))
            .isEqualTo(new Settings.Value(587, Settings.Source.DEFAULT));
        // up's options are settings too, and the processors get theirs typed
        assertThat(settings.all()).containsKeys("trailwatch.bootstrap.servers", "trailwatch.s3.endpoint",
            "trailwatch.connect.url", "streams.num.stream.threads", "registry.basic.auth.user.info");
        assertThat(settings.processorSettings()).containsEntry("trailwatch.aggregation.grace.ms", 3000L)
            .containsEntry("trailwatch.alarm.partitions", 12).doesNotContainKey("trailwatch.http.port");
    }

    @Test
    void kafkaClientSettingsPassThroughUnderTheirPrefixFromEveryKindOfSource() throws IOException {
        final Path file = file("""
            settings:
              kafka.security.protocol: SASL_SSL
              kafka.ssl.truststore.location: /etc/trailwatch/truststore.p12
              streams.num.stream.threads: 4
            """);
        final Settings settings = Settings.resolve(CATALOGUE, Map.of(),
            Map.of("TRAILWATCH_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "TRAILWATCH_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule "
                    + "required username=\"tw\" password=\"s3cret\";"), file);

        assertThat(settings.withPrefix(SettingsCatalogue.KAFKA_PREFIX))
            .containsEntry("security.protocol", "SASL_SSL")
            .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
            .containsEntry("ssl.truststore.location", "/etc/trailwatch/truststore.p12")
            .containsKey("sasl.jaas.config");
        assertThat(settings.processorSettings()).containsEntry("num.stream.threads", "4");
    }

    @Test
    void describeMasksSecretsAndNamesSources() {
        final Settings settings = Settings.resolve(CATALOGUE, Map.of("kafka.ssl.keystore.password", "ks-pass",
                "registry.basic.auth.user.info", "reg:reg-pass"),
            Map.of("TRAILWATCH_KAFKA_SASL_JAAS_CONFIG", "x required username=\"u\" password=\"jaas-pass\";",
                "TRAILWATCH_NOTIFY_SMTP_PASSWORD", "smtp-pass"), null);

        final String described = String.join("\n", settings.describe());

        assertThat(described).doesNotContain("ks-pass", "reg-pass", "jaas-pass", "smtp-pass")
            .contains("kafka.ssl.keystore.password = ******  (flag)")
            .contains("kafka.sasl.jaas.config = ******  (environment TRAILWATCH_KAFKA_SASL_JAAS_CONFIG)")
            .contains("trailwatch.notify.smtp.password = ******  (environment TRAILWATCH_NOTIFY_SMTP_PASSWORD)")
            .contains("registry.basic.auth.user.info = ******  (flag)")
            .contains("trailwatch.aggregation.grace.ms = 5000  (default)");
    }

    @Test
    void unknownSettingIsOneLineNamingItAndWhatIsAllowed() throws IOException {
        final Path file = file("settings:\n  trailwatch.aggregation.grace.secs: 5\n");

        assertThatThrownBy(() -> Settings.resolve(CATALOGUE, Map.of(), Map.of(), file))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("unknown setting 'trailwatch.aggregation.grace.secs'")
            .hasMessageContaining("trailwatch config describe")
            .hasMessageContaining("kafka.<Kafka client setting>")
            .hasMessageContaining("in " + file)
            .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Settings.resolve(CATALOGUE, Map.of("kafka.no.such.client.setting", "1"), Map.of(),
            null)).hasMessageContaining("unknown setting 'kafka.no.such.client.setting'");
    }

    @Test
    void invalidValueIsOneLineNamingTheSettingItsSourceAndTheRule() {
        assertThatThrownBy(() -> Settings.resolve(CATALOGUE, Map.of(),
            Map.of("TRAILWATCH_NOTIFY_RETRY_MAX_ATTEMPTS", "500"), null))
            .hasMessageContaining("trailwatch.notify.retry.max.attempts")
            .hasMessageContaining("500")
            .hasMessageContaining("100")
            .hasMessageContaining("in env TRAILWATCH_NOTIFY_RETRY_MAX_ATTEMPTS");
        assertThatThrownBy(() -> Settings.resolve(CATALOGUE, Map.of("kafka.security.protocol", "SASL_TLS"),
            Map.of(), null))
            .hasMessageContaining("kafka.security.protocol")
            .hasMessageContaining("SASL_SSL");
        assertThatThrownBy(() -> Settings.pairs(List.of("no-equals-sign")))
            .hasMessageContaining("expected NAME=VALUE");
    }
}
