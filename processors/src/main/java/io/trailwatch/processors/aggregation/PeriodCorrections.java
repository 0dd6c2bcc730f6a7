package io.trailwatch.processors.aggregation;

import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.processors.metrics.MetricAggregate;
import io.trailwatch.processors.metrics.query.StatisticsWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Puts datapoints that arrive after their period closed into that period, as CloudWatch does for two weeks: the
 * closed period, and each longer period built from it, is corrected from what the statistics stores keep of it
 * (count, sum, extremes and the percentile sketch merge exactly); a longer period still open simply takes the
 * datapoint, since its closed sources were merged into it already.
 *
 * <p>Corrections are staged per period in a changelogged store and published together on the wall clock, so a
 * burst of late datapoints for one period (an agent's buffered minute, a backfill) costs one corrected
 * {@code MetricStatistics} per period and tick, not one per datapoint; staging in a store rather than in memory
 * means a crash between a datapoint's commit and the next tick loses no correction.
 */
final class PeriodCorrections {

    static final String PENDING_STORE = "metric-corrections-pending";

    private final PeriodTree periods;
    private final KeyValueStore<Bytes, MetricAggregate> open;
    private final KeyValueStore<Bytes, MetricAggregate> pending;
    private final StatisticsWriter statistics;

    PeriodCorrections(final PeriodTree periods, final KeyValueStore<Bytes, MetricAggregate> open,
                      final KeyValueStore<Bytes, MetricAggregate> pending, final StatisticsWriter statistics) {
        this.periods = periods;
        this.open = open;
        this.pending = pending;
        this.statistics = statistics;
    }

    /**
     * Adds a late datapoint's aggregate to the closed period of length {@code period} containing {@code timeMs} and
     * to every period built from it. False when no period could take it: every one it belongs to is closed and
     * past its retention (or a length nobody keeps).
     */
    boolean correct(final String identityKey, final MetricAggregate late, final long timeMs, final int period,
                    final long closedUpTo, final long nowMs) {
        final long end = PeriodAggregator.periodEnd(timeMs, period);
        final Bytes key = new OpenPeriodKey(end, period, identityKey).encode();
        if (end > closedUpTo) {
            final MetricAggregate stillOpen = open.get(key);
            open.put(key, (stillOpen == null ? MetricAggregate.empty() : stillOpen).merge(late));
            return true;
        }
        boolean taken = false;
        final long start = end - period * 1000L;
        if (statistics.keeps(period, start, nowMs)) {
            MetricAggregate corrected = pending.get(key);
            if (corrected == null) {
                final MetricStatistics kept = statistics.kept(identityKey, period, start);
                corrected = kept == null ? MetricAggregate.empty() : MetricAggregate.fromStatistics(kept);
            }
            pending.put(key, corrected.merge(late));
            taken = true;
        }
        for (final int parent : periods.parentsOf(period)) {
            taken |= correct(identityKey, late, timeMs, parent, closedUpTo, nowMs);
        }
        return taken;
    }

    /** The staged corrections, each as the period's whole statistics under its next revision; then forgets them. */
    List<KeyValue<OpenPeriodKey, MetricAggregate>> drain() {
        final List<KeyValue<OpenPeriodKey, MetricAggregate>> drained = new ArrayList<>();
        try (KeyValueIterator<Bytes, MetricAggregate> all = pending.all()) {
            while (all.hasNext()) {
                final KeyValue<Bytes, MetricAggregate> entry = all.next();
                drained.add(KeyValue.pair(OpenPeriodKey.decode(entry.key), entry.value));
            }
        }
        drained.forEach(entry -> pending.delete(entry.key.encode()));
        return drained;
    }

    /** The revision a period's next emission carries: 0 for a period never published, else one more than kept. */
    int nextRevision(final OpenPeriodKey period) {
        final MetricStatistics kept = statistics.kept(period.identityKey(), period.periodSeconds(),
            period.periodStartMs());
        return kept == null ? 0 : kept.getRevision() + 1;
    }
}
