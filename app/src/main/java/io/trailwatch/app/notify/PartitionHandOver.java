package io.trailwatch.app.notify;

import java.util.Collection;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * What the deliverer does when the group moves its partitions, so that a partition's next owner neither repeats a
 * delivery that was made nor skips one that was not:
 * <ul>
 *   <li><b>taken away</b> (revoked): the lanes finish what is in flight on it; every outcome recorded so far is
 *   written to the delivered set; then what is done is committed. The write comes first and always: while a
 *   subscription still retries, the partition's committed offset cannot move past its message, so the next owner
 *   reads again everything after it and skips only what the delivered set shows;</li>
 *   <li><b>lost</b> (the group went on without this instance): the lanes stop and nothing is committed; the next
 *   owner repeats at most the requests that were in flight, each with its {@code Idempotency-Key};</li>
 *   <li><b>given</b>: the delivered set is read again, with what other instances recorded.</li>
 * </ul>
 * While the deliverer closes, it does none of this: close lets what is in flight finish and commits nothing more, as
 * a crash would.
 */
final class PartitionHandOver implements ConsumerRebalanceListener {

    private final BooleanSupplier running;
    private final Consumer<Collection<TopicPartition>> stopLanes;
    private final Runnable writeRecorded;
    private final Runnable commit;
    private final Consumer<Collection<TopicPartition>> forget;
    private final Runnable readRecorded;

    /**
     * @param running       false once the deliverer is closing
     * @param stopLanes     ends the lanes' work on the partitions, waiting a while for the requests in flight
     * @param writeRecorded returns once every outcome recorded so far is written to the delivered set
     * @param commit        commits each partition up to its oldest message not done
     * @param forget        drops what was known of the partitions' progress
     * @param readRecorded  reads the delivered set again, to its end
     */
    PartitionHandOver(final BooleanSupplier running, final Consumer<Collection<TopicPartition>> stopLanes,
                      final Runnable writeRecorded, final Runnable commit,
                      final Consumer<Collection<TopicPartition>> forget, final Runnable readRecorded) {
        this.running = running;
        this.stopLanes = stopLanes;
        this.writeRecorded = writeRecorded;
        this.commit = commit;
        this.forget = forget;
        this.readRecorded = readRecorded;
    }

    @Override
    public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
        if (running.getAsBoolean() && !partitions.isEmpty()) {
            stopLanes.accept(partitions);
            // Before the commit, which writes them only when an offset moves. A write that fails stops the deliverer,
            // as it does in a commit.
            writeRecorded.run();
            commit.run();
            forget.accept(partitions);
        }
    }

    @Override
    public void onPartitionsLost(final Collection<TopicPartition> partitions) {
        if (running.getAsBoolean()) {
            stopLanes.accept(partitions);
            forget.accept(partitions);
        }
    }

    @Override
    public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            readRecorded.run();
        }
    }
}
