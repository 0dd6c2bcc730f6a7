package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** validate-logs has no default S3 key: the local stack's generated one, or a key named; else exit code 2. */
class ValidateLogsS3KeyTest {

    @Test
    void againstTheLocalStackWithoutItsKeyFileItSaysWhereItLookedAndWhatToPass() {
        assumeThat(Path.of("data", "s3proxy", "credentials")).doesNotExist();
        assumeThat(System.getenv("TRAILWATCH_S3_ACCESS_KEY_ID")).isNull();
        assumeThat(System.getenv("TRAILWATCH_S3_ENDPOINT")).isNull();

        final CommandLineRunner result = CommandLineRunner.run("validate-logs", "--bucket", "trailwatch-archive",
            "--start-time", "2026-11-21");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(Path.of("data", "s3proxy", "credentials").toString())
            .contains("--s3-access-key-id");
    }

    @Test
    void anotherStoreWithoutAKeyIsRefusedBeforeAnyRequest() {
        assumeThat(System.getenv("TRAILWATCH_S3_ACCESS_KEY_ID")).isNull();

        final CommandLineRunner result = CommandLineRunner.run("validate-logs", "--bucket", "archive",
            "--s3-endpoint", "http://127.0.0.1:1", "--start-time", "2026-11-21");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains("--s3-endpoint http://127.0.0.1:1 needs --s3-access-key-id");
    }

    @Test
    void halfAKeyIsRefused() {
        final CommandLineRunner result = CommandLineRunner.run("validate-logs", "--bucket", "archive",
            "--s3-access-key-id", "AKIAEXAMPLE", "--start-time", "2026-11-21");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--s3-access-key-id needs --s3-secret-access-key");
    }
}
