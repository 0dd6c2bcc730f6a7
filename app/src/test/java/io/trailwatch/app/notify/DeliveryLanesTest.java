package io.trailwatch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.sinks.notify.DeliveryFailedException;
import io.trailwatch.sinks.notify.RetryPolicy;
import io.trailwatch.sinks.notify.Retrying;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class DeliveryLanesTest {

    private static final TopicPartition P0 = new TopicPartition("notifications", 0);
    private static final TopicPartition P1 = new TopicPartition("notifications", 1);

    @Test
    void runsOneLaneInOrderAndLanesAtOnceUpToTheBound() {
        final int lanesCount = 6;
        final CountDownLatch allStarted = new CountDownLatch(3);
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final List<String> done = Collections.synchronizedList(new ArrayList<>());
        try (DeliveryLanes lanes = new DeliveryLanes(3, () -> false)) {
            for (int job = 0; job < 4; job++) {
                for (int lane = 0; lane < lanesCount; lane++) {
                    final String name = lane + "/" + job;
                    final boolean first = job == 0;
                    lanes.add("lane" + lane, P0, () -> {
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        if (first) {
                            allStarted.countDown();
                            // three lanes must be running at once for any of them to go on
                            allStarted.await(10, TimeUnit.SECONDS);
                        }
                        done.add(name);
                        running.decrementAndGet();
                    });
                }
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lanes.size() == 0);
        }
        assertThat(allStarted.getCount()).as("three lanes ran at once").isZero();
        assertThat(most.get()).as("never more than the bound").isLessThanOrEqualTo(3);
        assertThat(done).hasSize(4 * lanesCount);
        for (int lane = 0; lane < lanesCount; lane++) {
            final String prefix = lane + "/";
            assertThat(done.stream().filter(name -> name.startsWith(prefix)).toList()).as("lane " + lane)
                .containsExactly(prefix + 0, prefix + 1, prefix + 2, prefix + 3);
        }
    }

    @Test
    void aLaneThatHangsHoldsNeitherTheCallerNorTheOtherLanes() {
        final CountDownLatch hung = new CountDownLatch(1);
        final List<String> done = Collections.synchronizedList(new ArrayList<>());
        try (DeliveryLanes lanes = new DeliveryLanes(2, () -> false)) {
            lanes.add("failing", P0, hung::await);
            lanes.add("failing", P0, () -> done.add("failing/2"));
            for (int job = 0; job < 10; job++) {
                final String name = "healthy/" + job;
                lanes.add("healthy", P0, () -> done.add(name));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> done.size() == 10);
            assertThat(done).as("the healthy lane, while the other hangs").doesNotContain("failing/2");
            assertThat(lanes.queued("failing")).isEqualTo(2);
            hung.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> done.contains("failing/2"));
        }
    }

    @Test
    void aRevocationDropsItsPartitionsJobsLetsARequestInFlightFinishAndEndsABackoff() throws Exception {
        final List<String> done = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean backoffEnded = new AtomicBoolean();
        final CountDownLatch started = new CountDownLatch(2);
        final CountDownLatch answer = new CountDownLatch(1);
        try (DeliveryLanes lanes = new DeliveryLanes(3, () -> false)) {
            lanes.add("retrying", P1, () -> {
                started.countDown();
                try {
                    lanes.await(Duration.ofMinutes(1), wait -> Thread.sleep(wait.toMillis()));
                } catch (final InterruptedException e) {
                    backoffEnded.set(true);
                    throw e;
                }
                done.add("retrying/1");
            });
            lanes.add("retrying", P1, () -> done.add("retrying/2"));
            lanes.add("in-flight", P1, () -> {
                started.countDown();
                answer.await();
                done.add("in-flight/1");
            });
            started.await(10, TimeUnit.SECONDS);
            final Thread answering = new Thread(() -> {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(backoffEnded::get);
                answer.countDown();
            });
            answering.start();
            lanes.revoke(Set.of(P1), 10_000);
            assertThat(backoffEnded).as("the backoff ended at once").isTrue();
            assertThat(done).as("the request in flight was let finish").containsExactly("in-flight/1");
            assertThat(lanes.size()).isZero();
            lanes.add("kept", P0, () -> done.add("kept/1"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> done.contains("kept/1"));
            assertThat(done).containsExactly("in-flight/1", "kept/1");
        }
    }

    @Test
    void lanesWaitingOutABackoffHoldNoThreadSoAHealthyLaneIsServedAtOnce() throws Exception {
        // more failing lanes than threads, each backing off 1 s between its 5 attempts
        final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(1));
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final List<String> verdicts = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch allTried = new CountDownLatch(3);
        final CountDownLatch healthy = new CountDownLatch(1);
        try (DeliveryLanes lanes = new DeliveryLanes(2, () -> false)) {
            final Retrying retrying = new Retrying(policy, lanes.sleeper(wait -> Thread.sleep(wait.toMillis())));
            for (int n = 0; n < 3; n++) {
                final String lane = "failing" + n;
                lanes.add(lane, P0, () -> {
                    try {
                        retrying.run(lane, () -> {
                            if (attempts.computeIfAbsent(lane, key -> new AtomicInteger()).incrementAndGet() == 1) {
                                allTried.countDown();
                            }
                            return "HTTP 503";
                        });
                    } catch (final DeliveryFailedException e) {
                        verdicts.add(e.getMessage());
                    }
                });
            }
            assertThat(allTried.await(10, TimeUnit.SECONDS)).as("3 failing lanes tried on 2 threads").isTrue();
            final long added = System.nanoTime();
            lanes.add("healthy", P0, healthy::countDown);
            assertThat(healthy.await(10, TimeUnit.SECONDS)).isTrue();
            final long servedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - added);
            assertThat(verdicts).as("the healthy lane was served while every failing one waited out its backoff")
                .isEmpty();
            assertThat(servedMillis).as("served within a backoff").isLessThan(1_000);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> verdicts.size() == 3);
            assertThat(verdicts).as("each retried after its backoffs, from its next attempt")
                .containsOnly("HTTP 503 (after 5 attempts)");
            assertThat(attempts.values()).extracting(AtomicInteger::get).containsExactly(5, 5, 5);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lanes.size() == 0);
        }
    }

    @Test
    void aRevocationEndsARetryWaitingOutItsBackoffWithNoVerdict() throws Exception {
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicBoolean verdict = new AtomicBoolean();
        try (DeliveryLanes lanes = new DeliveryLanes(1, () -> false)) {
            final Retrying retrying = new Retrying(new RetryPolicy(5, Duration.ofMinutes(1), Duration.ofMinutes(1)),
                lanes.sleeper(wait -> Thread.sleep(wait.toMillis())));
            lanes.add("failing", P1, () -> {
                try {
                    retrying.run("failing", () -> {
                        attempts.incrementAndGet();
                        return "HTTP 503";
                    });
                } catch (final DeliveryFailedException e) {
                    verdict.set(true);
                }
            });
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() == 1);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lanes.queued("failing") == 1);
            lanes.revoke(Set.of(P1), 10_000);
            assertThat(lanes.size()).isZero();
            assertThat(lanes.queued("failing")).isZero();
            final CountDownLatch next = new CountDownLatch(1);
            lanes.add("failing", P0, next::countDown);
            assertThat(next.await(10, TimeUnit.SECONDS)).as("the lane's thread is free for the next job").isTrue();
            assertThat(attempts).hasValue(1);
            assertThat(verdict).isFalse();
        }
    }

    @Test
    void stopsBeforeTheNextJobAndReportsAFailure() {
        final List<String> done = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean stopping = new AtomicBoolean();
        try (DeliveryLanes lanes = new DeliveryLanes(2, stopping::get)) {
            lanes.add("a", P0, () -> {
                done.add("a1");
                stopping.set(true);
            });
            lanes.add("a", P0, () -> done.add("a2"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lanes.queued("a") == 0);
            assertThat(done).containsExactly("a1");
        }
        try (DeliveryLanes lanes = new DeliveryLanes(2, () -> false)) {
            lanes.add("a", P0, () -> {
                throw new IllegalStateException("cannot record");
            });
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(lanes::rethrowFailure).hasMessage("cannot record"));
        }
    }
}
