package io.trailwatch.processors.logs.insights;

import java.time.Duration;

/**
 * How Logs Insights queries run.
 *
 * @param maxScanBytes  a query whose groups hold more than this (CloudWatch's event sizes) in its time range is
 *                      refused before it starts, with the estimate
 * @param maxConcurrent queries scheduled or running at once on an instance; one more is LimitExceededException
 *                      (CloudWatch Logs allows 30 per account)
 * @param timeout       a query still running after this ends as Timeout (CloudWatch: 60 minutes)
 * @param resultsKept   how long a finished query's results stay readable
 */
public record InsightsSettings(long maxScanBytes, int maxConcurrent, Duration timeout, Duration resultsKept) {

    public static final InsightsSettings DEFAULTS = new InsightsSettings(100L * 1024 * 1024 * 1024, 30,
        Duration.ofMinutes(60), Duration.ofHours(24));
}
