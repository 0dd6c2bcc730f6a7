package io.trailwatch.app.logs;

import io.trailwatch.app.http.QueryString;
import io.trailwatch.processors.common.InstanceRouter;
import io.trailwatch.processors.logs.AuditLogGroup;
import io.trailwatch.processors.logs.LogStream;
import io.trailwatch.processors.logs.store.LocalLogEvents;
import io.trailwatch.processors.logs.store.LogStores;
import io.trailwatch.processors.logs.store.LogStreamStats;
import io.trailwatch.processors.logs.store.StoredLogEvent;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one place where reads of the log store cross instances. A stream's events are all on the instance that holds
 * its key's partition ({@link LogStream#key}): GetLogEvents reads them there ({@link InstanceRouter#fromOwner}); a
 * group's streams are spread over every instance: FilterLogEvents and the statistics ask every other instance at
 * once while this one answers its part ({@link InstanceRouter#fromOthers}). Other instances answer on the internal
 * routes ({@link #READ_PATH}, {@link #FILTER_PATH}, {@link #STREAMS_PATH}) from their own part only.
 */
final class LogStoreRouter {

    static final String READ_PATH = "/v1/internal/log-events/read";
    static final String FILTER_PATH = "/v1/internal/log-events/filter";
    static final String STREAMS_PATH = "/v1/internal/log-streams";
    private static final String GROUP = "logGroupName";

    private final ProcessorsRuntime runtime;
    /** The store is partitioned like trailwatch.logs, whose keys are written in the registry's wire format. */
    private final Serializer<String> keys;

    LogStoreRouter(final ProcessorsRuntime runtime, final SerdeContext serdes) {
        this.runtime = runtime;
        this.keys = Topics.LOGS.keySerde(serdes).serializer();
    }

    /**
     * One stream's events, read where they are: on its key's partition, or (the audit trail's streams, whose records
     * are keyed by eventID) on every instance, merged.
     */
    List<StoredLogEvent> read(final LogStoreReads.Read read) {
        if (AuditLogGroup.is(read.group())) {
            return readEverywhere(read);
        }
        return runtime.router().fromOwner(LogStores.EVENTS, LogStream.key(read.group(), read.stream()),
                keys, READ_PATH + QueryString.of(read.parameters()))
            .map(LogStoreJson::events)
            .orElseGet(() -> read.from(local()));
    }

    private List<StoredLogEvent> readEverywhere(final LogStoreReads.Read read) {
        final List<CompletableFuture<List<StoredLogEvent>>> others = runtime.router().fromOthers(LogStores.EVENTS,
            READ_PATH + QueryString.of(read.parameters()), (host, body) -> LogStoreJson.events(body));
        final List<StoredLogEvent> all = new ArrayList<>(read.from(local()));
        InstanceRouter.joined(others).forEach(all::addAll);
        // each instance's part is the first events of its partitions: the merged first events are the answer's
        final Comparator<StoredLogEvent> order = Comparator.comparing(StoredLogEvent::position);
        all.sort(read.descending() ? order.reversed() : order);
        final List<StoredLogEvent> taken = new ArrayList<>();
        long bytes = 0;
        for (final StoredLogEvent event : all) {
            bytes += event.size();
            if (taken.size() >= read.limit() || bytes > read.maxBytes()) {
                break;
            }
            taken.add(event);
        }
        return taken;
    }

    /** Every instance's page of a filter, this one's first; 503 unless they cover every partition. */
    List<LocalLogEvents.FilterPage> filter(final LogStoreReads.Filter filter) {
        final List<CompletableFuture<LocalLogEvents.FilterPage>> others = runtime.router().fromOthers(
            LogStores.EVENTS, FILTER_PATH + QueryString.of(filter.parameters()), (host, body) -> LogStoreJson.page(body));
        final List<LocalLogEvents.FilterPage> pages = new ArrayList<>();
        pages.add(filter.from(local()));
        pages.addAll(InstanceRouter.joined(others));
        requireEveryPartition(pages.stream().map(LocalLogEvents.FilterPage::partitions).toList());
        return pages;
    }

    /**
     * What is stored of each stream of the groups, across instances, by group then stream; 503 unless the answers
     * cover every partition.
     */
    Map<String, SortedMap<String, LogStreamStats>> streams(final Collection<String> groups) {
        final Map<String, SortedMap<String, LogStreamStats>> merged = new TreeMap<>();
        if (groups.isEmpty()) {
            return merged;
        }
        final List<CompletableFuture<LogStoreJson.Streams>> others = runtime.router().fromOthers(
            LogStores.STREAMS, STREAMS_PATH + QueryString.of(Map.of(GROUP, List.copyOf(groups))),
            (host, body) -> LogStoreJson.streams(body));
        final List<LogStoreJson.Streams> parts = new ArrayList<>();
        parts.add(localStreams(groups));
        parts.addAll(InstanceRouter.joined(others));
        requireEveryPartition(parts.stream().map(LogStoreJson.Streams::partitions).toList());
        for (final LogStoreJson.Streams part : parts) {
            part.byGroup().forEach((group, streams) -> streams.forEach((stream, stats) -> merged
                .computeIfAbsent(group, name -> new TreeMap<>()).merge(stream, stats, LogStreamStats::plus)));
        }
        return merged;
    }

    /**
     * A partition no instance answered for (starting, restoring, moving) makes the read unavailable (503, retry),
     * never a silently partial answer.
     */
    void requireEveryPartition(final List<Set<Integer>> answered) {
        final Set<Integer> missing = runtime.router().servedPartitions(LogStores.EVENTS, Topics.LOGS.name());
        answered.forEach(missing::removeAll);
        if (!missing.isEmpty()) {
            throw new InstanceRouter.UnavailableException("log store partitions " + missing + " are not available "
                + "now (an instance is starting or the partitions are moving); retry");
        }
    }

    /** The answers of the internal routes: this instance's part only. */
    String readHere(final Map<String, List<String>> parameters) {
        return LogStoreJson.events(LogStoreReads.Read.of(parameters).from(local()));
    }

    String filterHere(final Map<String, List<String>> parameters) {
        return LogStoreJson.page(LogStoreReads.Filter.of(parameters).from(local()));
    }

    String streamsHere(final Map<String, List<String>> parameters) {
        QueryString.allowOnly(parameters, List.of(GROUP));
        return LogStoreJson.streams(localStreams(parameters.getOrDefault(GROUP, List.of())));
    }

    private LogStoreJson.Streams localStreams(final Collection<String> groups) {
        final LocalLogEvents local = local();
        final Map<String, SortedMap<String, LogStreamStats>> byGroup = new TreeMap<>();
        for (final String group : groups) {
            byGroup.put(group, local.streams(group));
        }
        return new LogStoreJson.Streams(byGroup, local.partitions());
    }

    LocalLogEvents local() {
        return LocalLogEvents.of(runtime.streams());
    }
}
