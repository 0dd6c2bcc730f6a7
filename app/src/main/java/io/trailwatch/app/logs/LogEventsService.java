package io.trailwatch.app.logs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.filter.pattern.FilterPatternInput;
import io.trailwatch.processors.logs.LogGroupDefinition;
import io.trailwatch.processors.logs.LogNames;
import io.trailwatch.processors.logs.store.LocalLogEvents;
import io.trailwatch.processors.logs.store.LogPosition;
import io.trailwatch.processors.logs.store.LogStreamStats;
import io.trailwatch.processors.logs.store.StoredLogEvent;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Reading the kept log events, as CloudWatch Logs answers it, for both front ends (AWS's protocol and the
 * {@code /v1} routes): GetLogEvents (one stream, paged forward and backward) and FilterLogEvents (a group's streams
 * merged in time order, through a filter pattern), plus what DescribeLogGroups and DescribeLogStreams report of
 * what is stored. Events older than their group's retention are never returned, even before they are removed from
 * disk.
 */
public final class LogEventsService {

    /** At most this many events in one answer, and the default (GetLogEvents and FilterLogEvents). */
    static final int MAX_LIMIT = 10_000;
    /** At most this many bytes of events (CloudWatch's event sizes) in one answer. */
    static final long MAX_RESPONSE_BYTES = 1_048_576;
    /**
     * At most this many events each instance examines per FilterLogEvents call: a pattern that rarely matches
     * answers with what it found and a nextToken (as CloudWatch does) instead of scanning a whole group at once.
     */
    static final long SCAN_LIMIT = 200_000;
    private static final int MAX_STREAM_NAMES = 100;
    private static final String GROUP_NAME = "logGroupName";
    private static final String GROUP_IDENTIFIER = "logGroupIdentifier";
    private static final String NEXT_TOKEN = "nextToken";
    private static final String FORWARD = "f/";
    private static final String BACKWARD = "b/";

    private final LogGroups groups;
    private final LogStoreRouter store;
    private final ResourceNames names;
    private final Clock clock;

    LogEventsService(final LogGroups groups, final LogStoreRouter store, final ResourceNames names,
                     final Clock clock) {
        this.groups = groups;
        this.store = store;
        this.names = names;
        this.clock = clock;
    }

    /** GetLogEvents. */
    public ObjectNode getLogEvents(final AwsInput input) {
        final LogGroupDefinition group = group(input);
        final String stream = groups.stream(group.logGroupName(), input.requiredText("logStreamName"))
            .logStreamName();
        final TimeRange range = TimeRange.of(input, group, clock.millis());
        final int limit = limit(input);
        final Optional<String> token = input.text(NEXT_TOKEN);
        final boolean backward = token.map(text -> text.startsWith(BACKWARD))
            .orElse(!input.bool("startFromHead").orElse(false));
        // the position the page starts next to (excluded): after it going forward, before it going backward
        final LogPosition boundary = token.map(LogEventsService::position)
            .orElseGet(() -> backward ? LogPosition.first(range.endMs()) : LogPosition.last(range.startMs() - 1));
        final LogPosition low = backward ? LogPosition.first(range.startMs())
            : LogPosition.max(LogPosition.first(range.startMs()), boundary.next());
        final LogPosition high = backward ? LogPosition.min(LogPosition.last(range.endMs() - 1), boundary.previous())
            : LogPosition.last(range.endMs() - 1);
        final List<StoredLogEvent> events = new ArrayList<>(store.read(new LogStoreReads.Read(group.logGroupName(),
            stream, low, high, backward, limit, MAX_RESPONSE_BYTES)));
        if (backward) {
            Collections.reverse(events);
        }
        final ObjectNode answer = Definitions.MAPPER.createObjectNode();
        final ArrayNode array = answer.putArray("events");
        events.forEach(event -> array.addObject().put("timestamp", event.timestamp())
            .put("message", event.message()).put("ingestionTime", event.ingestionTime()));
        if (events.isEmpty()) {
            // At an end, the token that asked for it comes back: a client polling forward keeps its place.
            answer.put("nextForwardToken", backward ? FORWARD + boundary.previous().digits()
                : token.orElse(FORWARD + boundary.digits()));
            answer.put("nextBackwardToken", backward ? token.orElse(BACKWARD + boundary.digits())
                : BACKWARD + boundary.next().digits());
        } else {
            answer.put("nextForwardToken", FORWARD + events.get(events.size() - 1).position().digits());
            answer.put("nextBackwardToken", BACKWARD + events.get(0).position().digits());
        }
        return answer;
    }

    /** FilterLogEvents. */
    public ObjectNode filterLogEvents(final AwsInput input) {
        final LogGroupDefinition group = group(input);
        final List<String> streamNames = input.texts("logStreamNames");
        final Optional<String> prefix = input.text("logStreamNamePrefix");
        if (!streamNames.isEmpty() && prefix.isPresent()) {
            throw new InvalidRecordException("logStreamNames", "logStreamNames and logStreamNamePrefix are mutually "
                + "exclusive");
        }
        if (input.has("logStreamNames") && (streamNames.isEmpty() || streamNames.size() > MAX_STREAM_NAMES)) {
            throw new InvalidRecordException("logStreamNames", "must name 1 to " + MAX_STREAM_NAMES + " streams");
        }
        streamNames.forEach(name -> LogNames.requireStream("logStreamNames", name));
        if (input.bool("unmask").orElse(false)) {
            throw new InvalidRecordException("unmask", "Trailwatch has no data protection policies to unmask");
        }
        prefix.ifPresent(text -> LogNames.requireStream("logStreamNamePrefix", text));
        final String pattern = input.text("filterPattern").orElse("");
        FilterPatternInput.parse("filterPattern", pattern);
        final TimeRange range = TimeRange.of(input, group, clock.millis());
        final int limit = limit(input);
        final Optional<StoredLogEvent> after = input.text(NEXT_TOKEN).map(LogEventsService::after);
        final List<LocalLogEvents.FilterPage> pages = store.filter(new LogStoreReads.Filter(group.logGroupName(),
            streamNames, prefix.orElse(""), range.startMs(), range.endMs(), pattern, after, limit, SCAN_LIMIT));
        final FilterMerge merged = FilterMerge.of(pages, limit, MAX_RESPONSE_BYTES);
        final ObjectNode answer = Definitions.MAPPER.createObjectNode();
        final ArrayNode array = answer.putArray("events");
        merged.events().forEach(event -> array.addObject().put("logStreamName", event.logStreamName())
            .put("timestamp", event.timestamp()).put("message", event.message())
            .put("ingestionTime", event.ingestionTime()).put("eventId", event.eventId()));
        answer.putArray("searchedLogStreams");
        merged.resumeAfter().ifPresent(event -> answer.put(NEXT_TOKEN, token(event)));
        return answer;
    }

    /** What is stored of each stream of the groups (streams without stored events are absent). */
    public Map<String, SortedMap<String, LogStreamStats>> stored(final Collection<String> logGroupNames) {
        return store.streams(logGroupNames);
    }

    /** The group a read names by logGroupName or logGroupIdentifier (its name or ARN), exactly one of them. */
    private LogGroupDefinition group(final AwsInput input) {
        final Optional<String> name = input.text(GROUP_NAME);
        final Optional<String> identifier = input.text(GROUP_IDENTIFIER);
        if (name.isPresent() == identifier.isPresent()) {
            throw new InvalidRecordException(GROUP_NAME, "exactly one of logGroupName and logGroupIdentifier is "
                + "required");
        }
        return groups.group(name.orElseGet(() -> LogGroupIdentifier.name(identifier.get(), names)));
    }

    private static int limit(final AwsInput input) {
        final int limit = input.integer("limit").orElse(MAX_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRecordException("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        return limit;
    }

    private static LogPosition position(final String token) {
        if (token.startsWith(FORWARD) || token.startsWith(BACKWARD)) {
            final Optional<LogPosition> position = LogPosition.ofDigits(token.substring(2));
            if (position.isPresent()) {
                return position.get();
            }
        }
        throw new InvalidRecordException(NEXT_TOKEN, "is not a token GetLogEvents returned");
    }

    /** FilterLogEvents' token: the last event returned (its position and stream), opaque to clients. */
    private static String token(final StoredLogEvent event) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((event.position().digits() + event
            .logStreamName()).getBytes(StandardCharsets.UTF_8));
    }

    private static StoredLogEvent after(final String token) {
        try {
            final String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            final int digits = LogPosition.first(0).digits().length();
            if (decoded.length() > digits) {
                final Optional<LogPosition> position = LogPosition.ofDigits(decoded.substring(0, digits));
                if (position.isPresent()) {
                    return new StoredLogEvent(decoded.substring(digits), position.get(), 0, "");
                }
            }
        } catch (final IllegalArgumentException notBase64) {
            // reported below
        }
        throw new InvalidRecordException(NEXT_TOKEN, "is not a token FilterLogEvents returned");
    }

    /**
     * The times a read covers: from startTime (included) to endTime (excluded), never before what the group's
     * retention keeps.
     */
    private record TimeRange(long startMs, long endMs) {

        static TimeRange of(final AwsInput input, final LogGroupDefinition group, final long nowMs) {
            final long start = nonNegative(input, "startTime").orElse(0L);
            final long end = nonNegative(input, "endTime").orElse(Long.MAX_VALUE / 2);
            final long retained = group.retentionInDays() == null ? 0
                : nowMs - Duration.ofDays(group.retentionInDays()).toMillis();
            return new TimeRange(Math.max(start, retained), Math.max(end, Math.max(start, retained)));
        }

        private static Optional<Long> nonNegative(final AwsInput input, final String member) {
            final Optional<Long> value = input.longValue(member);
            if (value.isPresent() && (value.get() < 0 || value.get() > Long.MAX_VALUE / 2)) {
                throw new InvalidRecordException(member, "must be epoch milliseconds from 0, was " + value.get());
            }
            return value;
        }
    }
}
