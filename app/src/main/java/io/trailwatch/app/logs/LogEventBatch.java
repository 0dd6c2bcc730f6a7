package io.trailwatch.app.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.avro.LogEvent;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.processors.logs.LogEventValidator;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A PutLogEvents batch, checked as CloudWatch Logs checks it: at most 10,000 events and 1,048,576 bytes (UTF-8
 * messages plus 26 per event), each event at most {@link LogEventValidator#MAX_EVENT_BYTES}, in chronological order. Events more than 2 hours ahead, more than 14 days behind or
 * older than the group's retention are not a failure: they are rejected (their index ranges reported) and the rest
 * accepted, which must then span at most 24 hours.
 *
 * @param accepted                 the events to write
 * @param tooNewLogEventStartIndex the first event too far ahead (the rest are too), if any
 * @param tooOldLogEventEndIndex   one past the last event older than 14 days, if any
 * @param expiredLogEventEndIndex  one past the last event older than the group's retention, if any
 */
public record LogEventBatch(List<LogEvent> accepted, OptionalInt tooNewLogEventStartIndex,
                            OptionalInt tooOldLogEventEndIndex, OptionalInt expiredLogEventEndIndex) {

    static final int MAX_EVENTS = 10_000;
    static final int MAX_BATCH_BYTES = 1_048_576;
    static final Duration MAX_SPAN = Duration.ofHours(24);
    private static final String EVENTS = "logEvents";

    /**
     * @param retention the group's retention, if it has one
     * @param now       what "too new" and "too old" are measured from
     */
    public static LogEventBatch of(final String logGroupName, final String logStreamName, final AwsInput input,
                                   final Optional<Duration> retention, final Instant now) {
        final List<JsonNode> entries = input.list(EVENTS);
        if (entries.isEmpty() || entries.size() > MAX_EVENTS) {
            throw new InvalidRecordException(EVENTS, "must have 1 to " + MAX_EVENTS + " events, had "
                + entries.size());
        }
        final List<LogEvent> events = new ArrayList<>(entries.size());
        long bytes = 0;
        for (int i = 0; i < entries.size(); i++) {
            final SizedEvent sized = event(logGroupName, logStreamName, entries.get(i), i);
            final LogEvent event = sized.event();
            if (i > 0 && event.getTimestamp().isBefore(events.get(i - 1).getTimestamp())) {
                throw new InvalidRecordException(EVENTS, "log events in a single PutLogEvents request must be in "
                    + "chronological order: event " + i + " is older than event " + (i - 1));
            }
            bytes += sized.bytes();
            events.add(event);
        }
        if (bytes > MAX_BATCH_BYTES) {
            throw new InvalidRecordException(EVENTS, "the batch is " + bytes + " bytes (UTF-8 messages + "
                + LogEventValidator.EVENT_OVERHEAD_BYTES + " per event), more than the maximum of " + MAX_BATCH_BYTES);
        }
        return split(events, retention, now);
    }

    /** An event and its size as CloudWatch Logs counts it (measured once: it is most of a batch's checking). */
    private record SizedEvent(LogEvent event, long bytes) {
    }

    private static SizedEvent event(final String group, final String stream, final JsonNode entry, final int index) {
        final String at = EVENTS + "[" + index + "].";
        try {
            final AwsInput event = AwsInput.of(entry);
            final long timestamp = event.longValue("timestamp").orElseThrow(() -> new InvalidRecordException(
                "timestamp", "is required"));
            final String message = event.requiredText("message");
            if (message.isEmpty()) {
                throw new InvalidRecordException("message", "must not be empty");
            }
            final long bytes = LogEventValidator.requireSize("message", message);
            return new SizedEvent(new LogEvent(group, stream, Instant.ofEpochMilli(timestamp), message), bytes);
        } catch (final InvalidRecordException e) {
            throw new InvalidRecordException(at + e.field(), e.reason());
        }
    }

    /** Chronological order makes each rejected kind a run at one end of the batch. */
    private static LogEventBatch split(final List<LogEvent> events, final Optional<Duration> retention,
                                       final Instant now) {
        final Instant tooOld = now.minus(LogEventValidator.MAX_BEHIND);
        final Instant expired = retention.map(now::minus).orElse(Instant.MIN);
        final Instant tooNew = now.plus(LogEventValidator.MAX_AHEAD);
        int first = 0;
        int tooOldEnd = 0;
        while (first < events.size() && events.get(first).getTimestamp().isBefore(tooOld)) {
            tooOldEnd = ++first;
        }
        int expiredEnd = 0;
        while (first < events.size() && events.get(first).getTimestamp().isBefore(expired)) {
            expiredEnd = ++first;
        }
        int end = events.size();
        while (end > first && events.get(end - 1).getTimestamp().isAfter(tooNew)) {
            end--;
        }
        final List<LogEvent> accepted = events.subList(first, end);
        if (!accepted.isEmpty() && Duration.between(accepted.get(0).getTimestamp(),
            accepted.get(accepted.size() - 1).getTimestamp()).compareTo(MAX_SPAN) > 0) {
            throw new InvalidRecordException(EVENTS, "the log events in a single PutLogEvents request must not "
                + "span more than 24 hours");
        }
        return new LogEventBatch(List.copyOf(accepted), end < events.size() ? OptionalInt.of(end) : OptionalInt.empty(),
            tooOldEnd > 0 ? OptionalInt.of(tooOldEnd) : OptionalInt.empty(),
            expiredEnd > 0 ? OptionalInt.of(expiredEnd) : OptionalInt.empty());
    }
}
