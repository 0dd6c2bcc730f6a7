package io.trailwatch.processors.filter;

import static io.trailwatch.processors.testing.TopologyHarness.START;
import static io.trailwatch.processors.testing.TopologyHarness.auditEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.processors.testing.TopologyHarness;
import io.trailwatch.schemas.Topics;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricFilterTopologyTest {

    private static final String DELETE_BUCKET_FILTER = """
        {"filterName": "DeleteBucket", "filterPattern": "{ $.eventName = \\"DeleteBucket\\" }",
         "metricTransformations": [{"metricName": "DeleteBucketCount", "metricNamespace": "Security",
                                    "metricValue": "1", "unit": "Count"}]}""";

    private final TopologyHarness harness = new TopologyHarness();
    private TestInputTopic<String, AuditEvent> audit;
    private TestOutputTopic<String, MetricDatum> metrics;

    @BeforeEach
    void start() {
        harness.start(MetricFilterTopology.build(harness.serdes()));
        audit = harness.input(Topics.AUDIT);
        metrics = harness.output(Topics.METRICS);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void emitsOneDatumPerMatchingEventKeyedByMetricIdentity() {
        harness.define(DefinitionKind.METRIC_FILTER, DELETE_BUCKET_FILTER);

        audit.pipeInput("e1", auditEvent("ListBuckets", START.plusSeconds(1)));
        audit.pipeInput("e2", auditEvent("DeleteBucket", START.plusSeconds(2)));
        audit.pipeInput("e3", auditEvent("GetObject", START.plusSeconds(3)));

        final List<KeyValue<String, MetricDatum>> emitted = metrics.readKeyValuesToList();
        assertThat(emitted).hasSize(1);
        final MetricDatum datum = emitted.get(0).value;
        assertThat(datum.getNamespace()).isEqualTo("Security");
        assertThat(datum.getMetricName()).isEqualTo("DeleteBucketCount");
        assertThat(datum.getValue()).isEqualTo(1.0);
        assertThat(datum.getUnit()).isEqualTo("Count");
        assertThat(datum.getTimestamp()).isEqualTo(START.plusSeconds(2));
        assertThat(emitted.get(0).key).isEqualTo(MetricIdentity.of(datum).key());
    }

    @Test
    void aFilterChangeAppliesToTheNextEventWithoutARestart() {
        audit.pipeInput("e1", auditEvent("DeleteBucket", START));
        assertThat(metrics.isEmpty()).isTrue();

        harness.define(DefinitionKind.METRIC_FILTER, DELETE_BUCKET_FILTER);
        audit.pipeInput("e2", auditEvent("DeleteBucket", START.plusSeconds(1)));
        assertThat(metrics.readValuesToList()).hasSize(1);

        harness.undefine(DefinitionKind.METRIC_FILTER, "DeleteBucket");
        audit.pipeInput("e3", auditEvent("DeleteBucket", START.plusSeconds(2)));
        assertThat(metrics.isEmpty()).isTrue();
    }

    @Test
    void takesTheValueAndDimensionsFromTheEvent() {
        harness.define(DefinitionKind.METRIC_FILTER, """
            {"filterName": "CallsBySource", "filterPattern": "{ $.eventSource = \\"s3.*\\" }",
             "metricTransformations": [{"metricName": "Calls", "metricNamespace": "Audit", "metricValue": "1",
                                        "dimensions": {"EventName": "$.eventName"}}]}""");

        audit.pipeInput("e1", auditEvent("PutObject", START));

        final MetricDatum datum = metrics.readValue();
        assertThat(datum.getDimensions()).singleElement().satisfies(dimension -> {
            assertThat(dimension.getName()).isEqualTo("EventName");
            assertThat(dimension.getValue()).isEqualTo("PutObject");
        });
    }

    @Test
    void aDefaultValueIsEmittedForEveryOtherAuditEventAndAMatchForTheNamedOne() {
        harness.define(DefinitionKind.METRIC_FILTER, """
            {"filterName": "Deletes", "filterPattern": "{ $.eventName = \\"DeleteBucket\\" || $.eventName = \\"DeleteObject\\" }",
             "metricTransformations": [{"metricName": "Deletes", "metricNamespace": "Security", "metricValue": "1",
                                        "defaultValue": 0}]}""");
        harness.define(DefinitionKind.METRIC_FILTER, DELETE_BUCKET_FILTER);

        audit.pipeInput("e1", auditEvent("ListBuckets", START));
        audit.pipeInput("e2", auditEvent("DeleteObject", START.plusSeconds(1)));
        audit.pipeInput("e3", auditEvent("DeleteBucket", START.plusSeconds(2)));

        assertThat(metrics.readValuesToList()).extracting(datum -> datum.getMetricName() + "=" + datum.getValue())
            .containsExactlyInAnyOrder("Deletes=0.0", "Deletes=1.0", "Deletes=1.0", "DeleteBucketCount=1.0");
    }

    @Test
    void anUndecodableRecordGoesToTheDeadLetterTopicAndTheStreamGoesOn() {
        harness.define(DefinitionKind.METRIC_FILTER, DELETE_BUCKET_FILTER);
        final TestInputTopic<byte[], byte[]> raw = harness.driver().createInputTopic(Topics.AUDIT.name(),
            Topics.DEADLETTER.keySerde(harness.serdes()).serializer(), Topics.DEADLETTER.valueSerde(harness.serdes()).serializer());

        raw.pipeInput("bad".getBytes(), "not avro at all".getBytes());
        audit.pipeInput("e2", auditEvent("DeleteBucket", START.plusSeconds(1)));

        final var deadLetters = harness.output(Topics.DEADLETTER).readRecordsToList();
        assertThat(deadLetters).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo("not avro at all".getBytes());
            assertThat(new String(record.headers().lastHeader("__streams.errors.topic").value())).isEqualTo(Topics.AUDIT.name());
            assertThat(new String(record.headers().lastHeader("__streams.errors.message").value())).contains("magic byte");
        });
        assertThat(metrics.readValuesToList()).hasSize(1);
    }
}
