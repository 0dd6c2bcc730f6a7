package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** validate-logs' arguments: mistakes are named, with exit code 2, before anything is read. */
class ValidateLogsCommandTest {

    @Test
    void aStartTimeThatIsNotATimeIsRefusedByName() {
        final CommandLineRunner result = CommandLineRunner.run("validate-logs", "--bucket", "archive",
            "--start-time", "yesterday");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--start-time must be a time, ISO 8601").contains("'yesterday'");
    }

    @Test
    void anEndBeforeTheStartIsRefused() {
        final CommandLineRunner result = CommandLineRunner.run("validate-logs", "--bucket", "archive",
            "--start-time", "2026-11-21T10:00:00Z", "--end-time", "2026-11-21");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--end-time must be after --start-time");
    }

    @Test
    void theBucketIsRequired() {
        final CommandLineRunner result = CommandLineRunner.run("validate-logs", "--start-time", "2026-11-21");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--bucket");
    }

    @Test
    void anUnreadablePublicKeyFileIsNamed() {
        final CommandLineRunner result = CommandLineRunner.run("validate-logs", "--bucket", "archive",
            "--start-time", "2026-11-21", "--public-key", "/nonexistent/key.pem");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("/nonexistent/key.pem");
    }
}
