package io.trailwatch.app.logs;

import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.processors.filter.pattern.FilterPattern;
import io.trailwatch.processors.logs.store.LocalLogEvents;
import io.trailwatch.processors.logs.store.LogPosition;
import io.trailwatch.processors.logs.store.MessageTest;
import io.trailwatch.processors.logs.store.StoredLogEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reads one instance makes of its part of the log store, as they travel to another instance: each is written as
 * query parameters ({@code parameters()}) and read back ({@code of}), and runs over an instance's stores
 * ({@code from}).
 */
final class LogStoreReads {

    private static final String GROUP = "logGroupName";
    private static final String STREAM = "logStreamName";
    private static final String STREAMS = "logStreamNames";
    private static final String PREFIX = "logStreamNamePrefix";
    private static final String FROM = "from";
    private static final String TO = "to";
    private static final String DESCENDING = "descending";
    private static final String LIMIT = "limit";
    private static final String MAX_BYTES = "maxBytes";
    private static final String START = "startTime";
    private static final String END = "endTime";
    private static final String PATTERN = "filterPattern";
    private static final String AFTER = "after";
    private static final String AFTER_STREAM = "afterStream";
    private static final String SCAN_LIMIT = "scanLimit";

    private LogStoreReads() {
    }

    /** One stream's events between two positions (both included), in time order or reverse. */
    record Read(String group, String stream, LogPosition low, LogPosition high, boolean descending, int limit,
                long maxBytes) {

        List<StoredLogEvent> from(final LocalLogEvents local) {
            return local.read(group, stream, low, high, descending, limit, maxBytes);
        }

        Map<String, List<String>> parameters() {
            final Map<String, List<String>> parameters = new LinkedHashMap<>();
            parameters.put(GROUP, List.of(group));
            parameters.put(STREAM, List.of(stream));
            parameters.put(FROM, List.of(low.digits()));
            parameters.put(TO, List.of(high.digits()));
            parameters.put(DESCENDING, List.of(Boolean.toString(descending)));
            parameters.put(LIMIT, List.of(Integer.toString(limit)));
            parameters.put(MAX_BYTES, List.of(Long.toString(maxBytes)));
            return parameters;
        }

        static Read of(final Map<String, List<String>> parameters) {
            QueryString.allowOnly(parameters, Set.of(GROUP, STREAM, FROM, TO, DESCENDING, LIMIT, MAX_BYTES));
            return new Read(text(parameters, GROUP), text(parameters, STREAM), position(parameters, FROM),
                position(parameters, TO), Boolean.parseBoolean(text(parameters, DESCENDING)),
                (int) number(parameters, LIMIT), number(parameters, MAX_BYTES));
        }
    }

    /**
     * The events of a group's streams (named, or by a name prefix) between two times, whose messages match the
     * pattern, after the last event of a previous page.
     */
    record Filter(String group, List<String> streamNames, String streamNamePrefix, long startMs, long endMs,
                  String pattern, Optional<StoredLogEvent> after, int limit, long scanLimit) {

        LocalLogEvents.FilterPage from(final LocalLogEvents local) {
            final FilterPattern compiled = FilterPattern.parse(pattern);
            final List<String> streams = local.streams(group).keySet().stream()
                .filter(stream -> streamNames.isEmpty() ? stream.startsWith(streamNamePrefix)
                    : streamNames.contains(stream))
                .toList();
            return local.filter(group, streams, startMs, endMs, after,
                MessageTest.of(compiled), limit, scanLimit);
        }

        Map<String, List<String>> parameters() {
            final Map<String, List<String>> parameters = new LinkedHashMap<>();
            parameters.put(GROUP, List.of(group));
            parameters.put(STREAMS, streamNames);
            parameters.put(PREFIX, List.of(streamNamePrefix));
            parameters.put(START, List.of(Long.toString(startMs)));
            parameters.put(END, List.of(Long.toString(endMs)));
            parameters.put(PATTERN, List.of(pattern));
            after.ifPresent(event -> {
                parameters.put(AFTER, List.of(event.position().digits()));
                parameters.put(AFTER_STREAM, List.of(event.logStreamName()));
            });
            parameters.put(LIMIT, List.of(Integer.toString(limit)));
            parameters.put(SCAN_LIMIT, List.of(Long.toString(scanLimit)));
            return parameters;
        }

        static Filter of(final Map<String, List<String>> parameters) {
            QueryString.allowOnly(parameters, Set.of(GROUP, STREAMS, PREFIX, START, END, PATTERN, AFTER,
                AFTER_STREAM, LIMIT, SCAN_LIMIT));
            final Optional<StoredLogEvent> after = parameters.containsKey(AFTER)
                ? Optional.of(new StoredLogEvent(text(parameters, AFTER_STREAM), position(parameters, AFTER), 0, ""))
                : Optional.empty();
            return new Filter(text(parameters, GROUP), parameters.getOrDefault(STREAMS, List.of()),
                text(parameters, PREFIX), number(parameters, START), number(parameters, END),
                text(parameters, PATTERN), after, (int) number(parameters, LIMIT), number(parameters, SCAN_LIMIT));
        }
    }

    private static String text(final Map<String, List<String>> parameters, final String name) {
        final List<String> values = parameters.get(name);
        if (values == null || values.size() != 1) {
            throw new ApiErrors.BadRequest(name, "is required, once");
        }
        return values.get(0);
    }

    private static long number(final Map<String, List<String>> parameters, final String name) {
        try {
            return Long.parseLong(text(parameters, name));
        } catch (final NumberFormatException e) {
            throw new ApiErrors.BadRequest(name, "must be an integer");
        }
    }

    private static LogPosition position(final Map<String, List<String>> parameters, final String name) {
        return LogPosition.ofDigits(text(parameters, name))
            .orElseThrow(() -> new ApiErrors.BadRequest(name, "is not a position"));
    }
}
