package io.trailwatch.processors.history;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.processors.audit.AuditRecord;
import io.trailwatch.processors.common.Counters;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes each audit event of its partition: the event under its eventID, then one index entry per attribute
 * value. The first delivery of an eventID wins; later ones (CloudTrail may deliver an event twice) are counted
 * and skipped. Events older than the retention are skipped on arrival and removed once they age out.
 */
final class HistoryIndexer implements Processor<String, AuditRecord, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryIndexer.class);
    /** Events removed per expiry run at most, so one run never holds the stream thread long; the rest go next run. */
    static final int EXPIRY_BATCH = 10_000;

    private final HistorySettings settings;
    private final EventCodec codec;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> events;
    private KeyValueStore<Bytes, byte[]> index;
    private IndexGeneration generation;
    private Sensor duplicates;
    private Sensor expiredOnArrival;
    private Sensor expired;

    HistoryIndexer(final HistorySettings settings, final EventCodec codec) {
        this.settings = settings;
        this.codec = codec;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.context = context;
        this.events = context.getStateStore(HistoryStores.EVENTS);
        this.index = context.getStateStore(HistoryStores.INDEX);
        this.generation = new IndexGeneration(context.getStateStore(HistoryStores.GENERATION), events, index);
        this.duplicates = Counters.sensor(context, "history", "duplicate-events");
        this.expiredOnArrival = Counters.sensor(context, "history", "expired-on-arrival");
        this.expired = Counters.sensor(context, "history", "expired-events");
        final long started = System.nanoTime();
        final long reindexed = generation.ensureCurrent(codec::decode);
        if (reindexed >= 0) {
            LOG.info("Event history index of task {} rebuilt from its events store: {} events in {} ms",
                context.taskId(), reindexed, (System.nanoTime() - started) / 1_000_000);
        }
        context.schedule(settings.expiryInterval(), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(final Record<String, AuditRecord> record) {
        final AuditEvent event = record.value().event();
        if (event.getEventTime().toEpochMilli() < settings.oldestRetained(context.currentSystemTimeMs())) {
            expiredOnArrival.record();
            return;
        }
        if (events.get(event.getEventID()) != null) {
            duplicates.record();
            return;
        }
        generation.beforeChange();
        // The event first, then its entries: a query that finds an entry always finds the event. Stored as it came,
        // so the schema id travels with it (see EventCodec).
        events.put(event.getEventID(), record.value().wire());
        index.putAll(IndexEntries.entries(event));
    }

    /** Removes events older than the retention, entries first so that no entry outlives its event. */
    private void expire(final long now) {
        final List<EventPosition> old = expiredPositions(settings.oldestRetained(now));
        if (old.isEmpty()) {
            return;
        }
        generation.beforeChange();
        final List<KeyValue<Bytes, byte[]>> deletes = new ArrayList<>();
        for (final EventPosition position : old) {
            deletes.clear();
            deletes.add(KeyValue.pair(IndexKeys.entry(IndexKeys.timePrefix(), position.timeMillis(),
                position.eventId()), null));
            final byte[] stored = events.get(position.eventId());
            final AuditEvent event = stored == null ? null : codec.decode(stored);
            final boolean sameEvent = event != null && event.getEventTime().toEpochMilli() == position.timeMillis();
            if (sameEvent) {
                deletes.addAll(IndexEntries.removals(event));
            }
            index.putAll(deletes);
            if (sameEvent) {
                events.delete(position.eventId());
            }
            expired.record();
        }
    }

    private List<EventPosition> expiredPositions(final long oldestRetained) {
        final byte[] prefix = IndexKeys.timePrefix();
        final List<EventPosition> old = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> entries = index.range(
            IndexKeys.lowerBound(prefix, oldestRetained - 1, null), IndexKeys.upperBound(prefix, Long.MIN_VALUE + 1))) {
            while (entries.hasNext() && old.size() < EXPIRY_BATCH) {
                old.add(IndexKeys.position(entries.next().key.get(), prefix.length));
            }
        }
        return old;
    }
}
