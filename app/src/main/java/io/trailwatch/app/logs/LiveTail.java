package io.trailwatch.app.logs;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.filter.pattern.FilterPattern;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One live tail: its own consumer of the group's topic, from the end of every partition at the moment it started
 * (so events of partitions other instances own reach it too), reading committed records only (what the store
 * keeps), the events of the group (and stream prefix) that match the pattern put in a bounded buffer for the
 * client. A client too slow to take them ends the tail rather than the instance's memory: the buffer full, the tail
 * stops reading and says why ({@link #endReason}).
 */
final class LiveTail implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Consumer<byte[], byte[]> consumer;
    private final LogTopicSource source;
    private final Selection selection;
    private final BlockingQueue<TailedEvent> buffer;
    private final Clock clock;
    private final Thread poller;
    private final Runnable onClose;
    private volatile String endReason;
    private volatile boolean closed;

    /** What a tail delivers: a group's events, of streams whose names start with a prefix, matching a pattern. */
    record Selection(String logGroupName, String logStreamNamePrefix, FilterPattern pattern) {
        boolean test(final LogEvent event) {
            return event.getLogGroup().equals(logGroupName) && event.getLogStream().startsWith(logStreamNamePrefix)
                && pattern.match(event.getMessage()).isPresent();
        }
    }

    /** Positions the consumer at the end of every partition before returning: the tail starts "now". */
    LiveTail(final Consumer<byte[], byte[]> consumer, final LogTopicSource source, final Selection selection,
             final int bufferSize, final Clock clock, final Runnable onClose) {
        this.consumer = consumer;
        this.onClose = onClose;
        this.source = source;
        this.selection = selection;
        this.buffer = new ArrayBlockingQueue<>(bufferSize);
        this.clock = clock;
        final String topic = source.topic(selection.logGroupName());
        try {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolves the end now, not at the first poll
        } catch (final RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
        this.poller = new Thread(this::poll, "live-tail-" + selection.logGroupName());
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (!closed && endReason == null) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    final Optional<LogEvent> event = source.event(record.topic(), record.value(), clock.instant())
                        .filter(selection::test);
                    if (event.isPresent() && !buffer.offer(TailedEvent.of(event.get(), record.timestamp(),
                        record.partition(), record.offset()))) {
                        endReason = "the client did not keep up: more than " + (buffer.size() + buffer
                            .remainingCapacity()) + " events were waiting for it";
                        return;
                    }
                }
            }
        } catch (final WakeupException closing) {
            // close() woke it up
        } catch (final RuntimeException e) {
            endReason = "the tail could not read Kafka: " + e.getClass().getSimpleName();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The next event, waiting at most {@code wait}; empty when none came (or the tail ended). */
    Optional<TailedEvent> next(final Duration wait) throws InterruptedException {
        return Optional.ofNullable(buffer.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Why the tail ended on its own (a client that did not keep up is dropped at once, its backlog with it). */
    Optional<String> endReason() {
        return Optional.ofNullable(endReason);
    }

    @Override
    public void close() {
        if (closed) {
            return; // closed by the one thread that serves the tail: no race
        }
        closed = true;
        consumer.wakeup();
        try {
            poller.join(Duration.ofSeconds(10).toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            onClose.run();
        }
    }
}
