package io.trailwatch.processors.logs.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * This instance's part of the log store, read: the streams it holds and their events. While the processors start
 * or rebalance, opening it throws InvalidStateStoreException (the APIs answer 503).
 */
public final class LocalLogEvents {

    /** Events (in time order, then stream name, then position) as FilterLogEvents returns them across streams. */
    public static final Comparator<StoredLogEvent> ORDER = Comparator.comparingLong(StoredLogEvent::timestamp)
        .thenComparing(StoredLogEvent::logStreamName).thenComparing(StoredLogEvent::position);

    private final ReadOnlyKeyValueStore<Bytes, byte[]> events;
    private final ReadOnlyKeyValueStore<Bytes, byte[]> streams;

    public LocalLogEvents(final ReadOnlyKeyValueStore<Bytes, byte[]> events,
                          final ReadOnlyKeyValueStore<Bytes, byte[]> streams) {
        this.events = events;
        this.streams = streams;
    }

    public static LocalLogEvents of(final KafkaStreams kafkaStreams) {
        return new LocalLogEvents(store(kafkaStreams, LogStores.EVENTS), store(kafkaStreams, LogStores.STREAMS));
    }

    private static ReadOnlyKeyValueStore<Bytes, byte[]> store(final KafkaStreams kafkaStreams, final String name) {
        return kafkaStreams.store(StoreQueryParameters.fromNameAndType(name,
            QueryableStoreTypes.<Bytes, byte[]>keyValueStore()));
    }

    /** The group's streams that have events here, by name, with what is stored of each. */
    public SortedMap<String, LogStreamStats> streams(final String group) {
        final SortedMap<String, LogStreamStats> found = new TreeMap<>();
        try (KeyValueIterator<Bytes, byte[]> all = streams.prefixScan(LogEventKeys.group(group),
            new BytesSerializer())) {
            while (all.hasNext()) {
                final KeyValue<Bytes, byte[]> entry = all.next();
                final LogEventKeys.StreamName name = LogEventKeys.streamName(entry.key);
                // a prefix of the length-prefixed group name can only be the group itself, but check anyway
                if (name.logGroupName().equals(group)) {
                    found.put(name.logStreamName(), LogStreamStats.decode(entry.value));
                }
            }
        }
        return found;
    }

    /**
     * One stream's events between two positions (both included), in time order or reverse, stopping once
     * {@code limit} events are read or before the sizes read would pass {@code maxBytes}.
     */
    public List<StoredLogEvent> read(final String group, final String stream, final LogPosition from,
                                     final LogPosition to, final boolean descending, final int limit,
                                     final long maxBytes) {
        final List<StoredLogEvent> read = new ArrayList<>();
        if (from.compareTo(to) > 0) {
            return read;
        }
        final Bytes prefix = LogEventKeys.stream(group, stream);
        final Bytes low = LogEventKeys.event(prefix, from);
        final Bytes high = LogEventKeys.event(prefix, to);
        long bytes = 0;
        try (KeyValueIterator<Bytes, byte[]> range = descending ? events.reverseRange(low, high)
            : events.range(low, high)) {
            while (range.hasNext() && read.size() < limit) {
                final KeyValue<Bytes, byte[]> entry = range.next();
                final StoredLogEvent event = StoredLogEvent.of(stream, LogEventKeys.position(entry.key), entry.value);
                bytes += event.size();
                if (bytes > maxBytes) {
                    break;
                }
                read.add(event);
            }
        }
        return read;
    }

    /**
     * The events of the streams between two times, in {@link #ORDER}, after a given event (when resuming), whose
     * messages match: at most {@code limit}, examining at most {@code scanLimit} events.
     *
     * @param after the last event a previous page returned; its position and stream are all that is compared
     */
    public FilterPage filter(final String group, final List<String> streamNames, final long startMs, final long endMs,
                             final Optional<StoredLogEvent> after, final Predicate<String> matches, final int limit,
                             final long scanLimit) {
        final List<KeyValueIterator<Bytes, byte[]>> open = new ArrayList<>();
        final PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::event, ORDER));
        try {
            final long fromMs = after.map(event -> Math.max(startMs, event.timestamp())).orElse(startMs);
            for (final String stream : streamNames) {
                final Bytes prefix = LogEventKeys.stream(group, stream);
                final KeyValueIterator<Bytes, byte[]> range = events.range(
                    LogEventKeys.event(prefix, LogPosition.first(fromMs)),
                    LogEventKeys.event(prefix, LogPosition.last(endMs - 1)));
                open.add(range);
                Head.next(stream, range).ifPresent(heads::add);
            }
            final List<StoredLogEvent> found = new ArrayList<>();
            long scanned = 0;
            StoredLogEvent last = null;
            while (!heads.isEmpty()) {
                if (found.size() >= limit || scanned >= scanLimit) {
                    return new FilterPage(found, Optional.of(last));
                }
                final Head head = heads.poll();
                Head.next(head.stream(), head.range()).ifPresent(heads::add);
                final StoredLogEvent event = head.event();
                if (after.isPresent() && ORDER.compare(event, after.get()) <= 0) {
                    continue;
                }
                scanned++;
                last = event;
                if (matches.test(event.message())) {
                    found.add(event);
                }
            }
            return new FilterPage(found, Optional.empty());
        } finally {
            open.forEach(KeyValueIterator::close);
        }
    }

    /**
     * What one instance found.
     *
     * @param events    the matching events, in {@link #ORDER}
     * @param stoppedAt the last event examined, when the scan stopped before the end (limit or scan limit): the
     *                  events after it are not known to this page
     */
    public record FilterPage(List<StoredLogEvent> events, Optional<StoredLogEvent> stoppedAt) {
        public FilterPage {
            events = Collections.unmodifiableList(events);
        }
    }

    /** The next event of one stream's range, and the range. */
    private record Head(String stream, StoredLogEvent event, KeyValueIterator<Bytes, byte[]> range) {
        static Optional<Head> next(final String stream, final KeyValueIterator<Bytes, byte[]> range) {
            if (!range.hasNext()) {
                return Optional.empty();
            }
            final KeyValue<Bytes, byte[]> entry = range.next();
            return Optional.of(new Head(stream,
                StoredLogEvent.of(stream, LogEventKeys.position(entry.key), entry.value), range));
        }
    }
}
