package io.trailwatch.app;

import io.trailwatch.processors.TrailwatchTopology;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.http.HttpApi;
import io.trailwatch.app.http.MetricRoutes;
import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.processors.metrics.query.MetricQueries;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.processors.runtime.TopicSetup;
import io.trailwatch.schemas.Topics;
import io.trailwatch.stack.FreePorts;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Two processor instances, each owning part of the partitions: a GetMetricStatistics or ListMetrics request to
 * either one is answered whole. Isolated: its instances are a second application over the same topics, whose
 * metric filters would count the other tests' events a second time.
 */
@Isolated
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ_WRITE)
class MetricQueriesIT {

    private static final int METRICS = 12;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final List<ProcessorsRuntime> runtimes = new ArrayList<>();
    private static final List<HttpApi> apis = new ArrayList<>();
    private static final List<MetricQueries> queries = new ArrayList<>();
    private static TestInfrastructure infrastructure;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        infrastructure = TestInfrastructure.get();
        TopicSetup.ensure(infrastructure.adminClient(), Topics.all());
        final String applicationId = UniqueNames.applicationId("metric-queries");
        for (final int port : FreePorts.pick(2)) {
            final ProcessorsRuntime runtime = TrailwatchTopology.runtime(new ProcessorsConfig(Map.of(
                ProcessorsConfig.BOOTSTRAP_SERVERS, infrastructure.bootstrapServers(),
                ProcessorsConfig.SCHEMA_REGISTRY_URL, infrastructure.registryUrl(),
                ProcessorsConfig.APPLICATION_ID, applicationId,
                ProcessorsConfig.APPLICATION_SERVER, "localhost:" + port,
                ProcessorsConfig.STATE_DIR, Files.createTempDirectory("metric-queries").toString())));
            final MetricQueries query = new MetricQueries(runtime.streams(), runtime.router(),
                infrastructure.serdeContext());
            runtimes.add(runtime);
            queries.add(query);
            TestIdentity.get().stack().authenticate(runtime.router());
            apis.add(HttpApi.start("127.0.0.1", port, List.of(), List.of(new MetricRoutes(query)),
                TestIdentity.get().access()));
            runtime.start();
        }
        // Both instances run and know of each other once the group has settled.
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> runtimes.stream().allMatch(runtime ->
            runtime.isRunning() && runtime.streams().metadataForAllStreamsClients().size() == 2
                && !runtime.streams().metadataForLocalThreads().iterator().next().activeTasks().isEmpty()));
    }

    @AfterAll
    static void stop() {
        apis.forEach(HttpApi::close);
        runtimes.forEach(ProcessorsRuntime::close);
    }

    @Test
    void eitherInstanceAnswersForEveryMetric() throws Exception {
        final String namespace = UniqueNames.of("Queries");
        final Instant time = Instant.now();
        final List<MetricIdentity> metrics = new ArrayList<>();
        for (int i = 0; i < METRICS; i++) {
            final MetricDatum datum = MetricDatum.newBuilder().setNamespace(namespace).setMetricName("Latency")
                .setDimensions(List.of(new Dimension("Host", "host-" + i))).setTimestamp(time).setValue((double) i)
                .setUnit("Milliseconds").setStorageResolution(1).build();
            final MetricIdentity identity = MetricIdentity.of(datum);
            metrics.add(identity);
            infrastructure.produce(Topics.METRICS, identity.key(), datum);
        }
        // The statistics exist on trailwatch.metric-stats before anything is asked of the stores. Counted per metric:
        // the shared test application, when running, aggregates the same datapoints and writes its own copies.
        infrastructure.consumeUntil(Topics.METRIC_STATS, read -> read.stream().filter(record ->
                record.value().getNamespace().equals(namespace) && record.value().getPeriodSeconds() == 1)
            .map(record -> record.value().getDimensions().toString()).distinct().count() == METRICS,
            Duration.ofSeconds(60));
        final Set<Integer> owners = new HashSet<>();
        metrics.forEach(metric -> owners.add(queries.get(0).ownerOf(metric.key()).port()));
        assertThat(owners).as("the metrics are spread over both instances").hasSize(2);

        final Instant start = time.truncatedTo(ChronoUnit.SECONDS);
        for (final HttpApi api : apis) {
            for (int i = 0; i < METRICS; i++) {
                final int value = i;
                final String path = "/v1/metrics/statistics?namespace=" + encode(namespace) + "&metricName=Latency"
                    + "&dimensions=" + encode("Host=host-" + i) + "&startTime=" + start.minusSeconds(10)
                    + "&endTime=" + start.plusSeconds(10) + "&period=1&statistics=Sum,SampleCount&extendedStatistics=p50";
                final JsonNode answer = Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> get(api, path), found -> found.path("Datapoints").size() == 1);
                final JsonNode datapoint = answer.path("Datapoints").get(0);
                assertThat(datapoint.path("Timestamp").asText()).isEqualTo(start.toString());
                assertThat(datapoint.path("Sum").asDouble()).isEqualTo(value);
                assertThat(datapoint.path("SampleCount").asDouble()).isEqualTo(1.0);
                assertThat(datapoint.path("Unit").asText()).isEqualTo("Milliseconds");
            }
            final JsonNode listed = get(api, "/v1/metrics?namespace=" + encode(namespace));
            assertThat(listed.path("Metrics").findValuesAsText("Value")).hasSize(METRICS);
        }
    }

    @Test
    void anInvalidQueryIsABadRequestNamingTheParameter() throws Exception {
        final HttpResponse<String> response = TestIdentity.get().send("GET", "http://127.0.0.1:"
            + apis.get(0).port() + "/v1/metrics/statistics?namespace=X&metricName=Y&startTime=2026-11-21T10:00:00Z"
            + "&endTime=2026-11-21T11:00:00Z&period=7&statistics=Sum", null);

        assertThat(response.statusCode()).isEqualTo(400);
        final JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("field").asText()).isEqualTo("period");
        assertThat(body.path("message").asText()).contains("multiple of 60");
    }

    private static JsonNode get(final HttpApi api, final String path) throws Exception {
        final HttpResponse<String> response = TestIdentity.get().send("GET", "http://127.0.0.1:" + api.port() + path,
            null);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 503);
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
