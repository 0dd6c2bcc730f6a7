package io.trailwatch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeliveryLanesTest {

    @Test
    void runsOneLaneInOrderAndLanesAtOnceUpToTheBound() throws Exception {
        final int lanesCount = 6;
        final CountDownLatch allStarted = new CountDownLatch(3);
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final List<String> done = Collections.synchronizedList(new ArrayList<>());
        final DeliveryLanes.Batch batch = new DeliveryLanes.Batch();
        for (int job = 0; job < 4; job++) {
            for (int lane = 0; lane < lanesCount; lane++) {
                final String name = lane + "/" + job;
                final boolean first = job == 0;
                batch.add("lane" + lane, () -> {
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
        try (DeliveryLanes lanes = new DeliveryLanes(3)) {
            lanes.runAll(batch.lanes(), () -> false);
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
    void stopsBeforeTheNextJobAndReportsALanesFailureAfterAllEnd() throws Exception {
        final List<String> done = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger stopAfter = new AtomicInteger();
        final DeliveryLanes.Batch stopped = new DeliveryLanes.Batch();
        stopped.add("a", () -> done.add("a1"));
        stopped.add("a", () -> done.add("a2"));
        final DeliveryLanes.Batch failing = new DeliveryLanes.Batch();
        failing.add("a", () -> {
            throw new IllegalStateException("cannot record");
        });
        failing.add("b", () -> done.add("b1"));
        try (DeliveryLanes lanes = new DeliveryLanes(2)) {
            lanes.runAll(stopped.lanes(), () -> stopAfter.getAndIncrement() >= 1);
            assertThat(done).containsExactly("a1");
            assertThatThrownBy(() -> lanes.runAll(failing.lanes(), () -> false)).hasMessage("cannot record");
            assertThat(done).containsExactly("a1", "b1");
        }
    }
}
