package io.trailwatch.processors.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which stores are restoring, as Kafka Streams reports restoration: the instance is not ready until none is. */
class RestoringStoresTest {

    private static final TopicPartition CHANGELOG_0 = new TopicPartition("app-history-changelog", 0);
    private static final TopicPartition CHANGELOG_1 = new TopicPartition("app-history-changelog", 1);

    @Test
    void aStorePartitionIsRestoringFromItsStartUntilItsEndOrUntilItsTaskMovesAway() {
        final RestoringStores restoring = new RestoringStores();

        restoring.onRestoreStart(CHANGELOG_0, "history", 0, 5000);
        restoring.onRestoreStart(CHANGELOG_1, "history", 0, 7000);
        restoring.onBatchRestored(CHANGELOG_0, "history", 1000, 1000);
        assertThat(restoring.now()).containsExactly("history[0]", "history[1]");

        restoring.onRestoreEnd(CHANGELOG_0, "history", 5000);
        assertThat(restoring.now()).containsExactly("history[1]");

        restoring.onRestoreSuspended(CHANGELOG_1, "history", 3000);
        assertThat(restoring.now()).isEmpty();
    }
}
