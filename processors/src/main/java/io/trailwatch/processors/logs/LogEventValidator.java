package io.trailwatch.processors.logs;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.utils.Utils;

/**
 * PutLogEvents' rules for one event, applied to every {@code LogEvent} on {@code trailwatch.logs}: a valid log
 * group and stream name (not the audit trail's group, which only the trail writes), a message of 1 byte to 256 KiB (counted as CloudWatch does: UTF-8 bytes plus 26), and a
 * timestamp at most 2 hours ahead of and at most 14 days behind the time it is processed. The batch rules
 * (10,000 events, chronological order, 24-hour span) have no equivalent on a stream of single events.
 */
public final class LogEventValidator {

    /**
     * The maximum event size, message bytes plus {@link #EVENT_OVERHEAD_BYTES}: 256 KiB, as CloudWatch Logs documented
     * it until it raised it to 1 MB. Kept at 256 KiB because an event travels as one Kafka record (on
     * {@code trailwatch.logs}, the log store's changelog, a subscription's topic) and Kafka's default limit on a
     * record is 1 MB, which a 1 MB message plus its framing would pass.
     */
    public static final int MAX_EVENT_BYTES = 262_144;
    public static final int EVENT_OVERHEAD_BYTES = 26;
    public static final Duration MAX_AHEAD = Duration.ofHours(2);
    public static final Duration MAX_BEHIND = Duration.ofDays(14);

    private LogEventValidator() {
    }

    /** Throws naming the field and the rule it breaks; returns the event when valid. */
    public static LogEvent validate(final LogEvent event, final Instant now) {
        LogNames.requireGroup("logGroup", event.getLogGroup());
        if (AuditLogGroup.is(event.getLogGroup())) {
            throw new InvalidRecordException("logGroup", AuditLogGroup.NAME + " is written by the audit trail only");
        }
        LogNames.requireStream("logStream", event.getLogStream());
        final String message = event.getMessage();
        if (message == null || message.isEmpty()) {
            throw new InvalidRecordException("message", "must not be empty");
        }
        requireSize("message", message);
        final Instant timestamp = event.getTimestamp();
        if (timestamp.isAfter(now.plus(MAX_AHEAD))) {
            throw new InvalidRecordException("timestamp", timestamp + " is more than 2 hours in the future (now "
                + now + "): tooNewLogEventStartIndex");
        }
        if (timestamp.isBefore(now.minus(MAX_BEHIND))) {
            throw new InvalidRecordException("timestamp", timestamp + " is more than 14 days in the past (now "
                + now + "): tooOldLogEventEndIndex");
        }
        return event;
    }

    /** Throws naming the field when the message's event size (UTF-8 bytes + 26) passes {@link #MAX_EVENT_BYTES}. */
    /** @return the event's size as CloudWatch Logs counts it: the message's UTF-8 bytes + {@link #EVENT_OVERHEAD_BYTES} */
    public static long requireSize(final String field, final String message) {
        final long size = utf8Length(message) + EVENT_OVERHEAD_BYTES;
        if (size > MAX_EVENT_BYTES) {
            throw new InvalidRecordException(field, "event size " + size + " bytes (UTF-8 message + "
                + EVENT_OVERHEAD_BYTES + ") exceeds the maximum of " + MAX_EVENT_BYTES);
        }
        return size;
    }

    /** The UTF-8 length without encoding the string (messages may be a megabyte). */
    public static long utf8Length(final CharSequence text) {
        return Utils.utf8Length(text);
    }
}
