package io.trailwatch.processors.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A search of the event history: events having every filter's values, with eventTime in
 * [{@code startTime}, {@code endTime}] (either open when null), newest first, at most {@code maxResults}, strictly
 * after {@code after} (the previous page's end; null on the first page).
 */
public record EventQuery(Map<LookupAttribute, List<String>> filters, Instant startTime, Instant endTime,
                         int maxResults, EventPosition after) {

    public EventQuery {
        final EnumMap<LookupAttribute, List<String>> copy = new EnumMap<>(LookupAttribute.class);
        filters.forEach((attribute, values) -> copy.put(attribute, List.copyOf(values)));
        filters = Collections.unmodifiableMap(copy);
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be at least 1: " + maxResults);
        }
    }

    public EventQuery after(final EventPosition position) {
        return new EventQuery(filters, startTime, endTime, maxResults, position);
    }

    /** Every (attribute, value) the events must have. */
    List<Map.Entry<LookupAttribute, String>> filterValues() {
        final List<Map.Entry<LookupAttribute, String>> all = new ArrayList<>();
        filters.forEach((attribute, values) -> values.forEach(value -> all.add(Map.entry(attribute, value))));
        return all;
    }

    /** The newest event time asked for, in milliseconds (events carry milliseconds). */
    long newestMillis() {
        return endTime == null ? Long.MAX_VALUE : endTime.toEpochMilli();
    }

    /** The oldest event time asked for and still retained, rounded up to a millisecond. */
    long oldestMillis(final long oldestRetained) {
        if (startTime == null) {
            return oldestRetained;
        }
        final long start = startTime.toEpochMilli() + (startTime.getNano() % 1_000_000 == 0 ? 0 : 1);
        return Math.max(start, oldestRetained);
    }
}
