package io.trailwatch.app.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.filter.pattern.FilterPattern;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.registry.InMemorySchemaRegistry;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A live tail over a mock consumer: from the end, the group's matching events only, and a slow client dropped. */
class LiveTailTest {

    private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");
    private static final String GROUP = "/app/web";

    private final SerdeContext serdes = new SerdeContext(new InMemorySchemaRegistry(), true);
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("latest");
    private final TopicPartition partition = new TopicPartition(Topics.LOGS.name(), 0);
    private final AtomicInteger closed = new AtomicInteger();
    private long offset = 5;

    private LiveTail tail(final String pattern, final int buffer) {
        consumer.updatePartitions(Topics.LOGS.name(), List.of(new PartitionInfo(Topics.LOGS.name(), 0, null, null,
            null)));
        consumer.updateEndOffsets(Map.of(partition, offset));
        return new LiveTail(consumer, new LogTopicSource(serdes, "123456789012"),
            new LiveTail.Selection(GROUP, "web", FilterPattern.parse(pattern)), buffer,
            Clock.fixed(NOW, ZoneOffset.UTC), closed::incrementAndGet);
    }

    private void publish(final String group, final String stream, final String message) {
        final byte[] value = Topics.LOGS.valueSerde(serdes).serializer().serialize(Topics.LOGS.name(),
            new LogEvent(group, stream, NOW.minusSeconds(1), message));
        final long at = offset++;
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(Topics.LOGS.name(), 0, at, null,
            value)));
    }

    @Test
    void deliversTheGroupsMatchingEventsFromNowWithTheEventIdTheStoreGives() throws Exception {
        try (LiveTail tail = tail("ERROR", 10)) {
            assertThat(consumer.position(partition)).isEqualTo(5);
            publish(GROUP, "web-1", "INFO skipped");
            publish("/app/other", "web-1", "ERROR other group");
            publish(GROUP, "db-1", "ERROR other stream prefix");
            publish(GROUP, "web-1", "ERROR kept");
            final Optional<TailedEvent> event = Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> tail.next(Duration.ofMillis(50)), Optional::isPresent);
            assertThat(event.get().message()).isEqualTo("ERROR kept");
            assertThat(event.get().eventId()).isEqualTo(new io.trailwatch.processors.logs.store.LogPosition(
                NOW.minusSeconds(1).toEpochMilli(), 0, 8).digits());
            assertThat(event.get().json().fieldNames()).toIterable().containsExactly("logGroupName", "logStreamName",
                "timestamp", "ingestionTime", "message", "eventId");
            assertThat(tail.next(Duration.ofMillis(200))).isEmpty();
        }
        assertThat(closed).hasValue(1);
    }

    @Test
    void aClientThatDoesNotKeepUpIsDroppedWithTheReason() {
        try (LiveTail tail = tail("", 2)) {
            for (int i = 0; i < 3; i++) {
                publish(GROUP, "web-1", "line " + i);
            }
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> tail.endReason().isPresent());
            assertThat(tail.endReason().get()).contains("did not keep up").contains("2 events");
        }
    }
}
