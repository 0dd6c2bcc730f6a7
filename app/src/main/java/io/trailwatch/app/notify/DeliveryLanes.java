package io.trailwatch.app.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Runs one poll's deliveries on a bounded pool: the deliveries of one lane (one record key, that is one
 * subscription, whose messages the stream keeps in order) one after the other in their order, different lanes in
 * parallel, at most {@code concurrency} at a time. {@link #runAll} returns when every lane has finished, so the
 * caller can flush what they recorded and then commit the batch's offsets.
 */
final class DeliveryLanes implements AutoCloseable {

    /** One delivery, run on a lane's thread. */
    @FunctionalInterface
    interface Job {
        void run() throws InterruptedException;
    }

    private final ExecutorService pool;

    DeliveryLanes(final int concurrency) {
        final AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(concurrency, runnable -> {
            final Thread thread = new Thread(runnable, "trailwatch-notifications-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs the jobs, lane by lane in order, and waits for all of them. A lane stops before its next job once
     * {@code stopping} says so (that job and the rest are neither delivered nor recorded: the next start does them).
     *
     * @throws IllegalStateException the first failure of a lane (a delivered set that cannot be written), once
     *                               every lane has ended
     */
    void runAll(final Map<String, List<Job>> lanes, final BooleanSupplier stopping) throws InterruptedException {
        final List<Future<?>> running = new ArrayList<>(lanes.size());
        for (final List<Job> lane : lanes.values()) {
            running.add(pool.submit(() -> {
                for (final Job job : lane) {
                    if (stopping.getAsBoolean()) {
                        return null;
                    }
                    job.run();
                }
                return null;
            }));
        }
        RuntimeException failure = null;
        for (final Future<?> lane : running) {
            try {
                lane.get();
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof InterruptedException) && failure == null) {
                    failure = e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Groups jobs by lane, keeping their order within each. */
    static final class Batch {
        private final Map<String, List<Job>> lanes = new LinkedHashMap<>();

        void add(final String lane, final Job job) {
            lanes.computeIfAbsent(lane == null ? "" : lane, key -> new ArrayList<>()).add(job);
        }

        Map<String, List<Job>> lanes() {
            return lanes;
        }
    }

    /**
     * Lets the lanes finish what they are sending within the time given (a request answered is then recorded, not
     * repeated), then interrupts what is left.
     */
    void close(final long millis) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (final InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(0);
    }
}
