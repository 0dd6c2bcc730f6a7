package io.trailwatch.processors.alarm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which periods one evaluation looks at.
 *
 * <p>CloudWatch "attempts to retrieve a higher number of data points than specified by Evaluation Periods" and
 * documents the size only by example: 5 periods for 3 evaluation periods (User Guide, "How alarm state is
 * evaluated when data is missing"). The general rule is not published; Trailwatch takes N + 2, which reproduces the
 * documented example and keeps every row of the documented tables.
 *
 * <p>Periods are aligned to the epoch (start = a multiple of the period), as GetMetricStatistics aligns them and as
 * Trailwatch's period aggregator stamps them, so the datapoints the caller holds line up with the slots here.
 */
public final class EvaluationRange {

    private static final int EXTRA_PERIODS = 2;

    private EvaluationRange() {
    }

    /** How many periods an alarm with this many evaluation periods looks at; how many datapoints to keep. */
    public static int periods(final int evaluationPeriods) {
        if (evaluationPeriods < 1) {
            throw new IllegalArgumentException("evaluationPeriods must be at least 1, was " + evaluationPeriods);
        }
        return evaluationPeriods + EXTRA_PERIODS;
    }

    /** The start of the newest period that is complete at {@code now}, i.e. whose end is at or before it. */
    public static Instant newestCompletePeriodStart(final int periodSeconds, final Instant now) {
        final long periodMs = periodMillis(periodSeconds);
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), periodMs) * periodMs - periodMs);
    }

    /** The starts of the periods evaluated at {@code now}, newest first. */
    public static List<Instant> periodStarts(final int periodSeconds, final int evaluationPeriods, final Instant now) {
        final long periodMs = periodMillis(periodSeconds);
        final long newest = newestCompletePeriodStart(periodSeconds, now).toEpochMilli();
        final int count = periods(evaluationPeriods);
        final List<Instant> starts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            starts.add(Instant.ofEpochMilli(newest - i * periodMs));
        }
        return starts;
    }

    private static long periodMillis(final int periodSeconds) {
        if (periodSeconds <= 0) {
            throw new IllegalArgumentException("period must be positive seconds, was " + periodSeconds);
        }
        return periodSeconds * 1000L;
    }
}
