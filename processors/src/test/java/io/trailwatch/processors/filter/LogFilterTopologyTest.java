package io.trailwatch.processors.filter;

import static io.trailwatch.processors.testing.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.logs.LogEventValidator;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.processors.testing.TopologyHarness;
import io.trailwatch.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Log ingestion: PutLogEvents' rules, then the metric filters of each log group. */
class LogFilterTopologyTest {

    private static final String APP = "/app/checkout";
    private static final Instant NOW = START;

    private final TopologyHarness harness = new TopologyHarness();
    private TestInputTopic<String, LogEvent> logs;
    private TestOutputTopic<String, MetricDatum> metrics;

    @BeforeEach
    void start() {
        harness.start(MetricFilterTopology.build(harness.serdes()));
        logs = harness.input(Topics.LOGS);
        metrics = harness.output(Topics.METRICS);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private void send(final String group, final String message, final Instant timestamp) {
        logs.pipeInput(group + "/web-1", new LogEvent(group, "web-1", timestamp, message), timestamp);
    }

    private void filter(final String name, final String group, final String pattern, final String transformation) {
        harness.define(DefinitionKind.METRIC_FILTER, """
            {"filterName": "%s", "logGroupName": "%s", "filterPattern": %s, "metricTransformations": [%s]}"""
            .formatted(name, group, quote(pattern), transformation));
    }

    private static String quote(final String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @Test
    void aTermFilterCountsMatchingMessagesOfItsLogGroupOnly() {
        filter("Errors", APP, "ERROR", """
            {"metricName": "ErrorCount", "metricNamespace": "App", "metricValue": "1", "unit": "Count"}""");

        send(APP, "2026-11-21 10:00:01 ERROR payment declined", NOW.plusSeconds(1));
        send(APP, "2026-11-21 10:00:02 INFO payment accepted", NOW.plusSeconds(2));
        send("/app/other", "2026-11-21 10:00:03 ERROR elsewhere", NOW.plusSeconds(3));

        final List<KeyValue<String, MetricDatum>> emitted = metrics.readKeyValuesToList();
        assertThat(emitted).singleElement().satisfies(kv -> {
            assertThat(kv.value.getMetricName()).isEqualTo("ErrorCount");
            assertThat(kv.value.getValue()).isEqualTo(1.0);
            assertThat(kv.value.getUnit()).isEqualTo("Count");
            assertThat(kv.value.getTimestamp()).isEqualTo(NOW.plusSeconds(1));
            assertThat(kv.key).isEqualTo(MetricIdentity.of(kv.value).key());
        });
    }

    @Test
    void aJsonFilterTakesItsValueAndDimensionsFromTheMessage() {
        filter("Latency", APP, "{ $.latency = * && $.status >= 500 }", """
            {"metricName": "ServerErrorLatency", "metricNamespace": "App", "metricValue": "$.latency",
             "dimensions": {"Path": "$.request.path", "Method": "$.request.method"}, "unit": "Milliseconds"}""");

        send(APP, "{\"latency\": 812.5, \"status\": 503, \"request\": {\"path\": \"/pay\", \"method\": \"POST\"}}", NOW);
        send(APP, "{\"latency\": 20, \"status\": 200, \"request\": {\"path\": \"/pay\", \"method\": \"POST\"}}", NOW);

        final MetricDatum datum = metrics.readValue();
        assertThat(datum.getValue()).isEqualTo(812.5);
        assertThat(datum.getUnit()).isEqualTo("Milliseconds");
        assertThat(datum.getDimensions()).extracting(d -> d.getName() + "=" + d.getValue())
            .containsExactly("Method=POST", "Path=/pay");
        assertThat(metrics.isEmpty()).isTrue();
    }

    @Test
    void aSpaceDelimitedFilterTakesItsValueFromANamedField() {
        filter("Bytes", "/web/access", "[ip, user, username, timestamp, request, status_code = 4*, bytes]", """
            {"metricName": "ClientErrorBytes", "metricNamespace": "Web", "metricValue": "$bytes", "unit": "Bytes"}""");

        send("/web/access", "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /a HTTP/1.0\" 404 1534", NOW);
        send("/web/access", "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /b HTTP/1.0\" 200 99", NOW);

        assertThat(metrics.readValuesToList()).extracting(MetricDatum::getValue).containsExactly(1534.0);
    }

    @Test
    void nonMatchingEventsOfTheLogGroupEmitTheDefaultValue() {
        filter("Errors", APP, "ERROR", """
            {"metricName": "ErrorCount", "metricNamespace": "App", "metricValue": "1", "defaultValue": 0}""");

        send(APP, "INFO all good", NOW);
        send(APP, "ERROR broken", NOW.plusSeconds(1));
        send("/app/other", "INFO another group", NOW.plusSeconds(2));

        assertThat(metrics.readValuesToList()).extracting(MetricDatum::getValue).containsExactly(0.0, 1.0);
    }

    @Test
    void aMalformedJsonMessageIsCountedAndSkippedForJsonFiltersOnly() {
        filter("Json", APP, "{ $.level = \"ERROR\" }", """
            {"metricName": "JsonErrors", "metricNamespace": "App", "metricValue": "1", "defaultValue": 0}""");
        filter("Text", APP, "ERROR", """
            {"metricName": "TextErrors", "metricNamespace": "App", "metricValue": "1"}""");

        send(APP, "{\"level\": \"ERROR\", \"msg\": \"truncated", NOW);
        send(APP, "{\"level\": \"ERROR\"}", NOW.plusSeconds(1));

        assertThat(metrics.readValuesToList()).extracting(MetricDatum::getMetricName)
            .containsExactlyInAnyOrder("TextErrors", "JsonErrors", "TextErrors");
        assertThat(harness.counter("unevaluable-messages")).isEqualTo(1.0);
    }

    @Test
    void invalidLogEventsGoToTheDeadLetterTopicWithTheReasonAndAreCounted() {
        filter("All", APP, "", """
            {"metricName": "Events", "metricNamespace": "App", "metricValue": "1"}""");
        harness.driver().advanceWallClockTime(Duration.ofDays(30));
        final Instant now = START.plus(Duration.ofDays(30));

        send("bad group!", "hello", now);
        send(APP, "", now);
        send(APP, "from the future", now.plus(Duration.ofHours(2)).plusSeconds(1));
        send(APP, "too old", now.minus(Duration.ofDays(14)).minusSeconds(1));
        send(APP, "x".repeat(LogEventValidator.MAX_EVENT_BYTES - LogEventValidator.EVENT_OVERHEAD_BYTES + 1), now);
        logs.pipeInput(APP + "/a:b", new LogEvent(APP, "a:b", now, "bad stream"), now);
        send(APP, "just in time", now.plus(Duration.ofHours(2)));

        final List<TestRecord<byte[], byte[]>> deadLetters = harness.output(Topics.DEADLETTER).readRecordsToList();
        assertThat(deadLetters).extracting(record -> header(record, "__streams.errors.message"))
            .containsExactly(
                "field 'logGroup': may contain only letters, digits and . - _ / #, was 'bad group!'",
                "field 'message': must not be empty",
                "field 'timestamp': " + now.plus(Duration.ofHours(2)).plusSeconds(1)
                    + " is more than 2 hours in the future (now " + now + "): tooNewLogEventStartIndex",
                "field 'timestamp': " + now.minus(Duration.ofDays(14)).minusSeconds(1)
                    + " is more than 14 days in the past (now " + now + "): tooOldLogEventEndIndex",
                "field 'message': event size 262145 bytes (UTF-8 message + 26) exceeds the maximum of 262144",
                "field 'logStream': may not contain ':' or '*', was 'a:b'");
        assertThat(deadLetters).allSatisfy(record ->
            assertThat(header(record, "__streams.errors.topic")).isEqualTo(Topics.LOGS.name()));
        assertThat(harness.counter("invalid-log-events")).isEqualTo(6.0);
        assertThat(metrics.readValuesToList()).hasSize(1);
    }

    @Test
    void aFilterChangeAppliesToTheNextLogEvent() {
        send(APP, "ERROR before the filter", NOW);
        filter("Errors", APP, "ERROR", """
            {"metricName": "ErrorCount", "metricNamespace": "App", "metricValue": "1"}""");
        send(APP, "ERROR with the filter", NOW.plusSeconds(1));
        filter("Errors", APP, "FATAL", """
            {"metricName": "ErrorCount", "metricNamespace": "App", "metricValue": "1"}""");
        send(APP, "ERROR after the change", NOW.plusSeconds(2));
        send(APP, "FATAL after the change", NOW.plusSeconds(3));
        harness.undefine(DefinitionKind.METRIC_FILTER, "Errors");
        send(APP, "FATAL after the delete", NOW.plusSeconds(4));

        assertThat(metrics.readRecordsToList()).extracting(TestRecord::getRecordTime)
            .containsExactly(NOW.plusSeconds(1), NOW.plusSeconds(3));
    }

    private static String header(final TestRecord<byte[], byte[]> record, final String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
