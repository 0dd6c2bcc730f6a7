package io.trailwatch.processors.filter.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A message that a filter pattern matched.
 *
 * @param extractedValues what TestMetricFilter reports: for space-delimited patterns {@code $name} per named field
 *                        and {@code $N} per field bound to {@code ...} or to an unnamed entry; for JSON patterns the
 *                        value of each selector of the pattern that is present (e.g. {@code $.eventName} →
 *                        "DeleteBucket"); empty for term patterns. Ordered as the pattern names them.
 * @param event           the JSON message a JSON pattern matched, or a {@link MissingNode} for the other kinds
 */
public record Match(Map<String, String> extractedValues, JsonNode event) {

    private static final Pattern FIELD_SELECTOR = Pattern.compile("\\$[\\p{L}\\p{N}_-]+");

    public Match {
        extractedValues = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(extractedValues)));
        event = event == null ? MissingNode.getInstance() : event;
    }

    /**
     * Resolves a metric value or dimension selector against the matched message: {@code $.a.b} or
     * {@code $.arr[0].x} in the JSON a JSON pattern matched, {@code $name} or {@code $1} in the fields a
     * space-delimited pattern extracted. Empty when the selector selects nothing, selects an object, an array or
     * null, or is not a selector at all (a literal metric value such as {@code 1}); it never throws, because it
     * runs for every match on the hot path. Validate selectors up front with {@link #isSelector}.
     */
    public Optional<String> resolve(final String selector) {
        if (selector == null) {
            return Optional.empty();
        }
        final String trimmed = selector.strip();
        if (isJsonSelector(trimmed)) {
            return event.isMissingNode() ? Optional.empty() : resolveJson(trimmed);
        }
        return Optional.ofNullable(extractedValues.get(trimmed));
    }

    /** Whether {@code text} has the form of a selector {@link #resolve} understands (not whether it resolves). */
    public static boolean isSelector(final String text) {
        if (text == null) {
            return false;
        }
        final String trimmed = text.strip();
        return isJsonSelector(trimmed) ? Selector.isValid(trimmed) : FIELD_SELECTOR.matcher(trimmed).matches();
    }

    private Optional<String> resolveJson(final String selector) {
        try {
            return Selector.parse(selector, 0).firstScalarText(event);
        } catch (final FilterPatternException e) {
            return Optional.empty();
        }
    }

    private static boolean isJsonSelector(final String text) {
        return text.startsWith("$.") || text.startsWith("$[");
    }
}
