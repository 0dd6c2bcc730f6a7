package io.trailwatch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    private static final TopicPartition P = new TopicPartition("notifications", 0);

    private final PartitionProgress progress = new PartitionProgress();
    private final Map<String, Integer> queued = new HashMap<>();

    @Test
    void commitsOnlyUpToTheOldestRecordNotDone() {
        take(0, "a");
        take(1, "b");
        take(2, "a");
        progress.finished(P, 1);
        progress.finished(P, 2);
        assertThat(committable(3)).as("record 0 is still being delivered").isEqualTo(0L);
        progress.finished(P, 0);
        assertThat(committable(3)).isEqualTo(3L);
        progress.committed(Map.of(P, new OffsetAndMetadata(3)));
        assertThat(progress.committable(partition -> 3)).as("nothing new").isEmpty();
    }

    @Test
    void aFullLaneIsLeftOnThePartitionAndReadAgainOnceItHasCaughtUpWhileOtherLanesGoOn() {
        queued.put("failing", SubscriptionDeliveries.LANE_LIMIT);
        assertThat(progress.take(P, 0, "failing", true)).as("full").isFalse();
        assertThat(take(1, "healthy")).isTrue();
        assertThat(progress.take(P, 2, "failing", false)).as("left from its first record left").isFalse();
        assertThat(take(3, "healthy")).isTrue();
        progress.finished(P, 1);
        progress.finished(P, 3);
        assertThat(committable(4)).as("the failing lane's first record left").isEqualTo(0L);
        assertThat(progress.rewinds(this::queued, SubscriptionDeliveries.LANE_LIMIT / 2, partition -> Long.MAX_VALUE)).as("still full").isEmpty();

        queued.put("failing", 0);
        assertThat(progress.rewinds(this::queued, SubscriptionDeliveries.LANE_LIMIT / 2, partition -> Long.MAX_VALUE)).containsEntry(P, 0L);
        // the partition read again from 0: only the failing lane's records are taken, each once
        final List<Long> again = LongStream.range(0, 4).filter(offset -> progress.take(P, offset,
            offset % 2 == 0 ? "failing" : "healthy", false)).boxed().toList();
        assertThat(again).containsExactly(0L, 2L);
        assertThat(take(4, "healthy")).as("then new records as before").isTrue();
        assertThat(take(5, "failing")).isTrue();
        // a later rewind for another lane does not take the failing lane's records again
        assertThat(progress.take(P, 6, "other", true)).isFalse();
        assertThat(progress.rewinds(this::queued, SubscriptionDeliveries.LANE_LIMIT / 2, partition -> Long.MAX_VALUE)).containsEntry(P, 6L);
        assertThat(progress.take(P, 6, "other", false)).isTrue();
        assertThat(progress.take(P, 2, "failing", false)).isFalse();
    }

    @Test
    void aLaneCaughtUpWhileAnotherIsReadAgainNeitherSkipsNorRetakesTheOthersRecords() {
        // lane "odd" has the odd offsets and 0, lane "even" the other even ones
        assertThat(read(0, 10, 0, 6)).as("odd left at 0, even at 6").containsExactly(2L, 4L);
        queued.put("even", SubscriptionDeliveries.LANE_LIMIT);
        assertThat(rewinds(10)).containsEntry(P, 0L);
        assertThat(read(0, 5)).as("the odd lane's, read again up to the position 5").containsExactly(0L, 1L, 3L);
        queued.put("even", 0);
        assertThat(rewinds(5)).as("the even lane's first record left, 6, is ahead: no seek past the odd lane's 5")
            .doesNotContainKey(P);
        assertThat(read(5, 10)).containsExactly(5L, 6L, 7L, 8L, 9L);

        assertThat(read(10, 20, 11, 14)).as("odd left at 11, even at 14").containsExactly(10L, 12L);
        queued.put("even", SubscriptionDeliveries.LANE_LIMIT);
        assertThat(rewinds(20)).containsEntry(P, 11L);
        assertThat(read(11, 16)).containsExactly(11L, 13L, 15L);
        queued.put("even", 0);
        assertThat(rewinds(16)).as("the even lane's 14 is behind the position").containsEntry(P, 14L);
        assertThat(read(14, 20)).as("the odd lane's 15 is not taken twice").containsExactly(14L, 16L, 17L, 18L, 19L);
    }

    /** The offsets from {@code from} to {@code to} taken, those in {@code full} meeting a full lane. */
    private List<Long> read(final long from, final long to, final long... full) {
        final Set<Long> fullAt = LongStream.of(full).boxed().collect(Collectors.toSet());
        return LongStream.range(from, to).filter(offset -> progress.take(P, offset,
            offset % 2 == 1 || offset == 0 ? "odd" : "even", fullAt.contains(offset))).boxed().toList();
    }

    private Map<TopicPartition, Long> rewinds(final long position) {
        return progress.rewinds(this::queued, SubscriptionDeliveries.LANE_LIMIT / 2, partition -> position);
    }

    @Test
    void aCommitWritesWhatWasRecordedFirstAndHappensOnlyWhenAnOffsetMoves() {
        final List<String> steps = new ArrayList<>();
        take(0, "a");
        progress.finished(P, 0);
        progress.commit(partition -> 1, () -> steps.add("write recorded"), offsets -> steps.add("commit " + offsets));
        progress.commit(partition -> 1, () -> steps.add("write recorded"), offsets -> steps.add("commit " + offsets));
        assertThat(steps).containsExactly("write recorded", "commit " + Map.of(P, new OffsetAndMetadata(1)));
        assertThat(progress.committable(partition -> 1)).as("recorded as committed").isEmpty();
    }

    @Test
    void aRevokedPartitionIsForgotten() {
        take(0, "a");
        progress.forget(List.of(P));
        assertThat(progress.committable(partition -> 1)).isEmpty();
    }

    private boolean take(final long offset, final String lane) {
        final boolean taken = progress.take(P, offset, lane, false);
        if (taken) {
            progress.started(P, offset);
        }
        return taken;
    }

    private int queued(final String lane) {
        return queued.getOrDefault(lane, 0);
    }

    private Long committable(final long position) {
        final OffsetAndMetadata offset = progress.committable(partition -> position).get(P);
        return offset == null ? null : offset.offset();
    }
}
