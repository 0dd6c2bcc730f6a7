package io.trailwatch.processors.logs.store;

import static io.trailwatch.processors.testing.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.schemas.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A record processed again (a task restarted after a crash, before its commit) overwrites what it stored the first
 * time instead of being stored and counted twice. The topology test driver cannot read a record again at the same
 * offset, so the processor is driven here with the record's coordinates set by hand.
 */
class LogStorageReplayTest {

    @Test
    void aRecordReadAgainAtTheSameOffsetIsStoredAndCountedOnce() {
        final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(START.toEpochMilli());
        final KeyValueStore<Bytes, byte[]> events = store(context, LogStores.EVENTS);
        final KeyValueStore<Bytes, byte[]> streams = store(context, LogStores.STREAMS);
        final LogStorageProcessor processor = new LogStorageProcessor(LogStorageSettings.DEFAULTS);
        processor.init(context);
        final Record<String, LogEvent> record = new Record<>("/app/web-1",
            new LogEvent("/app", "web-1", START, "payment declined"), START.toEpochMilli());

        for (final long offset : List.of(7L, 8L, 7L, 8L)) {
            context.setRecordMetadata(Topics.LOGS.name(), 2, offset);
            processor.process(record);
        }

        final LocalLogEvents local = new LocalLogEvents(events, streams);
        assertThat(local.read("/app", "web-1", LogPosition.first(Long.MIN_VALUE), LogPosition.last(Long.MAX_VALUE),
            false, 100, Long.MAX_VALUE)).extracting(event -> event.position().offset()).containsExactly(7L, 8L);
        assertThat(local.streams("/app").get("web-1").eventCount()).isEqualTo(2);
        assertThat(local.streams("/app").get("web-1").storedBytes()).isEqualTo(2 * ("payment declined".length() + 26));
    }

    private static KeyValueStore<Bytes, byte[]> store(final MockProcessorContext<Void, Void> context,
                                                      final String name) {
        final KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
            Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
