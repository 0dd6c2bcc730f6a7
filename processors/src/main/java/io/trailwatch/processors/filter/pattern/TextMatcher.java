package io.trailwatch.processors.filter.pattern;

/** A test on one piece of text, compiled once at parse time and shared by every evaluation. */
sealed interface TextMatcher permits Wildcard, RegexMatcher, Substring {

    boolean matches(String text);
}
