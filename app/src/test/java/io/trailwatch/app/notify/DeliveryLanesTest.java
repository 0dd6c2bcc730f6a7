package io.trailwatch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
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
                    lanes.backoff(Duration.ofMinutes(1), wait -> Thread.sleep(wait.toMillis()));
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
