package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.identity.NewAccessKey;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.schemas.Topics;
import io.trailwatch.stack.FreePorts;
import io.trailwatch.testkit.UniqueNames;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trailwatch's own metrics as Prometheus reads them: Debian's real Prometheus server scrapes {@code /metrics} with a
 * scrape credential (an access key allowed {@code trailwatch:GetMetrics} only, as HTTP Basic), {@code promtool}
 * checks the exposition, and a dead-lettered record and an alarm transition move their counters as Prometheus
 * queries them. The same figures reach CloudWatch's {@code Trailwatch/...} namespace.
 */
class SelfMetricsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SCRAPE_POLICY = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"trailwatch:GetMetrics","Resource":"*"}]}""";

    private static RunningTrailwatch trailwatch;
    private static TestIdentity identity;
    private static NewAccessKey scraper;
    private static Path prometheusDir;
    private static Process prometheus;
    private static String prometheusUrl;

    @BeforeAll
    static void startPrometheus() throws Exception {
        trailwatch = RunningTrailwatch.get();
        identity = TestIdentity.get();
        final String user = UniqueNames.of("prometheus");
        identity.identities().createUser(user);
        identity.identities().putUserPolicy(user, "Scrape", SCRAPE_POLICY);
        scraper = identity.identities().createAccessKey(user);
        prometheusDir = Files.createTempDirectory("trailwatch-prometheus");
        final Path password = prometheusDir.resolve("scrape-password");
        Files.writeString(password, scraper.secretAccessKey());
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        final Path config = prometheusDir.resolve("prometheus.yml");
        Files.writeString(config, """
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: trailwatch
                metrics_path: /metrics
                basic_auth:
                  username: %s
                  password_file: %s
                static_configs:
                  - targets: ["127.0.0.1:%d"]
            """.formatted(scraper.key().accessKeyId(), password, URI.create(trailwatch.endpoint()).getPort()));
        final int port = FreePorts.pick();
        prometheusUrl = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
            "--storage.tsdb.path=" + prometheusDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true).redirectOutput(prometheusDir.resolve("prometheus.log").toFile()).start();
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor();
        }
    }

    @Test
    void prometheusScrapesWithTheScrapeCredentialAndPromtoolAcceptsTheExposition() throws Exception {
        final long started = System.nanoTime();
        final HttpResponse<String> scraped = scrape(basic(scraper.key().accessKeyId(), scraper.secretAccessKey()));
        assertThat(scraped.statusCode()).as(scraped.body()).isEqualTo(200);
        System.out.printf("/metrics: %d series lines, %d KiB, answered in %d ms%n", scraped.body().lines()
            .filter(line -> !line.startsWith("#")).count(), scraped.body().length() / 1024,
            Duration.ofNanos(System.nanoTime() - started).toMillis());
        assertThat(scraped.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
            assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(scraped.body()).contains("jvm_memory_used_bytes", "kafka_consumer_fetch_manager_records_consumed_total",
            "kafka_stream_processor_node_process_total", "kafka_stream_state_estimate_num_keys",
            "kafka_stream_trailwatch_invalid_log_events_total", "trailwatch_http_requests_seconds_bucket");

        final ExternalClient promtool = ExternalClient.run(Duration.ofSeconds(30), Map.of(), scraped.body(),
            List.of("promtool", "check", "metrics"));
        assertThat(promtool.exitCode()).as(promtool.output()).isZero();

        Awaitility.await().atMost(WAIT).untilAsserted(() ->
            assertThat(query("up{job=\"trailwatch\"}")).as(log()).isEqualTo(1.0));
        awaitAudited(scraper.key().accessKeyId(), null);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(query(
            "trailwatch_consumer_lag_records{topic=\"trailwatch.audit\"}")).isNotNaN());
    }

    @Test
    void aDeadLetteredRecordMovesItsCounterAsPrometheusSeesIt() throws Exception {
        final String deadLetters = "sum(trailwatch_dead_letters_total{source_topic=\"trailwatch.logs\"}) or vector(0)";
        awaitScraped();
        final double before = query(deadLetters);
        trailwatch.infrastructure().produceRaw(Topics.LOGS.name(), "not avro".getBytes(StandardCharsets.UTF_8),
            "not avro either".getBytes(StandardCharsets.UTF_8));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(query(deadLetters)).isEqualTo(before + 1));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(query(
            "sum(kafka_producer_topic_record_send_total{topic=\"trailwatch.deadletter\"})")).isPositive());

        final List<MetricDatum> exported = trailwatch.features().selfMetrics().exportToCloudWatch();
        assertThat(exported).anySatisfy(datum -> {
            assertThat(datum.getNamespace()).isEqualTo("Trailwatch/Pipeline");
            assertThat(datum.getMetricName()).isEqualTo("DeadLetters");
            assertThat(datum.getDimensions()).isEmpty();
            assertThat(datum.getValue()).isPositive();
        });
        trailwatch.infrastructure().consumeUntil(Topics.METRICS, records -> records.stream().anyMatch(record ->
            record.value().getNamespace().equals("Trailwatch/Pipeline")
                && record.value().getMetricName().equals("DeadLetters")), WAIT);
    }

    /** A high-resolution datapoint over the threshold: the alarm is evaluated when its 10 s period closes. */
    @Test
    void anAlarmTransitionMovesItsCounterAndItsEvaluationIsTimed() throws Exception {
        final String transitions = "sum(trailwatch_alarm_transitions_total{state=\"ALARM\"}) or vector(0)";
        final String evaluations = "sum(trailwatch_alarm_evaluation_seconds_count) or vector(0)";
        final String alarm = UniqueNames.of("SelfMetricsErrors");
        final String namespace = UniqueNames.of("SelfMetricsIT");
        final HttpResponse<String> put = identity.send("PUT", trailwatch.endpoint() + "/v1/alarms/" + alarm,
            "{\"Namespace\":\"" + namespace + "\",\"MetricName\":\"Errors\",\"Statistic\":\"Maximum\","
                + "\"Period\":10,\"EvaluationPeriods\":1,\"Threshold\":1,"
                + "\"ComparisonOperator\":\"GreaterThanThreshold\",\"TreatMissingData\":\"notBreaching\"}");
        assertThat(put.statusCode()).as(put.body()).isBetween(200, 299);
        awaitScraped();
        final double transitionsBefore = query(transitions);
        final double evaluationsBefore = query(evaluations);

        // The alarm's definition reaches its evaluator asynchronously: on a loaded machine a period may close before
        // it does, and that period's datapoint is then not the alarm's. So one more breaching datapoint every few
        // seconds until the transition is counted (it is counted once: the alarm stays in ALARM).
        final long[] lastSent = {0};
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            if (System.nanoTime() - lastSent[0] > Duration.ofSeconds(5).toNanos()) {
                final MetricDatum datum = MetricDatum.newBuilder().setNamespace(namespace).setMetricName("Errors")
                    .setTimestamp(Instant.now()).setValue(5.0).setUnit("Count").setStorageResolution(1).build();
                trailwatch.infrastructure().produce(Topics.METRICS, MetricIdentity.of(datum).key(), datum);
                lastSent[0] = System.nanoTime();
            }
            assertThat(query(transitions)).isGreaterThanOrEqualTo(transitionsBefore + 1);
            assertThat(query(evaluations)).isGreaterThanOrEqualTo(evaluationsBefore + 1);
        });
        assertThat(query("sum(trailwatch_alarm_evaluation_seconds_bucket{le=\"+Inf\"})"))
            .isGreaterThanOrEqualTo(evaluationsBefore + 1);
    }

    @Test
    void aScrapeWithoutTheCredentialIsRefusedAndRecorded() throws Exception {
        assertThat(scrape(null).statusCode()).isEqualTo(403);
        assertThat(scrape(basic(scraper.key().accessKeyId(), "wrong-secret")).statusCode()).isEqualTo(403);
        final NewAccessKey publisher = identity.newUser(UniqueNames.of("publisher"),
            io.trailwatch.identity.policy.ManagedPolicies.TRAILWATCH_PUBLISHER);
        final HttpResponse<String> notAllowed = scrape(basic(publisher.key().accessKeyId(),
            publisher.secretAccessKey()));
        assertThat(notAllowed.statusCode()).isEqualTo(403);
        assertThat(notAllowed.body()).contains("AccessDenied", "trailwatch:GetMetrics");
        assertThat(notAllowed.body()).doesNotContain("jvm_");
        awaitAudited(publisher.key().accessKeyId(), "AccessDenied");
    }

    /** The GetMetrics call of the key is on the audit trail, with the error code when refused. */
    private static void awaitAudited(final String accessKeyId, final String errorCode) {
        trailwatch.infrastructure().consumeUntil(Topics.AUDIT, records -> records.stream().map(record -> record.value())
            .anyMatch((AuditEvent event) -> "GetMetrics".equals(event.getEventName())
                && event.getUserIdentity() != null
                && accessKeyId.equals(event.getUserIdentity().getAccessKeyId())
                && java.util.Objects.equals(errorCode, event.getErrorCode())), WAIT);
    }

    /** Prometheus has scraped at least once, so a query's answer is from a scrape. */
    private static void awaitScraped() {
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(query("up{job=\"trailwatch\"}")).as(log())
            .isEqualTo(1.0));
    }

    private static HttpResponse<String> scrape(final String authorization) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(trailwatch.endpoint() + "/metrics"))
            .timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(final String user, final String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The one value of an instant query through Prometheus' HTTP API; NaN when it has none (yet). */
    private static double query(final String promQl) throws Exception {
        final HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(prometheusUrl
            + "/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8))).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            return Double.NaN; // Prometheus answers 503 while it starts: no value yet, for the waits to ask again
        }
        final JsonNode result = JSON.readTree(answer.body()).path("data").path("result");
        return result.isEmpty() ? Double.NaN : result.get(0).path("value").get(1).asDouble();
    }

    private static String log() {
        try {
            return Files.readString(prometheusDir.resolve("prometheus.log"));
        } catch (final IOException e) {
            return e.toString();
        }
    }
}
