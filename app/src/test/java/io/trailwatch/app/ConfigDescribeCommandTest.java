package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trailwatch config describe} and what {@code up} does with settings it cannot use, before it starts. */
class ConfigDescribeCommandTest {

    @TempDir
    Path dir;

    @Test
    void describeListsEverySettingWithValueAndSourceAndMasksSecrets() throws IOException {
        final Path config = dir.resolve("prod.yaml");
        Files.writeString(config, """
            settings:
              trailwatch.topics.replication.factor: 3
              kafka.sasl.jaas.config: org.apache.kafka.common.security.scram.ScramLoginModule required username="tw" password="hunter2";
            metricFilters: []
            """);

        final CommandLineRunner run = CommandLineRunner.run("config", "describe", "--config", config.toString(),
            "--set", "trailwatch.aggregation.grace.ms=9000");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("trailwatch.topics.replication.factor = 3  (file)")
            .contains("kafka.sasl.jaas.config = ******  (file)")
            .contains("trailwatch.aggregation.grace.ms = 9000  (flag)")
            .contains("trailwatch.http.port = 8080  (default)")
            .doesNotContain("hunter2");
    }

    @Test
    void upRefusesAnUnknownSettingWithOneLineAndExitCode2() throws IOException {
        final Path config = dir.resolve("typo.yaml");
        Files.writeString(config, "settings:\n  kafka.sasl.mechansim: PLAIN\n");

        final CommandLineRunner run = CommandLineRunner.run("up", "--data-dir", dir.resolve("data").toString(),
            "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("trailwatch up: unknown setting 'kafka.sasl.mechansim'")
            .contains("in " + config).doesNotContain("\n");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void upRefusesAnInvalidValueWithOneLineAndExitCode2() {
        final CommandLineRunner run = CommandLineRunner.run("up", "--data-dir", dir.resolve("data").toString(),
            "--set", "trailwatch.topics.replication.factor=zero");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("trailwatch up: Invalid value zero for configuration "
            + "trailwatch.topics.replication.factor").doesNotContain("\n");
    }
}
