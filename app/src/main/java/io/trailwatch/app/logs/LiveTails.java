package io.trailwatch.app.logs;

import io.trailwatch.aws.AwsError;
import io.trailwatch.processors.filter.pattern.FilterPattern;
import io.trailwatch.processors.filter.pattern.FilterPatternInput;
import io.trailwatch.processors.logs.LogNames;
import io.trailwatch.schemas.kafka.KafkaAccess;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Starts live tails (StartLiveTail's service, under the {@code /v1} route and any other front end): checks the
 * group, the stream prefix and the pattern as FilterLogEvents does, and keeps the instance to at most
 * {@link LiveTailSettings#maxTails} tails (LimitExceededException beyond).
 */
public final class LiveTails {

    private final KafkaAccess kafka;
    private final LogTopicSource source;
    private final LogGroups groups;
    private final LiveTailSettings settings;
    private final Clock clock;
    private final Semaphore slots;
    private final AtomicLong started = new AtomicLong();

    LiveTails(final KafkaAccess kafka, final LogTopicSource source, final LogGroups groups,
              final LiveTailSettings settings, final Clock clock) {
        this.kafka = kafka;
        this.source = source;
        this.groups = groups;
        this.settings = settings;
        this.clock = clock;
        this.slots = new Semaphore(settings.maxTails());
    }

    LiveTailSettings settings() {
        return settings;
    }

    /** A tail of the group from now; close it to end it (which frees its slot). */
    LiveTail start(final String logGroupName, final String filterPattern, final String logStreamNamePrefix) {
        final String group = groups.group(logGroupName).logGroupName();
        final String prefix = logStreamNamePrefix == null ? "" : logStreamNamePrefix;
        if (!prefix.isEmpty()) {
            LogNames.requireStream("logStreamNamePrefix", prefix);
        }
        final FilterPattern pattern = FilterPatternInput.parse("filterPattern",
            filterPattern == null ? "" : filterPattern);
        if (!slots.tryAcquire()) {
            throw AwsError.of("LimitExceededException", 429, "at most " + settings.maxTails() + " live tails run "
                + "at once on an instance; end one or try again later");
        }
        try {
            final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.clientConfig(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "trailwatch-live-tail-" + started.incrementAndGet(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
            return new LiveTail(consumer, source, new LiveTail.Selection(group, prefix, pattern),
                settings.buffer(), clock, slots::release);
        } catch (final RuntimeException e) {
            slots.release();
            throw e;
        }
    }
}
