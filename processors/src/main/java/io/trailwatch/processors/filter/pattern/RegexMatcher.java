package io.trailwatch.processors.filter.pattern;

import java.util.regex.Pattern;

/**
 * A {@code %regex%}: it matches when the expression is found anywhere in the text ({@code %AUTHORIZED%} matches
 * "UNAUTHORIZED REQUEST"); anchors {@code ^} and {@code $} pin it to the ends.
 */
record RegexMatcher(String source, Pattern pattern) implements TextMatcher {

    @Override
    public boolean matches(final String text) {
        return pattern.matcher(text).find();
    }
}
