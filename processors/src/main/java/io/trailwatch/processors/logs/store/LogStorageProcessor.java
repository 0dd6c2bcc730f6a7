package io.trailwatch.processors.logs.store;

import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.logs.KeptLogEvents;
import io.trailwatch.processors.logs.LogGroupDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Keeps every valid event of {@code trailwatch.logs} in the {@value LogStores#EVENTS} store and the statistics of
 * each stream in {@value LogStores#STREAMS}; on a wall-clock schedule, removes the events older than their group's
 * retention (the group's definition on the config topic).
 *
 * <p>The audit trail's records come in as events of {@link io.trailwatch.processors.logs.AuditLogGroup}. An event
 * that is not kept ({@link KeptLogEvents#kept}) is skipped: the metric filters' processor, which reads the same stream, dead-letters it with
 * the reason and counts it (once, not once per part).
 */
final class LogStorageProcessor implements Processor<String, LogEvent, Void, Void> {

    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    /** Expired keys are collected in runs of this many, then deleted, so no iterator is open while deleting. */
    private static final int DELETE_RUN = 1_000;

    private final LogStorageSettings settings;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<Bytes, byte[]> events;
    private KeyValueStore<Bytes, byte[]> streams;
    private ReadOnlyKeyValueStore<String, ConfigEntry> config;

    LogStorageProcessor(final LogStorageSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.context = context;
        this.events = context.getStateStore(LogStores.EVENTS);
        this.streams = context.getStateStore(LogStores.STREAMS);
        this.config = context.getStateStore(ConfigStore.NAME);
        context.schedule(settings.expiryInterval(), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(final Record<String, LogEvent> record) {
        final LogEvent event = record.value();
        final RecordMetadata source = context.recordMetadata().orElse(null);
        if (event == null || source == null) {
            return;
        }
        if (!KeptLogEvents.kept(event, source.topic(), context.currentSystemTimeMs())) {
            return;
        }
        final Bytes stream = LogEventKeys.stream(event.getLogGroup(), event.getLogStream());
        final long timestamp = event.getTimestamp().toEpochMilli();
        final Bytes key = LogEventKeys.event(stream, new LogPosition(timestamp, source.partition(), source.offset()));
        final byte[] value = StoredLogEvent.value(record.timestamp(), event.getMessage());
        // Written without first reading whether the key is there (a read before each write cost a fifth of ingest):
        // under exactly-once, a task killed before its commit has its state wiped and restored to the commit, so a
        // record read again never finds its own earlier write (LogStoreCrashRestartIT).
        events.put(key, value);
        final long size = StoredLogEvent.sizeOfValue(value);
        final byte[] before = streams.get(stream);
        streams.put(stream, (before == null ? LogStreamStats.first(timestamp, record.timestamp(), size)
            : LogStreamStats.decode(before).plus(timestamp, record.timestamp(), size)).encode());
    }

    /** Removes, stream by stream, the events older than their group's retention, at most a batch of them. */
    private void expire(final long now) {
        final Map<String, OptionalLong> cutoffs = new HashMap<>();
        final List<KeyValue<Bytes, LogStreamStats>> expiring = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = streams.all()) {
            while (all.hasNext()) {
                final KeyValue<Bytes, byte[]> entry = all.next();
                final String group = LogEventKeys.streamName(entry.key).logGroupName();
                final OptionalLong cutoff = cutoffs.computeIfAbsent(group, name -> oldestRetained(name, now));
                final LogStreamStats stats = LogStreamStats.decode(entry.value);
                if (cutoff.isPresent() && stats.firstEventTimestamp() < cutoff.getAsLong()) {
                    expiring.add(KeyValue.pair(entry.key, stats));
                }
            }
        }
        int budget = settings.expiryBatch();
        for (final KeyValue<Bytes, LogStreamStats> stream : expiring) {
            if (budget <= 0) {
                return;
            }
            final String group = LogEventKeys.streamName(stream.key).logGroupName();
            budget -= expire(stream.key, stream.value, cutoffs.get(group).getAsLong(), budget);
        }
    }

    /** The oldest event time the group's retention keeps at {@code now}; empty when it keeps everything. */
    private OptionalLong oldestRetained(final String group, final long now) {
        final ConfigEntry entry = config.get(DefinitionKind.LOG_GROUP.key(group));
        if (entry == null) {
            // A group written to Kafka directly, never created: nothing says how long to keep it.
            return OptionalLong.empty();
        }
        final Integer days = LogGroupDefinition.TYPE.fromJson(entry.getDefinition()).retentionInDays();
        return days == null ? OptionalLong.empty() : OptionalLong.of(now - days * DAY_MS);
    }

    /** Deletes up to {@code budget} of the stream's events before {@code cutoff}; returns how many it deleted. */
    private int expire(final Bytes stream, final LogStreamStats stats, final long cutoff, final int budget) {
        final Bytes from = LogEventKeys.event(stream, LogPosition.first(Long.MIN_VALUE));
        final Bytes to = LogEventKeys.event(stream, LogPosition.last(cutoff - 1));
        int deleted = 0;
        long freed = 0;
        while (deleted < budget) {
            final List<KeyValue<Bytes, byte[]>> run = new ArrayList<>();
            try (KeyValueIterator<Bytes, byte[]> expired = events.range(from, to)) {
                while (expired.hasNext() && run.size() < Math.min(DELETE_RUN, budget - deleted)) {
                    run.add(expired.next());
                }
            }
            for (final KeyValue<Bytes, byte[]> event : run) {
                events.delete(event.key);
                freed += StoredLogEvent.sizeOfValue(event.value);
            }
            deleted += run.size();
            if (run.size() < DELETE_RUN) {
                break;
            }
        }
        final long remaining = stats.eventCount() - deleted;
        if (remaining <= 0) {
            streams.delete(stream);
            return deleted;
        }
        final long first;
        try (KeyValueIterator<Bytes, byte[]> rest = events.range(from,
            LogEventKeys.event(stream, LogPosition.last(Long.MAX_VALUE)))) {
            first = rest.hasNext() ? LogEventKeys.position(rest.next().key).timestamp() : stats.lastEventTimestamp();
        }
        streams.put(stream, new LogStreamStats(first, stats.lastEventTimestamp(), stats.lastIngestionTime(),
            stats.storedBytes() - freed, remaining).encode());
        return deleted;
    }
}
