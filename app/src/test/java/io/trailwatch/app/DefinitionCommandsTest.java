package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The definition commands' checks that need no running Trailwatch. */
class DefinitionCommandsTest {

    @TempDir
    Path dir;

    @Test
    void anUnknownPackIsAUsageErrorBeforeAnythingStarts() {
        final CommandLineRunner up = CommandLineRunner.run("up", "--pack", "nist", "--data-dir", dir.toString());

        assertThat(up.exitCode()).isEqualTo(2);
        assertThat(up.err()).contains("unknown pack 'nist'", "[cis]");
    }

    @Test
    void aNotifierTheConnectorWouldRejectIsAUsageErrorBeforeAnythingStarts() {
        final CommandLineRunner up = CommandLineRunner.run("up", "--webhook-url", "https://events.pagerduty.com/v2/enqueue",
            "--webhook-format", "pagerduty", "--data-dir", dir.toString());

        assertThat(up.exitCode()).isEqualTo(2);
        assertThat(up.err()).contains("notifications", "pagerduty.routing.key", "is required with webhook.format=pagerduty");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void badMetricTransformationsAreAUsageErrorBeforeAnyCall() {
        final CommandLineRunner put = CommandLineRunner.run("put-metric-filter", "--log-group-name", "g",
            "--filter-name", "f", "--filter-pattern", "ERROR", "--metric-transformations", "metricName",
            "--endpoint", "http://127.0.0.1:1");

        assertThat(put.exitCode()).isEqualTo(2);
        assertThat(put.err()).contains("--metric-transformations: expected key=value, got 'metricName'");
    }

    @Test
    void anUnreachableApiIsExitCode1() {
        final CommandLineRunner describe = CommandLineRunner.run("describe-rule", "--name", "r",
            "--endpoint", "http://127.0.0.1:1");

        assertThat(describe.exitCode()).isEqualTo(1);
        assertThat(describe.err()).contains("cannot reach Trailwatch at http://127.0.0.1:1");
    }

    @Test
    void testMetricFilterRunsLocallyAndRejectsABadPatternWithItsPosition() {
        final CommandLineRunner matched = CommandLineRunner.run("test-metric-filter", "--filter-pattern",
            "{ $.eventName = \"DeleteBucket\" }", "--log-event-messages", "{\"eventName\": \"DeleteBucket\"}",
            "{\"eventName\": \"ListBuckets\"}");
        final CommandLineRunner bad = CommandLineRunner.run("test-metric-filter", "--filter-pattern", "{ $.a = ",
            "--log-event-messages", "x");

        assertThat(matched.exitCode()).isZero();
        assertThat(matched.out()).contains("\"eventNumber\" : 1", "\"$.eventName\" : \"DeleteBucket\"")
            .doesNotContain("ListBuckets");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("field 'filterPattern'", "position 8");
    }
}
