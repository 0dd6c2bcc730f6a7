package io.trailwatch.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import io.trailwatch.stack.ChildStatus;
import io.trailwatch.testkit.MutableClock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The health report names what is down and since when it is, not since when someone asked. */
class HealthReportTest {

    private static final Instant START = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    void aComponentIsDownSinceTheFirstCheckThatSawItDownAndUpSinceItCameBack() {
        final MutableClock clock = new MutableClock(START);
        final AtomicReference<HealthCheck.Status> connector = new AtomicReference<>(HealthCheck.Status.up("RUNNING"));
        final HealthReport report = new HealthReport(List.of(check("kafka", () -> HealthCheck.Status.up("1 broker")),
            check("connector archive", connector::get)), clock);

        assertThat(report.ready()).isTrue();
        clock.advance(Duration.ofSeconds(10));
        connector.set(HealthCheck.Status.down("connector PAUSED, task 0 PAUSED"));
        assertThat(report.ready()).isFalse();
        clock.advance(Duration.ofSeconds(30));

        final JsonNode json = report.toJson();
        assertThat(json.path("status").asText()).isEqualTo("DOWN");
        assertThat(json.path("components").get(0).path("status").asText()).isEqualTo("UP");
        assertThat(json.path("components").get(0).path("since").asText()).isEqualTo(START.toString());
        final JsonNode down = json.path("components").get(1);
        assertThat(down.path("name").asText()).isEqualTo("connector archive");
        assertThat(down.path("status").asText()).isEqualTo("DOWN");
        assertThat(down.path("since").asText()).isEqualTo(START.plusSeconds(10).toString());
        assertThat(down.path("detail").asText()).isEqualTo("connector PAUSED, task 0 PAUSED");

        connector.set(HealthCheck.Status.up("RUNNING"));
        clock.advance(Duration.ofSeconds(5));
        assertThat(report.ready()).isTrue();
        assertThat(report.components().get(1).since()).isEqualTo(START.plusSeconds(45));
    }

    @Test
    void aCheckThatKnowsWhenItWentDownSaysSoAndOneThatThrowsIsDownWithTheReason() {
        final Instant exited = START.minusSeconds(3);
        final HealthReport report = new HealthReport(List.of(
            check("objectStore", () -> new HealthCheck.Status(false, "S3Proxy RESTARTING: exited with code 137",
                exited)),
            HealthChecks.named("schemaRegistry", () -> {
                throw new java.net.ConnectException("Connection refused");
            })), new MutableClock(START));

        final List<HealthReport.Component> components = report.components();

        assertThat(components.get(0).since()).isEqualTo(exited);
        assertThat(components.get(1).up()).isFalse();
        assertThat(components.get(1).detail()).isEqualTo("ConnectException: Connection refused");
    }

    @Test
    void aRestartingChildIsDownSinceItsExitWithoutTheLogLinesOfItsReport() {
        final Instant exited = START.minusSeconds(7);
        final ChildStatus restarting = new ChildStatus("S3Proxy", ChildStatus.State.RESTARTING, -1, exited, 3,
            "S3Proxy (pid 42) exited with code 1; restarting it in 4 s (restart 3); it failed 3 times in a row, last "
                + "lines of s3proxy.log:\nconfig: s3proxy.credential=(a secret)");
        final HealthReport report = new HealthReport(List.of(HealthChecks.supervised("objectStore", () -> restarting,
            () -> HealthCheck.Status.up("never asked"))), new MutableClock(START));

        final HealthReport.Component component = report.components().get(0);

        assertThat(component.up()).isFalse();
        assertThat(component.since()).isEqualTo(exited);
        assertThat(component.detail()).isEqualTo("S3Proxy RESTARTING: S3Proxy (pid 42) exited with code 1; restarting it "
            + "in 4 s (restart 3); it failed 3 times in a row, last lines of s3proxy.log:");
    }

    @Test
    void aChildRestartedBetweenTwoChecksIsUpSinceItsRestart() {
        final MutableClock clock = new MutableClock(START);
        final AtomicReference<ChildStatus> child = new AtomicReference<>(
            new ChildStatus("S3Proxy", ChildStatus.State.RUNNING, 41, START.minusSeconds(60), 0, null));
        final HealthReport report = new HealthReport(List.of(HealthChecks.supervised("objectStore", child::get,
            () -> HealthCheck.Status.up("answers"))), clock);
        assertThat(report.components().get(0).since()).isEqualTo(START.minusSeconds(60));

        // Killed and back within the checks' interval: no check saw it down.
        child.set(new ChildStatus("S3Proxy", ChildStatus.State.RUNNING, 42, START.plusSeconds(3), 1,
            "S3Proxy (pid 41) exited with code 137; restarting it in 1 s (restart 1)"));
        clock.advance(Duration.ofSeconds(5));

        final HealthReport.Component component = report.components().get(0);
        assertThat(component.up()).isTrue();
        assertThat(component.since()).isEqualTo(START.plusSeconds(3));
        assertThat(component.detail()).isEqualTo("answers (pid 42, restarts: 1, last: S3Proxy (pid 41) exited with "
            + "code 137; restarting it in 1 s (restart 1))");
    }

    private static HealthCheck check(final String name, final java.util.function.Supplier<HealthCheck.Status> status) {
        return HealthChecks.named(name, status::get);
    }
}
