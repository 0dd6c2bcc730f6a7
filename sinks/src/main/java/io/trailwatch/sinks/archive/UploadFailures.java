package io.trailwatch.sinks.archive;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The archive task's failed object-store requests, counted per reason as a metric of the task's own (Connect's
 * plugin metrics, KIP-877: group {@code plugins}, tags {@code connector}, {@code task}, {@code reason}), so that the
 * worker's metrics (JMX, metric reporters, Trailwatch's {@code /metrics}) show an archive that cannot upload while
 * its task keeps retrying and stays RUNNING.
 */
final class UploadFailures {

    /** The metric's name; cumulative, hence {@code -total} as Kafka names its counters. */
    static final String METRIC = "archive-upload-failures-total";
    /** The reason of a request that got no answer (connection refused, timed out). */
    static final String UNREACHABLE = "Unreachable";
    private static final int MAX_REASON_LENGTH = 64;

    private final PluginMetrics metrics;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    /** @param metrics the task's plugin metrics, or null where the worker has none (counted here only) */
    UploadFailures(final PluginMetrics metrics) {
        this.metrics = metrics;
    }

    void record(final SdkException failure) {
        counts.computeIfAbsent(reason(failure), this::registered).incrementAndGet();
    }

    /** How many requests failed for the reason so far. */
    long count(final String reason) {
        final AtomicLong count = counts.get(reason);
        return count == null ? 0 : count.get();
    }

    private AtomicLong registered(final String reason) {
        final AtomicLong count = new AtomicLong();
        if (metrics != null) {
            final LinkedHashMap<String, String> tags = new LinkedHashMap<>();
            tags.put("reason", reason);
            metrics.addMetric(metrics.metricName(METRIC, "Object-store requests of the archive that failed (the "
                + "batch is retried), by the store's error code, or " + UNREACHABLE + " when it did not answer", tags),
                (Gauge<Long>) (config, now) -> count.get());
        }
        return count;
    }

    /**
     * The store's error code ({@code NoSuchBucket}, {@code AccessDenied}, {@code InvalidAccessKeyId}), else
     * {@value #UNREACHABLE} for a store that did not answer, else the exception's type: a small set of values, as a
     * metric tag must be.
     */
    static String reason(final SdkException failure) {
        if (failure instanceof AwsServiceException service) {
            final String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return code == null || code.isBlank() ? "HTTP" + service.statusCode() : cleaned(code);
        }
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return UNREACHABLE;
            }
        }
        return failure.getClass().getSimpleName();
    }

    /** What a server sent, kept to letters and digits: a tag value that quotes nothing else. */
    private static String cleaned(final String code) {
        final String letters = code.replaceAll("[^A-Za-z0-9]", "");
        return letters.isEmpty() ? "Unknown" : letters.substring(0, Math.min(letters.length(), MAX_REASON_LENGTH));
    }
}
