package io.trailwatch.app.selfmetrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trailwatch.stack.ConnectCredentials;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricDatum;
import org.junit.jupiter.api.Test;

class ConnectWorkerMetricsTest {

    private static final ConnectCredentials CREDENTIALS = new ConnectCredentials("trailwatch", "secret");
    private static final String WORKER_METRICS = """
        [{"group":"sink-task-metrics","name":"sink-record-read-total","tags":{"connector":"archive","task":"0"},"value":42},
         {"group":"connector-task-metrics","name":"status","tags":{"connector":"archive","task":"0","state":"failed"},"value":1},
         {"group":"task-error-metrics","name":"total-record-errors","tags":{"connector":"archive","task":"0"},"value":3},
         {"group":"connect-worker-metrics","name":"connector-failed-task-count","tags":{"connector":"archive"},"value":1},
         {"group":"plugins","name":"archive-upload-failures-total","tags":{"connector":"archive","task":"0","reason":"NoSuchBucket"},"value":2}]""";

    @Test
    void kafkasNamesBecomeMetersCountersAsCountersAndThePluginsAsTrailwatchs() {
        assertThat(ConnectWorkerMetrics.key("sink-task-metrics", "sink-record-read-total", Map.of()))
            .satisfies(key -> {
                assertThat(key.name()).isEqualTo("kafka.connect.sink.task.sink.record.read");
                assertThat(key.counter()).isTrue();
            });
        assertThat(ConnectWorkerMetrics.key("task-error-metrics", "total-record-errors", Map.of()).name())
            .isEqualTo("kafka.connect.task.error.record.errors");
        assertThat(ConnectWorkerMetrics.key("connect-worker-metrics", "connector-failed-task-count", Map.of()))
            .satisfies(key -> {
                assertThat(PrometheusNaming.renamed(key.name(), true)).isEqualTo(ConnectWorkerMetrics.FAILED_TASKS);
                assertThat(key.counter()).isFalse();
            });
        assertThat(ConnectWorkerMetrics.key("plugins", "archive-upload-failures-total", Map.of()).name())
            .isEqualTo(ConnectWorkerMetrics.UPLOAD_FAILURES);
    }

    @Test
    void theWorkersMetricsAreReadWithItsCredentialsAndWithdrawnWhenItStopsAnswering() throws Exception {
        final HttpServer worker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        worker.createContext(ConnectWorkerMetrics.PATH, exchange -> {
            final boolean authenticated = CREDENTIALS.authorization().equals(
                exchange.getRequestHeaders().getFirst("Authorization"));
            final byte[] body = (authenticated ? WORKER_METRICS : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(authenticated ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        worker.start();
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new PrometheusNaming());
        try (ConnectWorkerMetrics metrics = new ConnectWorkerMetrics(registry)) {
            metrics.watch("http://127.0.0.1:" + worker.getAddress().getPort(), CREDENTIALS);
            metrics.refresh();
            assertThat(registry.scrape()).contains("trailwatch_connect_worker_up 1.0")
                .contains("kafka_connect_sink_task_sink_record_read_total{connector=\"archive\",task=\"0\"} 42.0")
                .contains("kafka_connect_connector_task_status{connector=\"archive\",state=\"failed\",task=\"0\"} 1.0")
                .contains("kafka_connect_task_error_record_errors_total{connector=\"archive\",task=\"0\"} 3.0")
                .contains("trailwatch_archive_upload_failures_total{connector=\"archive\",reason=\"NoSuchBucket\","
                    + "task=\"0\"} 2.0");
            // The figures to alarm on reach CloudWatch's Trailwatch/... namespaces.
            final List<MetricDatum> exported = new CloudWatchExport(registry, datums -> { }, Clock.systemUTC())
                .export();
            assertThat(exported).anySatisfy(datum -> assertDatum(datum, "Trailwatch/Archive", "UploadFailures", 2,
                new Dimension("Connector", "archive"), new Dimension("Reason", "NoSuchBucket")));
            assertThat(exported).anySatisfy(datum -> assertDatum(datum, "Trailwatch/Connect", "FailedTasks", 1,
                new Dimension("Connector", "archive")));
            assertThat(exported).anySatisfy(datum -> assertDatum(datum, "Trailwatch/Connect", "WorkerUp", 1));

            worker.stop(0);
            metrics.refresh();
            assertThat(registry.scrape()).contains("trailwatch_connect_worker_up 0.0").doesNotContain("kafka_connect_")
                .doesNotContain("trailwatch_archive_upload_failures");
        } finally {
            worker.stop(0);
        }
    }

    private static void assertDatum(final MetricDatum datum, final String namespace, final String name,
                                    final double value, final Dimension... dimensions) {
        assertThat(datum.getNamespace()).isEqualTo(namespace);
        assertThat(datum.getMetricName()).isEqualTo(name);
        assertThat(datum.getDimensions()).containsExactly(dimensions);
        assertThat(datum.getValue()).isEqualTo(value);
    }
}
