package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.definitions.DefinitionStore;
import io.trailwatch.app.definitions.MetricFilterRoutes;
import io.trailwatch.app.definitions.MetricFilters;
import io.trailwatch.app.definitions.RuleJson;
import io.trailwatch.app.definitions.RuleRoutes;
import io.trailwatch.app.definitions.Rules;
import io.trailwatch.app.definitions.TargetTopics;
import io.trailwatch.app.http.HttpApi;
import io.trailwatch.avro.LogEvent;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.ingest.TrailwatchPublisher;
import io.trailwatch.processors.definitions.DefinitionWriter;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Metric filters and event rules managed from the CLI through the HTTP API, against the real broker, registry and
 * processors: a filter on a log group turns log events into metrics, a rule sends matching audit events to its
 * topic, and invalid input is reported (CLI exit code 2) or dead-lettered.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class FiltersAndRulesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningTrailwatch trailwatch;
    private static TestInfrastructure infrastructure;
    private static HttpApi http;
    private static String endpoint;

    @BeforeAll
    static void start() throws Exception {
        trailwatch = RunningTrailwatch.get();
        infrastructure = trailwatch.infrastructure();
        final DefinitionStore definitions = new DefinitionStore(trailwatch.runtime()::configStore,
            new DefinitionWriter(infrastructure.bootstrapServers(), infrastructure.serdeContext()));
        http = HttpApi.start("127.0.0.1", 0, List.of(), List.of(new MetricFilterRoutes(new MetricFilters(definitions)),
            new RuleRoutes(new Rules(definitions, new TargetTopics(infrastructure.adminClient())),
                new RuleJson("123456789012", "eu-west-1"))), TestIdentity.get().access());
        endpoint = "http://127.0.0.1:" + http.port();
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static CommandLineRunner cli(final String... args) {
        final String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--endpoint";
        all[args.length + 1] = endpoint;
        return CommandLineRunner.run(all);
    }

    private static TrailwatchPublisher publisher() {
        return TrailwatchPublisher.builder().bootstrapServers(infrastructure.bootstrapServers())
            .schemaRegistryUrl(infrastructure.registryUrl()).build();
    }

    @Test
    void aMetricFilterPutFromTheCliTurnsLogEventsOfItsGroupIntoMetrics() throws Exception {
        final String group = "/it/" + UniqueNames.of("checkout");
        final String metric = UniqueNames.of("Errors");

        final CommandLineRunner put = cli("put-metric-filter", "--log-group-name", group, "--filter-name", metric,
            "--filter-pattern", "{ $.level = \"ERROR\" }", "--metric-transformations",
            "metricName=" + metric + ",metricNamespace=App,metricValue=$.count,unit=Count");
        assertThat(put.exitCode()).as(put.err()).isZero();
        final CommandLineRunner described = cli("describe-metric-filters", "--log-group-name", group);
        final JsonNode filters = JSON.readTree(described.out()).get("metricFilters");
        assertThat(filters).hasSize(1);
        assertThat(filters.get(0).get("filterName").asText()).isEqualTo(metric);
        assertThat(filters.get(0).at("/metricTransformations/0/metricValue").asText()).isEqualTo("$.count");

        final Instant now = Instant.now();
        try (TrailwatchPublisher publisher = publisher()) {
            publisher.publish(Topics.LOGS, group + "/a", new LogEvent(group, "a", now, "{\"level\":\"INFO\",\"count\":5}"),
                now.toEpochMilli()).join();
            publisher.publish(Topics.LOGS, group + "/a", new LogEvent(group, "a:1", now, "{\"level\":\"ERROR\"}"),
                now.toEpochMilli()).join();
            publisher.publish(Topics.LOGS, group + "/a", new LogEvent(group, "a", now, "{\"level\":\"ERROR\",\"count\":3}"),
                now.toEpochMilli()).join();
        }

        final List<ConsumerRecord<String, MetricDatum>> metrics = infrastructure.consumeUntil(Topics.METRICS,
            read -> read.stream().anyMatch(record -> record.value().getMetricName().equals(metric)), Duration.ofSeconds(60));
        // Only the ERROR event with a count matches (the INFO one does not, the invalid one is never filtered).
        assertThat(metrics).filteredOn(record -> record.value().getMetricName().equals(metric)).isNotEmpty()
            .allSatisfy(record -> assertThat(record.value().getValue()).isEqualTo(3.0));
        final List<ConsumerRecord<byte[], byte[]>> deadLetters = infrastructure.consumeUntil(Topics.DEADLETTER.name(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
            read -> read.stream().anyMatch(record -> header(record, "__streams.errors.message").contains("'a:1'")),
            Duration.ofSeconds(60));
        assertThat(deadLetters).filteredOn(record -> header(record, "__streams.errors.message").contains("'a:1'"))
            .isNotEmpty().allSatisfy(record -> {
                assertThat(header(record, "__streams.errors.topic")).isEqualTo(Topics.LOGS.name());
                assertThat(header(record, "__streams.errors.message"))
                    .isEqualTo("field 'logStream': may not contain ':' or '*', was 'a:1'");
            });

        assertThat(cli("delete-metric-filter", "--log-group-name", group, "--filter-name", metric).exitCode()).isZero();
        assertThat(JSON.readTree(cli("describe-metric-filters", "--log-group-name", group).out())
            .get("metricFilters")).isEmpty();
        final CommandLineRunner again = cli("delete-metric-filter", "--log-group-name", group, "--filter-name", metric);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("ResourceNotFoundException");
    }

    @Test
    void aRulePutFromTheCliSendsMatchingAuditEventsToItsTopic() throws Exception {
        final String name = UniqueNames.of("bucket-deletions");
        final String topic = UniqueNames.of("it.remediation");
        final String bucket = UniqueNames.of("ledger");

        final CommandLineRunner rejected = cli("put-rule", "--name", name, "--target-topic", topic,
            "--event-pattern", "{\"detail\": {\"eventName\": \"DeleteBucket\"}}");
        assertThat(rejected.exitCode()).isEqualTo(2);
        assertThat(rejected.err()).contains("EventPattern", "InvalidEventPatternException",
            "\"eventName\" must be an object or an array");

        final CommandLineRunner put = cli("put-rule", "--name", name, "--target-topic", topic, "--event-pattern",
            "{\"source\": [\"aws.s3\"], \"detail\": {\"eventName\": [\"DeleteBucket\"], "
                + "\"requestParameters\": {\"bucketName\": [\"" + bucket + "\"]}}}");
        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(JSON.readTree(put.out()).get("RuleArn").asText())
            .isEqualTo("arn:aws:events:eu-west-1:123456789012:rule/" + name);
        assertThat(JSON.readTree(cli("describe-rule", "--name", name).out()).get("TargetTopic").asText()).isEqualTo(topic);

        try (TrailwatchPublisher publisher = publisher()) {
            publisher.publish(RunningTrailwatch.deleteBucket(bucket, Instant.now())).join();
        }

        final List<ConsumerRecord<String, String>> delivered = infrastructure.consumeUntil(topic,
            new StringDeserializer(), new StringDeserializer(), read -> !read.isEmpty(), Duration.ofSeconds(60));
        final JsonNode envelope = JSON.readTree(delivered.get(0).value());
        assertThat(envelope.get("detail-type").asText()).isEqualTo("AWS API Call via CloudTrail");
        assertThat(envelope.get("source").asText()).isEqualTo("aws.s3");
        assertThat(envelope.at("/detail/requestParameters/bucketName").asText()).isEqualTo(bucket);

        assertThat(cli("delete-rule", "--name", name).exitCode()).isZero();
        assertThat(JSON.readTree(cli("list-rules", "--name-prefix", name).out()).get("Rules")).isEmpty();
    }

    @Test
    void testMetricFilterOverHttpAnswersAsTestMetricFilter() throws Exception {
        final HttpResponse<String> response = TestIdentity.get().send("POST", endpoint + "/v1/metric-filters/test",
            "{\"filterPattern\": \"[ip, user, status = 4*]\", "
                + "\"logEventMessages\": [\"10.0.0.1 bob 200\", \"10.0.0.2 eve 403\"]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("""
            {"matches": [{"eventNumber": 2, "eventMessage": "10.0.0.2 eve 403",
                          "extractedValues": {"$ip": "10.0.0.2", "$user": "eve", "$status": "403"}}]}"""));

        final HttpResponse<String> bad = TestIdentity.get().send("PUT", endpoint + "/v1/metric-filters/Broken",
            "{\"filterPattern\": \"{ $.a = \", \"metricTransformations\": "
                + "[{\"metricName\": \"m\", \"metricNamespace\": \"n\", \"metricValue\": \"1\"}]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("field").asText()).isEqualTo("FilterPattern");
    }

    private static String header(final ConsumerRecord<?, ?> record, final String name) {
        final var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
