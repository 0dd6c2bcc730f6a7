package io.trailwatch.processors.logs.store;

import io.trailwatch.schemas.Topics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * This instance's part of the log store, read partition by partition: the streams it holds and their events, and
 * which partitions of {@code trailwatch.logs} it answered for (so that the instance merging every instance's answer
 * can tell a whole answer from a partial one). Each partition's stores are read on their own and merged in order,
 * which keeps a stream's events in order even when a publisher spread them over partitions. While the processors
 * start or rebalance, opening a partition's stores throws InvalidStateStoreException (the APIs answer 503).
 */
public final class LocalLogEvents {

    /** Events (in time order, then stream name, then position) as FilterLogEvents returns them across streams. */
    public static final Comparator<StoredLogEvent> ORDER = (a, b) -> compare(a.position(), a.logStreamName(),
        b.position(), b.logStreamName());

    private final List<Part> parts;
    private final Set<Integer> partitions;

    /** Over one partition's stores (the topology tests' driver). */
    public LocalLogEvents(final ReadOnlyKeyValueStore<Bytes, byte[]> events,
                          final ReadOnlyKeyValueStore<Bytes, byte[]> streams) {
        this(List.of(new Part(events, streams)), Set.of());
    }

    private LocalLogEvents(final List<Part> parts, final Set<Integer> partitions) {
        this.parts = parts;
        this.partitions = Collections.unmodifiableSet(partitions);
    }

    /** The partitions of {@code trailwatch.logs} whose active tasks run on this instance. */
    public static LocalLogEvents of(final KafkaStreams kafkaStreams) {
        final Set<Integer> partitions = new TreeSet<>();
        for (final ThreadMetadata thread : kafkaStreams.metadataForLocalThreads()) {
            for (final TaskMetadata task : thread.activeTasks()) {
                for (final TopicPartition partition : task.topicPartitions()) {
                    if (partition.topic().equals(Topics.LOGS.name())) {
                        partitions.add(partition.partition());
                    }
                }
            }
        }
        final List<Part> parts = new ArrayList<>();
        for (final int partition : partitions) {
            parts.add(new Part(store(kafkaStreams, LogStores.EVENTS, partition),
                store(kafkaStreams, LogStores.STREAMS, partition)));
        }
        return new LocalLogEvents(parts, partitions);
    }

    private static ReadOnlyKeyValueStore<Bytes, byte[]> store(final KafkaStreams kafkaStreams, final String name,
                                                              final int partition) {
        return kafkaStreams.store(StoreQueryParameters.fromNameAndType(name,
            QueryableStoreTypes.<Bytes, byte[]>keyValueStore()).withPartition(partition));
    }

    /** The partitions this instance answers for. */
    public Set<Integer> partitions() {
        return partitions;
    }

    /** The group's streams that have events here, by name, with what is stored of each. */
    public SortedMap<String, LogStreamStats> streams(final String group) {
        final SortedMap<String, LogStreamStats> found = new TreeMap<>();
        for (final Part part : parts) {
            streamsOf(part, group).forEach((stream, stats) -> found.merge(stream, stats, LogStreamStats::plus));
        }
        return found;
    }

    private static SortedMap<String, LogStreamStats> streamsOf(final Part part, final String group) {
        final SortedMap<String, LogStreamStats> found = new TreeMap<>();
        try (KeyValueIterator<Bytes, byte[]> all = part.streams().prefixScan(LogEventKeys.group(group),
            new BytesSerializer())) {
            while (all.hasNext()) {
                final KeyValue<Bytes, byte[]> entry = all.next();
                final LogEventKeys.StreamName name = LogEventKeys.streamName(entry.key);
                // a length-prefixed group name is a prefix of its own keys only, but check anyway
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
        final List<KeyValueIterator<Bytes, byte[]>> open = new ArrayList<>();
        final PriorityQueue<Stored> heads = new PriorityQueue<>(descending ? Comparator.<Stored>reverseOrder()
            : Comparator.<Stored>naturalOrder());
        try {
            for (final Part part : parts) {
                final KeyValueIterator<Bytes, byte[]> range = descending ? part.events().reverseRange(low, high)
                    : part.events().range(low, high);
                open.add(range);
                Stored.next(stream, range).ifPresent(heads::add);
            }
            long bytes = 0;
            while (!heads.isEmpty() && read.size() < limit) {
                final Stored head = heads.poll();
                Stored.next(stream, head.range()).ifPresent(heads::add);
                bytes += StoredLogEvent.sizeOfValue(head.value());
                if (bytes > maxBytes) {
                    break;
                }
                read.add(head.event());
            }
            return read;
        } finally {
            open.forEach(KeyValueIterator::close);
        }
    }

    /**
     * The events of the streams between two times, in {@link #ORDER}, after a given event (when resuming), whose
     * messages pass the test: at most {@code limit}, examining at most {@code scanLimit} events. A message is
     * decoded only when its stored bytes may pass ({@link MessageTest#mayPass}).
     *
     * @param after the last event a previous page returned; its position and stream are all that is compared
     */
    public FilterPage filter(final String group, final List<String> streamNames, final long startMs, final long endMs,
                             final Optional<StoredLogEvent> after, final MessageTest test, final int limit,
                             final long scanLimit) {
        final List<KeyValueIterator<Bytes, byte[]>> open = new ArrayList<>();
        final PriorityQueue<Stored> heads = new PriorityQueue<>();
        try {
            final long fromMs = after.map(event -> Math.max(startMs, event.timestamp())).orElse(startMs);
            for (final Part part : parts) {
                for (final String stream : streamNames) {
                    final Bytes prefix = LogEventKeys.stream(group, stream);
                    final KeyValueIterator<Bytes, byte[]> range = part.events().range(
                        LogEventKeys.event(prefix, LogPosition.first(fromMs)),
                        LogEventKeys.event(prefix, LogPosition.last(endMs - 1)));
                    open.add(range);
                    Stored.next(stream, range).ifPresent(heads::add);
                }
            }
            final Optional<Stored> resumeAfter = after.map(Stored::of);
            final List<StoredLogEvent> found = new ArrayList<>();
            long scanned = 0;
            Stored last = null;
            while (!heads.isEmpty()) {
                if (found.size() >= limit || scanned >= scanLimit) {
                    return new FilterPage(found, Optional.of(last.event()), partitions);
                }
                final Stored head = heads.poll();
                Stored.next(head.stream(), head.range()).ifPresent(heads::add);
                if (resumeAfter.isPresent() && head.compareTo(resumeAfter.get()) <= 0) {
                    continue;
                }
                scanned++;
                last = head;
                if (test.mayPass(head.value(), Long.BYTES, head.value().length)) {
                    final StoredLogEvent event = head.event();
                    if (test.passes(event.message())) {
                        found.add(event);
                    }
                }
            }
            return new FilterPage(found, Optional.empty(), partitions);
        } finally {
            open.forEach(KeyValueIterator::close);
        }
    }

    /**
     * Every event of a group between two times (start included, end excluded), stream by stream, each in time
     * order, for a pass over all of them (Logs Insights): a stream whose stored events all lie outside the range is
     * not opened, and within a stream only the keys in the range are read. Events are handed over undecoded
     * ({@link ScannedLogEvent}). Stops when {@code each} answers false.
     *
     * @return false when {@code each} stopped the scan
     */
    public boolean scan(final String group, final long startMs, final long endMs,
                        final Predicate<ScannedLogEvent> each) {
        for (final Part part : parts) {
            for (final Map.Entry<String, LogStreamStats> stream : streamsOf(part, group).entrySet()) {
                final LogStreamStats stats = stream.getValue();
                if (stats.lastEventTimestamp() >= startMs && stats.firstEventTimestamp() < endMs
                    && !scanStream(part, group, stream.getKey(), startMs, endMs, each)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean scanStream(final Part part, final String group, final String stream, final long startMs,
                                      final long endMs, final Predicate<ScannedLogEvent> each) {
        final Bytes prefix = LogEventKeys.stream(group, stream);
        try (KeyValueIterator<Bytes, byte[]> range = part.events().range(
            LogEventKeys.event(prefix, LogPosition.first(startMs)),
            LogEventKeys.event(prefix, LogPosition.last(endMs - 1)))) {
            while (range.hasNext()) {
                final KeyValue<Bytes, byte[]> entry = range.next();
                if (!each.test(new ScannedLogEvent(stream, entry.key.get(), entry.value))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * What one instance found.
     *
     * @param events     the matching events, in {@link #ORDER}
     * @param stoppedAt  the last event examined, when the scan stopped before the end (limit or scan limit): the
     *                   events after it are not known to this page
     * @param partitions the partitions of {@code trailwatch.logs} the page covers
     */
    public record FilterPage(List<StoredLogEvent> events, Optional<StoredLogEvent> stoppedAt,
                             Set<Integer> partitions) {
        public FilterPage {
            events = Collections.unmodifiableList(events);
            partitions = Set.copyOf(partitions);
        }
    }

    /** One partition's stores. */
    private record Part(ReadOnlyKeyValueStore<Bytes, byte[]> events, ReadOnlyKeyValueStore<Bytes, byte[]> streams) {
    }

    /** {@link #ORDER}: by time, then stream, then position. */
    private static int compare(final LogPosition a, final String streamA, final LogPosition b, final String streamB) {
        final int byTime = Long.compare(a.timestamp(), b.timestamp());
        if (byTime != 0) {
            return byTime;
        }
        final int byStream = streamA.compareTo(streamB);
        return byStream != 0 ? byStream : a.compareTo(b);
    }

    /**
     * An event of one stream's range as stored, its message not decoded, in {@link #ORDER} (time, stream, position):
     * what a scan over many streams merges, decoding only the events it keeps.
     */
    private record Stored(String stream, LogPosition position, byte[] value, KeyValueIterator<Bytes, byte[]> range)
        implements Comparable<Stored> {

        static Optional<Stored> next(final String stream, final KeyValueIterator<Bytes, byte[]> range) {
            if (!range.hasNext()) {
                return Optional.empty();
            }
            final KeyValue<Bytes, byte[]> entry = range.next();
            return Optional.of(new Stored(stream, LogEventKeys.position(entry.key), entry.value, range));
        }

        /** Where a page stopped: compared by its time, stream and position only. */
        static Stored of(final StoredLogEvent event) {
            return new Stored(event.logStreamName(), event.position(), null, null);
        }

        StoredLogEvent event() {
            return StoredLogEvent.of(stream, position, value);
        }

        @Override
        public int compareTo(final Stored other) {
            return compare(position, stream, other.position, other.stream);
        }
    }
}
