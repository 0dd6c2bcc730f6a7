package io.trailwatch.app.logs;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.audit.AuditRecord;
import io.trailwatch.processors.logs.AuditLogGroup;
import io.trailwatch.processors.logs.KeptLogEvents;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Where a log group's events are on Kafka, and how a record becomes the log event the store keeps: the audit
 * trail's group from {@code trailwatch.audit} (each record as its CloudTrail JSON, {@link AuditLogGroup}), every
 * other group from {@code trailwatch.logs}; only an event the store keeps counts ({@link KeptLogEvents#kept}): an
 * undecodable or invalid record is the processors' to dead-letter, not a reader's to fail on.
 */
final class LogTopicSource {

    private final Deserializer<LogEvent> logs;
    private final Deserializer<AuditRecord> audit;
    private final String account;

    LogTopicSource(final SerdeContext serdes, final String account) {
        this.logs = Topics.LOGS.valueSerde(serdes).deserializer();
        this.audit = AuditRecord.serde(serdes).deserializer();
        this.account = account;
    }

    String topic(final String logGroupName) {
        return AuditLogGroup.is(logGroupName) ? Topics.AUDIT.name() : Topics.LOGS.name();
    }

    /** The event a record of {@link #topic} carries, if it is one the store keeps. */
    Optional<LogEvent> event(final String topic, final byte[] value, final Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            if (topic.equals(Topics.AUDIT.name())) {
                return Optional.ofNullable(audit.deserialize(topic, value))
                    .map(record -> AuditLogGroup.event(record, account));
            }
            return Optional.ofNullable(logs.deserialize(topic, value))
                .filter(event -> KeptLogEvents.kept(event, topic, now.toEpochMilli()));
        } catch (final SerializationException | ClassCastException skipped) {
            return Optional.empty();
        }
    }
}
