package io.trailwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.registry.RestSchemaRegistryClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealInfrastructure.class)
class AuditTopicIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void anAuditEventWrittenToTheAuditTopicIsReadBackWhole(final TestInfrastructure infra) {
        infra.createTopics(Topics.AUDIT);
        infra.createTopics(Topics.AUDIT); // creating again is harmless
        final AuditEvent event = AuditEvents.putObject("reports");

        final RecordMetadata written = infra.produce(Topics.AUDIT, event.getEventID(), event);

        final List<ConsumerRecord<String, AuditEvent>> read = infra.consumeUntil(Topics.AUDIT,
            records -> records.stream().anyMatch(record -> event.getEventID().equals(record.key())), TIMEOUT);
        final ConsumerRecord<String, AuditEvent> ours = read.stream()
            .filter(record -> event.getEventID().equals(record.key())).findFirst().orElseThrow();
        assertThat(ours.value()).isEqualTo(event);
        assertThat(ours.partition()).isEqualTo(written.partition());
        assertThat(infra.partitionCount(Topics.AUDIT.name())).isEqualTo(Topics.AUDIT.partitions());
    }

    @Test
    void keysAndValuesAreInConfluentWireFormatWithIdsTheRegistryGaveTheirSchemas(final TestInfrastructure infra) {
        final Topic<String, AuditEvent> topic = UniqueNames.topic(Topics.AUDIT);
        infra.createTopics(topic);
        final AuditEvent event = AuditEvents.putObject("wire");

        infra.produce(topic, event.getEventID(), event);

        final ConsumerRecord<byte[], byte[]> raw = infra.consumeRaw(topic.name(), 1, TIMEOUT).get(0);
        final RestSchemaRegistryClient registry = new RestSchemaRegistryClient(infra.registryUrl());
        final int keySchemaId = schemaIdOf(raw.key());
        assertThat(registry.schemaById(keySchemaId)).isEqualTo(Schema.create(Schema.Type.STRING));
        assertThat(topic.keySerde(infra.serdeContext()).deserializer().deserialize(topic.name(), raw.key()))
            .isEqualTo(event.getEventID());
        final int valueSchemaId = schemaIdOf(raw.value());
        assertThat(registry.schemaById(valueSchemaId)).isEqualTo(AuditEvent.getClassSchema());
        assertThat(registry.idOf(topic.valueSubject(), AuditEvent.getClassSchema())).isEqualTo(valueSchemaId);
    }

    /** Confluent wire format: magic byte 0, then the 4-byte big-endian schema id, then the Avro binary. */
    private static int schemaIdOf(final byte[] serialized) {
        final ByteBuffer buffer = ByteBuffer.wrap(serialized);
        assertThat(buffer.get()).as("magic byte").isZero();
        return buffer.getInt();
    }

    @Test
    void consumeToEndReturnsExactlyWhatWasWrittenInOrderPerKey(final TestInfrastructure infra) {
        final Topic<String, AuditEvent> topic = UniqueNames.topic(Topics.AUDIT);
        infra.createTopics(topic);
        final AuditEvent first = AuditEvents.putObject("a");
        final AuditEvent second = AuditEvents.putObject("b");
        final AuditEvent third = AuditEvents.putObject("c");

        infra.produceAll(topic, List.of(Map.entry("same-key", first), Map.entry("same-key", second),
            Map.entry("same-key", third)));

        assertThat(infra.consume(topic, 3, TIMEOUT)).hasSize(3);
        assertThat(infra.consumeToEnd(topic)).extracting(ConsumerRecord::value).containsExactly(first, second, third);
    }

    @Test
    void waitingForRecordsThatNeverComeFailsSayingWhatArrived(final TestInfrastructure infra) {
        final Topic<String, AuditEvent> topic = UniqueNames.topic(Topics.AUDIT);
        infra.createTopics(topic);
        final AuditEvent only = AuditEvents.putObject("lonely");
        infra.produce(topic, only.getEventID(), only);

        assertThatThrownBy(() -> infra.consume(topic, 2, Duration.ofSeconds(1)))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("at least 2 records")
            .hasMessageContaining("read 1")
            .hasMessageContaining(only.getEventID());
    }

    @Test
    void malformedBytesCanBeWrittenForDeadLetterTests(final TestInfrastructure infra) {
        final String topic = UniqueNames.topic("raw");
        infra.createTopic(topic, 1);
        final byte[] garbage = {(byte) 0xff, 1, 2, 3};

        infra.produceRaw(topic, null, garbage);

        assertThat(Arrays.equals(infra.consumeRaw(topic, 1, TIMEOUT).get(0).value(), garbage)).isTrue();
    }
}
