package io.trailwatch.processors.filter.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** Helpers shared by the pattern tests. */
final class PatternAssertions {

    static final ObjectMapper JSON = new ObjectMapper();

    private PatternAssertions() {
    }

    static boolean matches(final String pattern, final String message) {
        return FilterPattern.parse(pattern).match(message).isPresent();
    }

    /**
     * Matches a JSON message through both entry points and checks they agree, so that every JSON test also
     * covers the pre-parsed fast path.
     */
    static Optional<Match> matchJson(final String pattern, final JsonNode message) {
        final FilterPattern parsed = FilterPattern.parse(pattern);
        final Optional<Match> fromTree = parsed.match(message);
        final Optional<Match> fromText = parsed.match(message.toString());
        assertThat(fromText).as("text and tree results of %s", pattern).isEqualTo(fromTree);
        return fromTree;
    }

    static boolean matchesJson(final String pattern, final String json) {
        return matchJson(pattern, tree(json)).isPresent();
    }

    static JsonNode tree(final String json) {
        try {
            return JSON.readTree(json);
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static FilterPatternException parseError(final String pattern) {
        final FilterPatternException error = catchThrowableOfType(FilterPatternException.class,
            () -> FilterPattern.parse(pattern));
        assertThat(error).as("parse error for %s", pattern).isNotNull();
        return error;
    }
}
