package io.trailwatch.bench;

import java.util.Arrays;

/** Latency samples in milliseconds, and their percentiles (nearest rank). */
public final class Latencies {

    private long[] samples = new long[1024];
    private int size;

    public synchronized void record(final long millis) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = millis;
    }

    /** Passes every sample to the consumer, in the order recorded. */
    public synchronized void forEach(final java.util.function.LongConsumer consumer) {
        for (int i = 0; i < size; i++) {
            consumer.accept(samples[i]);
        }
    }

    public synchronized int count() {
        return size;
    }

    /** The p-th percentile (0 < p <= 100), or -1 with no samples. */
    public synchronized long percentile(final double p) {
        if (size == 0) {
            return -1;
        }
        final long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        final int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }
}
