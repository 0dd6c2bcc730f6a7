package io.trailwatch.app.selfmetrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.processors.common.DeadLetters;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import io.trailwatch.sinks.archive.ArchiveConnectors;
import io.trailwatch.sinks.notify.NotifyConnectors;
import io.trailwatch.sinks.notify.WebhookSinkConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what the pipeline's outcome topics receive: records dead-lettered (by the stream processors, and by the
 * archive and notifier connectors in the Connect worker) and late datapoints, by source topic and reason; alarm
 * transitions by new state; notifications delivered and failed. The topics are the record of these outcomes whoever
 * wrote them, the Connect worker's JVM included, and their headers carry the reason.
 * <p>
 * The consumers of a deployment's instances share one group, so each instance counts its share of the partitions
 * and the instances' counts add up to the deployment's. A group's first start counts what the topics still hold.
 */
final class TopicOutcomes implements AutoCloseable {

    static final String DEAD_LETTERS = "trailwatch.dead.letters";
    static final String LATE_RECORDS = "trailwatch.late.records";
    static final String ALARM_TRANSITIONS = "trailwatch.alarm.transitions";
    static final String NOTIFICATIONS_DELIVERED = "trailwatch.notifications.delivered";
    static final String NOTIFICATIONS_FAILED = "trailwatch.notifications.failed";

    private static final Logger LOG = LoggerFactory.getLogger(TopicOutcomes.class);
    private static final String CONNECT_TOPIC = "__connect.errors.topic";
    private static final String CONNECT_EXCEPTION = "__connect.errors.exception.class.name";
    /** A tag value read from a header is cut here: a reason is a class name, not a message. */
    private static final int MAX_TAG_LENGTH = 120;

    private final MeterRegistry registry;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<AlarmStateChange> alarmChanges;
    private final Thread reader;
    private volatile boolean running = true;

    /** @param group the consumer group of the deployment's instances */
    TopicOutcomes(final MeterRegistry registry, final KafkaAccess kafka, final SerdeContext serdes,
                  final String group) {
        this.registry = registry;
        this.alarmChanges = Topics.ALARMS.valueSerde(serdes).deserializer();
        this.consumer = new KafkaConsumer<>(kafka.clientConfig(Map.of(
            ConsumerConfig.GROUP_ID_CONFIG, group,
            ConsumerConfig.CLIENT_ID_CONFIG, group,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            // the connectors' dead-letter topics appear when their first record does: notice them within seconds
            ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000)),
            new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(Pattern.compile(Pattern.quote(Topics.DEADLETTER.name()) + "|"
            + Pattern.quote(ArchiveConnectors.DEAD_LETTER_TOPIC) + "|" + Pattern.quote(NotifyConnectors.DEAD_LETTER_TOPIC)
            + "|" + Pattern.quote(Topics.METRICS_LATE.name()) + "|" + Pattern.quote(Topics.ALARMS.name()) + "|"
            + Pattern.quote(WebhookSinkConfig.DEFAULT_DELIVERED_TOPIC)));
        this.reader = new Thread(this::read, group);
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (running) {
                final var records = consumer.poll(Duration.ofSeconds(1));
                records.forEach(this::count);
                if (!records.isEmpty()) {
                    consumer.commitAsync(TopicOutcomes::committed);
                }
            }
        } catch (final WakeupException stopping) {
            // close() woke the consumer up
        } catch (final RuntimeException e) {
            LOG.error("Trailwatch's own metrics stopped counting dead letters, late records, alarm transitions and "
                + "notifications: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Kafka's own callback logs a failed commit as an ERROR, which reaches the console: it happens whenever the
     * group rebalances (an instance joins, leaves or is cut off) and harms nothing, since the next commit covers the
     * same records. So it goes to the log file only.
     */
    private static void committed(final Map<TopicPartition, OffsetAndMetadata> offsets, final Exception failure) {
        if (failure != null) {
            LOG.debug("Offsets of Trailwatch's own metrics not committed (the next commit covers them): {}",
                failure.toString());
        }
    }

    private void count(final ConsumerRecord<byte[], byte[]> record) {
        final String topic = record.topic();
        final Headers headers = record.headers();
        if (topic.equals(Topics.DEADLETTER.name())) {
            deadLetter(topic, header(headers, DeadLetters.TOPIC), header(headers, DeadLetters.EXCEPTION));
        } else if (topic.equals(ArchiveConnectors.DEAD_LETTER_TOPIC)) {
            deadLetter(topic, header(headers, CONNECT_TOPIC), header(headers, CONNECT_EXCEPTION));
        } else if (topic.equals(NotifyConnectors.DEAD_LETTER_TOPIC)) {
            deadLetter(topic, header(headers, CONNECT_TOPIC), header(headers, CONNECT_EXCEPTION));
            counter(NOTIFICATIONS_FAILED, "Alarm notifications the notifier gave up on (sent to its dead-letter "
                + "topic)", "reason", reason(header(headers, CONNECT_EXCEPTION))).increment();
        } else if (topic.equals(Topics.METRICS_LATE.name())) {
            counter(LATE_RECORDS, "Datapoints too late for any period still kept (closed and past its retention)",
                "source_topic", Topics.METRICS.name(), "reason", "beyond-retention").increment();
        } else if (topic.equals(Topics.ALARMS.name())) {
            alarmTransition(record);
        } else {
            counter(NOTIFICATIONS_DELIVERED, "Alarm notifications delivered").increment();
        }
    }

    private void deadLetter(final String topic, final String sourceTopic, final String exception) {
        counter(DEAD_LETTERS, "Records dead-lettered, by dead-letter topic, source topic and reason", "topic", topic,
            "source_topic", sourceTopic, "reason", reason(exception)).increment();
    }

    private void alarmTransition(final ConsumerRecord<byte[], byte[]> record) {
        final AlarmStateChange change;
        try {
            change = alarmChanges.deserialize(record.topic(), record.headers(), record.value());
        } catch (final RuntimeException unreadable) {
            return; // not Trailwatch's to count: the topic's readers dead-letter it
        }
        if (change == null || change.getNotificationReleasedAt() != null) {
            return; // a muted transition released later is the same transition, published again
        }
        counter(ALARM_TRANSITIONS, "Alarm state transitions, by the state entered", "state",
            change.getState().getValue().name()).increment();
    }

    private Counter counter(final String name, final String description, final String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** An exception's simple class name ({@code InvalidRecordException}); the headers carry the whole name. */
    private static String reason(final String exception) {
        return exception.substring(exception.lastIndexOf('.') + 1);
    }

    private static String header(final Headers headers, final String name) {
        final Header header = headers.lastHeader(name);
        if (header == null || header.value() == null || header.value().length == 0) {
            return "unknown";
        }
        final String value = new String(header.value(), StandardCharsets.UTF_8);
        return value.length() > MAX_TAG_LENGTH ? value.substring(0, MAX_TAG_LENGTH) : value;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(Duration.ofSeconds(10).toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
