package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.stack.FreePorts;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The Kafka Connect worker of {@code trailwatch up} as its {@code /metrics} shows it (issue 22): the tasks' states
 * and counts, read from the worker's authenticated REST API; the archive's upload failures when its bucket is gone
 * from under S3Proxy; and a worker killed with SIGKILL as {@code trailwatch_connect_worker_up 0}, not as a failed
 * scrape. {@code promtool check metrics} accepts every exposition.
 */
@ResourceLock(WholeStack.LOCK)
class ConnectWorkerMetricsIT {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String ARCHIVE = "trailwatch-archive-audit";

    @TempDir
    Path dataDir;

    @Test
    void theWorkersTasksAndTheArchivesUploadFailuresAreInMetricsAndAStoppedWorkerIsAGauge() throws Exception {
        final int[] ports = FreePorts.pick(5);
        final String endpoint = "http://127.0.0.1:" + ports[2];
        final UpProcess up = UpProcess.start("--data-dir", dataDir.toString(), "--kafka-port",
            String.valueOf(ports[0]), "--registry-port", String.valueOf(ports[1]), "--http-port",
            String.valueOf(ports[2]), "--s3-port", String.valueOf(ports[3]), "--kafka-plain-port",
            String.valueOf(ports[4]));
        try {
            up.awaitUp(Duration.ofMinutes(3));
            // The archive and Connect lines come after the banner's last line: wait for them when not yet printed.
            final java.util.function.Predicate<String> connectLine = line -> line.contains("Kafka Connect REST API");
            if (up.transcript().lines().noneMatch(connectLine)) {
                up.awaitLine(connectLine, Duration.ofMinutes(1));
            }
            ConnectChecks.lockedDown(up.transcript(), dataDir);
            final AtomicReference<String> scraped = new AtomicReference<>();
            Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                scraped.set(scrape(endpoint));
                assertThat(scraped.get()).contains("trailwatch_connect_worker_up 1.0")
                    .contains("kafka_connect_connector_task_status{connector=\"" + ARCHIVE
                        + "\",state=\"running\",task=\"0\"} 1.0")
                    .contains("kafka_connect_sink_task_sink_record_read_total{connector=\"" + ARCHIVE)
                    .contains("kafka_connect_sink_task_offset_commit_completion_total{connector=\"" + ARCHIVE)
                    .contains("kafka_connect_task_error_record_failures_total{connector=\"" + ARCHIVE)
                    .contains("kafka_connect_worker_connector_failed_tasks{connector=\"" + ARCHIVE + "\"} 0.0");
            });
            SelfMetricsChecks.promtoolAccepts(scraped.get());
            final long started = System.nanoTime();
            final String exposition = scrape(endpoint);
            System.out.printf("/metrics with the Connect worker's: %d series lines (%d of the worker), %d KiB, "
                + "answered in %d ms; worker metrics: %s%n", exposition.lines().filter(line -> !line.startsWith("#"))
                    .count(), exposition.lines().filter(line -> line.startsWith("kafka_connect_")).count(),
                exposition.length() / 1024, Duration.ofNanos(System.nanoTime() - started).toMillis(),
                exposition.lines().filter(line -> line.startsWith("# TYPE kafka_connect_"))
                    .map(line -> line.substring("# TYPE ".length())).toList());

            // The bucket goes away under S3Proxy: every upload of the archive is refused (NoSuchBucket) and retried.
            // The scrapes themselves are audited, so the archive has records to upload.
            final Path bucket = dataDir.resolve("s3").resolve("trailwatch-archive");
            Files.move(bucket, bucket.resolveSibling("moved-away"));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(scrape(endpoint)).containsPattern(
                "(?m)^trailwatch_archive_upload_failures_total\\{connector=\"" + ARCHIVE
                    + "\",reason=\"NoSuchBucket\",task=\"0\"} [1-9]"));
            // Failing uploads are retried: the task is not failed.
            assertThat(scrape(endpoint)).contains("kafka_connect_connector_task_status{connector=\"" + ARCHIVE
                + "\",state=\"running\",task=\"0\"} 1.0");

            final long pid = Long.parseLong(Files.readString(dataDir.resolve("connect").resolve("connect.pid"))
                .lines().findFirst().orElseThrow().trim());
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                scraped.set(scrape(endpoint));
                assertThat(scraped.get()).contains("trailwatch_connect_worker_up 0.0")
                    .doesNotContain("kafka_connect_").doesNotContain("trailwatch_archive_upload_failures");
            });
            SelfMetricsChecks.promtoolAccepts(scraped.get());
            // Restarted by its supervisor, the worker's metrics are back.
            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(scrape(endpoint))
                .contains("trailwatch_connect_worker_up 1.0")
                .contains("kafka_connect_sink_task_sink_record_read_total{connector=\"" + ARCHIVE));
        } finally {
            up.stop(Duration.ofSeconds(60));
        }
    }

    private String scrape(final String endpoint) throws Exception {
        final HttpResponse<String> scraped = SelfMetricsChecks.scrape(endpoint, dataDir);
        assertThat(scraped.statusCode()).as(scraped.body()).isEqualTo(200);
        return scraped.body();
    }
}
