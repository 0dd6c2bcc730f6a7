package io.trailwatch.app.notify;

import io.trailwatch.sinks.notify.Retrying;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs deliveries on a bounded pool as they are read, independently of the consumer's polls: the deliveries of one
 * lane (one record key, that is one subscription, whose messages the stream keeps in order) one after the other in
 * their order, different lanes in parallel, at most {@code concurrency} at a time. A lane gives its thread back after
 * each delivery, so lanes take turns, and while it waits out a retry's backoff (the delivery runs again when the wait
 * is over, from its next attempt: {@link #sleeper}): failing endpoints, however many, hold no thread between their
 * attempts, so healthy subscriptions are served while they wait; a lane whose endpoint hangs holds one thread, never
 * the consumer nor the other lanes. The consumer asks {@link #queued} to stop reading a lane that has enough waiting.
 */
final class DeliveryLanes implements AutoCloseable {

    /** One delivery, run on a lane's thread; an interruption (stopping, partition revoked) leaves it undone. */
    @FunctionalInterface
    interface Job {
        void run() throws InterruptedException;
    }

    /** Ends a job's run on its lane's thread: the job runs again after {@code wait}, its thread free meanwhile. */
    private static final class Rescheduled extends InterruptedException {
        private final transient Duration wait;

        private Rescheduled(final Duration wait) {
            super("retried in " + wait.toMillis() + " ms");
            this.wait = wait;
        }
    }

    /** A job and the partition of its record: a rebalance drops the jobs of the partitions it takes away. */
    private record Queued(TopicPartition partition, Job job) {
    }

    /**
     * One lane's waiting jobs, and the one running: on a thread (kept, to wake it from a wait at a revocation), or
     * waiting out a backoff on none.
     */
    private static final class Lane {
        private final String name;
        private final Deque<Queued> waiting = new ArrayDeque<>();
        private Queued running;
        private Thread thread;
        /** The running job's partition was taken away: it ends at its next backoff, with no verdict. */
        private boolean revoked;
        private boolean backingOff;
        /** The running job's retry, due after its backoff; null while it runs. */
        private ScheduledFuture<?> retry;
        /** Tells a retry that was due from one scheduled since (a lane's retries are one after the other). */
        private long retries;
        /** The running job's attempts made before its backoff, from which it goes on when it runs again. */
        private int attemptsMade;
        /** Submitted to the pool or running: at most one task per lane keeps its jobs in order. */
        private boolean active;

        private Lane(final String name) {
            this.name = name;
        }
    }

    private final ExecutorService pool;
    /** Runs the lanes' retries when their backoff is over (it only hands them to the pool). */
    private final ScheduledExecutorService timer;
    private final BooleanSupplier stopping;
    private final Map<String, Lane> lanes = new HashMap<>();
    /** The lane whose job a pool thread runs. */
    private final ThreadLocal<Lane> current = new ThreadLocal<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private int jobs;

    /** @param stopping whether to start no further job (what is left is neither delivered nor recorded) */
    DeliveryLanes(final int concurrency, final BooleanSupplier stopping) {
        this.stopping = stopping;
        final AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(concurrency, runnable -> {
            final Thread thread = new Thread(runnable, "trailwatch-notifications-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "trailwatch-notification-retries");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues the job at the end of its lane; it runs after the lane's earlier jobs. */
    synchronized void add(final String lane, final TopicPartition partition, final Job job) {
        final Lane to = lanes.computeIfAbsent(lane == null ? "" : lane, Lane::new);
        to.waiting.add(new Queued(partition, job));
        jobs++;
        if (!to.active) {
            to.active = true;
            submit(to);
        }
    }

    /** The lane's jobs not yet done (waiting or running). */
    synchronized int queued(final String lane) {
        final Lane found = lanes.get(lane == null ? "" : lane);
        return found == null ? 0 : found.waiting.size() + (found.running == null ? 0 : 1);
    }

    /** All lanes' jobs not yet done. */
    synchronized int size() {
        return jobs;
    }

    /**
     * Throws the first failure of a job (a delivered set or a dead-letter topic that cannot be written): lanes start
     * nothing after one, the deliverer stops.
     */
    void rethrowFailure() {
        final RuntimeException first = failure.get();
        if (first != null) {
            throw first;
        }
    }

    /**
     * Drops the waiting jobs of these partitions and waits, at most this long, until none of them runs: a request in
     * flight is let finish (answered, it is recorded and not sent again), a job waiting out a backoff ends at once
     * with no verdict (the partition's next owner sends it, with its key). What still runs at the end is interrupted.
     */
    synchronized void revoke(final Collection<TopicPartition> partitions, final long millis)
        throws InterruptedException {
        for (final Lane lane : List.copyOf(lanes.values())) {
            final int before = lane.waiting.size();
            lane.waiting.removeIf(queued -> partitions.contains(queued.partition()));
            jobs -= before - lane.waiting.size();
            if (lane.running != null && partitions.contains(lane.running.partition())) {
                if (lane.retry != null) {
                    lane.retry.cancel(false);
                    finish(lane); // waiting out a backoff on no thread: it ends now, with no verdict
                } else {
                    lane.revoked = true;
                    if (lane.backingOff) {
                        lane.thread.interrupt();
                    }
                }
            }
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (lanes.values().stream().anyMatch(lane -> lane.revoked)) {
            final long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                lanes.values().stream().filter(lane -> lane.revoked && lane.thread != null)
                    .forEach(lane -> lane.thread.interrupt());
                return;
            }
            wait(left);
        }
    }

    /**
     * The waits of the lanes' jobs: a backoff between attempts gives the lane's thread back (the job runs again when
     * it is over, from its next attempt, see {@link Retrying.Sleeper#backoff}); any other wait (a destination's rate)
     * is waited out on the thread through {@code waits}. Off a lane's thread both wait through {@code waits}.
     */
    Retrying.Sleeper sleeper(final Retrying.Sleeper waits) {
        return new Retrying.Sleeper() {
            @Override
            public void sleep(final Duration wait) throws InterruptedException {
                await(wait, waits);
            }

            @Override
            public void backoff(final Duration wait, final int attemptsMade) throws InterruptedException {
                final Lane lane = current.get();
                if (lane == null) {
                    waits.sleep(wait);
                    return;
                }
                synchronized (DeliveryLanes.this) {
                    if (lane.revoked) {
                        throw new InterruptedException("partition revoked");
                    }
                    lane.attemptsMade = attemptsMade;
                }
                throw new Rescheduled(wait);
            }

            @Override
            public int attemptsMade() {
                final Lane lane = current.get();
                synchronized (DeliveryLanes.this) {
                    return lane == null ? 0 : lane.attemptsMade;
                }
            }
        };
    }

    /**
     * Waits on the job's lane's thread, through {@code waits}; throws at once, with no verdict for the job, when its
     * partition is revoked.
     */
    void await(final Duration wait, final Retrying.Sleeper waits) throws InterruptedException {
        final Lane lane = current.get();
        if (lane == null) {
            waits.sleep(wait);
            return;
        }
        synchronized (this) {
            if (lane.revoked) {
                throw new InterruptedException("partition revoked");
            }
            lane.backingOff = true;
        }
        try {
            waits.sleep(wait);
        } finally {
            synchronized (this) {
                lane.backingOff = false;
            }
        }
    }

    private void submit(final Lane lane) {
        try {
            pool.execute(() -> runNext(lane));
        } catch (final RejectedExecutionException closing) {
            lane.active = false;
        }
    }

    /** Runs the lane's job due again after its backoff, or else its next one; then other lanes have the thread. */
    private void runNext(final Lane lane) {
        final Queued next;
        synchronized (this) {
            if (lane.running != null && lane.revoked) {
                finish(lane); // its partition was revoked since its retry was due
                return;
            }
            next = lane.running != null ? lane.running : lane.waiting.poll();
            if (next == null || stopping.getAsBoolean() || failure.get() != null) {
                lane.active = false;
                lane.running = null;
                if (lane.waiting.isEmpty()) {
                    lanes.remove(lane.name);
                }
                return;
            }
            lane.running = next;
            lane.thread = Thread.currentThread();
        }
        current.set(lane);
        Duration retryIn = null;
        try {
            next.job().run();
        } catch (final Rescheduled backoff) {
            retryIn = backoff.wait;
        } catch (final InterruptedException stoppedOrRevoked) {
            // no verdict: neither recorded nor committed
        } catch (final RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            current.remove();
            synchronized (this) {
                lane.thread = null;
                // an interruption meant for this job must not reach the lane's next one (it is set under this lock)
                Thread.interrupted();
                if (retryIn == null || lane.revoked || !retryLater(lane, retryIn)) {
                    finish(lane);
                }
            }
        }
    }

    /** Runs the lane's job again after the wait, on whichever thread is free then; false when closing. */
    private boolean retryLater(final Lane lane, final Duration wait) {
        final long retry = ++lane.retries;
        try {
            lane.retry = timer.schedule(() -> retryDue(lane, retry), wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (final RejectedExecutionException closing) {
            return false;
        }
    }

    private synchronized void retryDue(final Lane lane, final long retry) {
        if (lane.retry != null && lane.retries == retry) {
            lane.retry = null;
            submit(lane);
        }
    }

    /** The lane's running job is over, with a verdict or with none: the lane goes on with its next one. */
    private void finish(final Lane lane) {
        lane.running = null;
        lane.retry = null;
        lane.revoked = false;
        lane.attemptsMade = 0;
        jobs--;
        notifyAll();
        if (lane.waiting.isEmpty()) {
            lane.active = false;
            lanes.remove(lane.name);
        } else {
            submit(lane);
        }
    }

    /**
     * Lets the lanes finish what they are sending within the time given (a request answered is then recorded, not
     * repeated), then interrupts what is left.
     */
    void close(final long millis) {
        timer.shutdownNow(); // the retries not yet due are neither delivered nor recorded: the next start sends them
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
