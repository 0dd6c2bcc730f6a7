package io.trailwatch.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The processors' transactional producers and stream threads, summed over threads, at one moment: how many records
 * were sent again after a retriable error, how many commits there were and how long their transactions took to end;
 * and how long the JIT has spent compiling, whose threads compete with the stream threads for the cores.
 * The difference of two shows whether a period's latency went to retries (a produce answered
 * CONCURRENT_TRANSACTIONS, say, waits out the producer's retry backoff) or to the commits themselves.
 */
record StreamProducerTotals(double recordRetries, double recordErrors, double commits, double txnCommitNanos,
                            double flushNanos, long jitMillis) {

    static final StreamProducerTotals NONE = new StreamProducerTotals(0, 0, 0, 0, 0, 0);

    static StreamProducerTotals of(final KafkaStreams streams) {
        double retries = 0;
        double errors = 0;
        double commits = 0;
        double txnCommit = 0;
        double flush = 0;
        for (final Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
            final MetricName name = entry.getKey();
            if (!(entry.getValue().metricValue() instanceof Double value)) {
                continue;
            }
            if (name.group().equals("producer-metrics")) {
                switch (name.name()) {
                    case "record-retry-total" -> retries += value;
                    case "record-error-total" -> errors += value;
                    case "txn-commit-time-ns-total" -> txnCommit += value;
                    case "flush-time-ns-total" -> flush += value;
                    default -> { }
                }
            } else if (name.group().equals("stream-thread-metrics") && name.name().equals("commit-total")) {
                commits += value;
            }
        }
        return new StreamProducerTotals(retries, errors, commits, txnCommit, flush,
            ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
    }

    String since(final StreamProducerTotals before) {
        final double commitCount = commits - before.commits;
        return String.format("%.0f record retries, %.0f record errors, %.0f commits, transaction end %.1f ms and "
                + "flush %.1f ms per commit; JIT compiling %d ms", recordRetries - before.recordRetries,
            recordErrors - before.recordErrors, commitCount,
            perCommitMillis(txnCommitNanos - before.txnCommitNanos, commitCount),
            perCommitMillis(flushNanos - before.flushNanos, commitCount), jitMillis - before.jitMillis);
    }

    private static double perCommitMillis(final double nanos, final double commitCount) {
        return commitCount == 0 ? 0 : nanos / 1e6 / commitCount;
    }
}
