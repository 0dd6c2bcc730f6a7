package io.trailwatch.processors.filter;

import io.trailwatch.processors.filter.pattern.FilterPattern;
import io.trailwatch.processors.filter.pattern.FilterPatternException;
import io.trailwatch.processors.filter.pattern.Match;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TestMetricFilter: which sample messages a pattern matches and what it extracts from each. Runs in-process on the
 * pattern engine the processors use, so it needs no running Trailwatch.
 */
public final class MetricFilterTester {

    /** TestMetricFilter's limits on logEventMessages. */
    public static final int MAX_MESSAGES = 50;

    /**
     * One matched message, as TestMetricFilter's MetricFilterMatchRecord.
     *
     * @param eventNumber     1-based position of the message among those tested
     * @param eventMessage    the message
     * @param extractedValues the values the pattern extracted ({@link Match#extractedValues()})
     */
    public record TestMatch(long eventNumber, String eventMessage, Map<String, String> extractedValues) {
    }

    private MetricFilterTester() {
    }

    /** Throws InvalidRecordException naming filterPattern or logEventMessages when the request is invalid. */
    public static List<TestMatch> test(final String filterPattern, final List<String> logEventMessages) {
        if (filterPattern == null) {
            throw new InvalidRecordException("filterPattern", "is required");
        }
        if (logEventMessages == null || logEventMessages.isEmpty() || logEventMessages.size() > MAX_MESSAGES) {
            throw new InvalidRecordException("logEventMessages", "1 to " + MAX_MESSAGES + " messages are required, got "
                + (logEventMessages == null ? 0 : logEventMessages.size()));
        }
        final FilterPattern pattern;
        try {
            pattern = FilterPattern.parse(filterPattern);
        } catch (final FilterPatternException e) {
            throw new InvalidRecordException("filterPattern", e.getMessage());
        }
        final List<TestMatch> matches = new ArrayList<>();
        for (int i = 0; i < logEventMessages.size(); i++) {
            final String message = logEventMessages.get(i);
            if (message == null || message.isEmpty()) {
                throw new InvalidRecordException("logEventMessages[" + i + "]", "must not be empty");
            }
            final Optional<Match> match = pattern.match(message);
            if (match.isPresent()) {
                matches.add(new TestMatch(i + 1L, message, match.get().extractedValues()));
            }
        }
        return matches;
    }
}
