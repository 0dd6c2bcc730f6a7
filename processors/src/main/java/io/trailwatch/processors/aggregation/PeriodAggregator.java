package io.trailwatch.processors.aggregation;

import io.trailwatch.avro.MetricDatum;
import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.processors.common.Counters;
import io.trailwatch.processors.common.DeadLetters;
import io.trailwatch.processors.common.Routed;
import io.trailwatch.processors.metrics.MetricAggregate;
import io.trailwatch.processors.metrics.MetricDatumValidator;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.processors.metrics.query.StatisticsRetention;
import io.trailwatch.processors.metrics.query.StatisticsWriter;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Aggregates datapoints into periods and emits one {@code MetricStatistics} per metric and period when the
 * period closes, never for intermediate updates; keeps it in the statistics stores queries read; and corrects it
 * when datapoints for it arrive later ({@link PeriodCorrections}), emitting it again under the next revision.
 *
 * <p>A period [start, end) closes once the partition's time passes end + grace. The partition's time is the
 * newest datapoint time seen (capped at the wall clock, so one datapoint stamped in the future cannot close
 * everyone's periods early), and, when no datapoint has arrived for a whole grace period, the wall clock itself:
 * that is what closes the last period of a metric that stopped reporting, which stream time alone never would. A
 * partition working through a backlog (its newest datapoint was already old when it arrived: a restart, a consumer
 * that fell behind) is not idle when its records pause for a moment: closing by the wall clock then would turn the
 * rest of the backlog into corrections, so it waits for {@link #BACKLOG_IDLE} of silence instead.
 * Closing fast keeps alarms' reaction under a second; correcting afterwards keeps the statistics right, as
 * CloudWatch's are for datapoints up to two weeks old. Only a datapoint that no kept period can take (all past
 * their retention) goes to {@code trailwatch.metrics.late}; invalid ones go to the dead-letter topic.
 * Open periods live in a changelogged store ordered by end time, so memory is bounded by RocksDB, not by a
 * suppress buffer.
 */
final class PeriodAggregator implements Processor<String, MetricDatum, String, Routed> {

    static final String LATE_REASON_HEADER = "trailwatch.late.reason";
    private static final String CLOSED_UP_TO = "closedUpTo";
    private static final long CLOSE_GRANULARITY_MS = 1000L;
    /** How long a partition that was working through a backlog must be silent to count as idle. */
    static final java.time.Duration BACKLOG_IDLE = java.time.Duration.ofSeconds(30);

    private final AggregationSettings settings;
    private final StatisticsRetention retention;
    private final PeriodTree periods;
    private final long graceMs;
    private ProcessorContext<String, Routed> context;
    private KeyValueStore<Bytes, MetricAggregate> open;
    private KeyValueStore<String, Long> progress;
    private StatisticsWriter statistics;
    private PeriodCorrections corrections;
    private Sensor late;
    private Sensor corrected;
    private Sensor invalid;
    private long closedUpTo;
    private long streamTime = Long.MIN_VALUE;
    private long lastRecordWallClock;
    /**
     * How far the partition's time was behind the wall clock at its last record: large while catching up; unknown
     * (as large as can be) until the first record, since a task just started may have a backlog waiting.
     */
    private long behindAtLastRecord = Long.MAX_VALUE;

    PeriodAggregator(final AggregationSettings settings, final StatisticsRetention retention) {
        this.settings = settings;
        this.retention = retention;
        this.periods = new PeriodTree(settings);
        this.graceMs = settings.grace().toMillis();
    }

    @Override
    public void init(final ProcessorContext<String, Routed> context) {
        this.context = context;
        this.open = context.getStateStore(MetricAggregationTopology.OPEN_PERIODS_STORE);
        this.progress = context.getStateStore(MetricAggregationTopology.PROGRESS_STORE);
        this.statistics = new StatisticsWriter(context, retention);
        this.corrections = new PeriodCorrections(periods, open,
            context.getStateStore(PeriodCorrections.PENDING_STORE), statistics);
        this.late = Counters.sensor(context, "metric-aggregation", "late-datapoints");
        this.corrected = Counters.sensor(context, "metric-aggregation", "corrected-periods");
        this.invalid = Counters.sensor(context, "metric-aggregation", "invalid-datapoints");
        final Long restored = progress.get(CLOSED_UP_TO);
        this.closedUpTo = restored == null ? Long.MIN_VALUE : restored;
        this.lastRecordWallClock = context.currentSystemTimeMs();
        context.schedule(settings.closeCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(final Record<String, MetricDatum> record) {
        final MetricDatum datum = record.value();
        if (datum == null) {
            return;
        }
        final long now = context.currentSystemTimeMs();
        lastRecordWallClock = now;
        final MetricIdentity identity;
        try {
            MetricDatumValidator.validate(datum, Instant.ofEpochMilli(now));
            identity = MetricIdentity.of(datum);
        } catch (final InvalidRecordException e) {
            invalid.record();
            final RecordMetadata source = context.recordMetadata().orElse(null);
            context.forward(record.withValue(Routed.deadLetter(Topics.DEADLETTER, Topics.METRICS.name(), datum))
                .withHeaders(DeadLetters.headers(source, InvalidRecordException.class.getName(), e.getMessage())));
            return;
        }
        final long time = datum.getTimestamp().toEpochMilli();
        final int entry = periods.entryFor(datum.getStorageResolution());
        final long entryEnd = periodEnd(time, entry);
        if (entryEnd <= closedUpTo
            && corrections.correct(identity.key(), MetricAggregate.empty().add(datum), time, entry, closedUpTo, now)) {
            return;
        }
        if (entryEnd <= closedUpTo) {
            late.record();
            context.forward(record.withValue(Routed.to(Topics.METRICS_LATE, datum))
                .withHeaders(lateHeaders(record.headers(), entry, entryEnd)));
            return;
        }
        final Bytes key = new OpenPeriodKey(entryEnd, entry, identity.key()).encode();
        final MetricAggregate aggregate = open.get(key);
        open.put(key, (aggregate == null ? MetricAggregate.empty() : aggregate).add(datum));
        streamTime = Math.max(streamTime, Math.min(time, now));
        behindAtLastRecord = now - streamTime;
        closeUpTo(streamTime - graceMs);
    }

    private void onWallClock(final long now) {
        final long idle = now - lastRecordWallClock;
        if (idle >= graceMs && (behindAtLastRecord <= graceMs || idle >= BACKLOG_IDLE.toMillis())) {
            closeUpTo(now - graceMs);
        }
        for (final KeyValue<OpenPeriodKey, MetricAggregate> correction : corrections.drain()) {
            corrected.record();
            emit(correction.key, correction.value, corrections.nextRevision(correction.key));
        }
    }

    /**
     * Emits and forgets every open period whose end is at or before the close time, merging each into the longer
     * periods built from it. Keys sort by end time and, at one end time, shorter periods first, so a period has
     * received all its sources before it is emitted. Work is staged in memory: the store iterator does not see
     * writes made while it scans.
     */
    private void closeUpTo(final long closeTime) {
        // Period ends are whole seconds: closing more often than once a second would find nothing new.
        final long boundary = Math.floorDiv(closeTime, CLOSE_GRANULARITY_MS) * CLOSE_GRANULARITY_MS;
        if (boundary <= closedUpTo) {
            return;
        }
        final TreeMap<Bytes, MetricAggregate> closing = new TreeMap<>();
        // From the first end not yet closed: a scan from the start would walk the tombstone of every period closed
        // before, which RocksDB keeps until it compacts them away. To the boundary, not open-ended: the store's
        // record cache answers a range by copying the keys of the cached part of it, which open-ended was every
        // open period in the cache, at every close (37% of the stream thread's time in a backlog).
        try (KeyValueIterator<Bytes, MetricAggregate> scan = open.range(
            OpenPeriodKey.endingAfter(Math.max(0, closedUpTo)), OpenPeriodKey.endingAfter(boundary))) {
            while (scan.hasNext()) {
                final KeyValue<Bytes, MetricAggregate> entry = scan.next();
                closing.put(entry.key, entry.value);
            }
        }
        final Map<Bytes, MetricAggregate> stillOpen = new HashMap<>();
        while (!closing.isEmpty()) {
            final Map.Entry<Bytes, MetricAggregate> entry = closing.pollFirstEntry();
            final OpenPeriodKey key = OpenPeriodKey.decode(entry.getKey());
            emit(key, entry.getValue(), 0);
            open.delete(entry.getKey());
            for (final int parent : periods.parentsOf(key.periodSeconds())) {
                final long parentEnd = periodEnd(key.periodStartMs(), parent);
                final Bytes parentKey = new OpenPeriodKey(parentEnd, parent, key.identityKey()).encode();
                (parentEnd <= boundary ? closing : stillOpen).computeIfAbsent(parentKey, k -> {
                    final MetricAggregate stored = open.get(k);
                    return stored == null ? MetricAggregate.empty() : stored;
                }).merge(entry.getValue());
            }
        }
        stillOpen.forEach(open::put);
        closedUpTo = boundary;
        progress.put(CLOSED_UP_TO, boundary);
    }

    /** Publishes a period's statistics and keeps them for queries and later corrections. */
    private void emit(final OpenPeriodKey key, final MetricAggregate aggregate, final int revision) {
        final MetricStatistics emitted = aggregate.toStatistics(MetricIdentity.parseKey(key.identityKey()),
            Instant.ofEpochMilli(key.periodStartMs()), key.periodSeconds());
        emitted.setRevision(revision);
        statistics.write(key.identityKey(), emitted);
        context.forward(new Record<>(key.identityKey(), Routed.to(Topics.METRIC_STATS, emitted), key.periodStartMs()));
    }

    private Headers lateHeaders(final Headers original, final int period, final long periodEnd) {
        final Headers headers = new RecordHeaders(original.toArray());
        headers.add(LATE_REASON_HEADER, ("period of " + period + " s ending " + Instant.ofEpochMilli(periodEnd)
            + " had closed (grace " + graceMs + " ms; closed up to " + Instant.ofEpochMilli(closedUpTo)
            + "), and neither it nor any longer period containing it is kept any more (retention "
            + retention + ")").getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    static long periodEnd(final long timeMs, final int periodSeconds) {
        final long periodMs = periodSeconds * 1000L;
        return Math.floorDiv(timeMs, periodMs) * periodMs + periodMs;
    }
}
