package io.trailwatch.processors.filter.pattern;

/** The three filter pattern languages of CloudWatch Logs, told apart by the pattern's first character. */
public enum PatternKind {
    /** Terms, quoted phrases and regexes matched anywhere in the message; also the empty pattern. */
    TERMS,
    /** {@code { $.selector op value ... }}: conditions on a JSON message. */
    JSON,
    /** {@code [field, field = value, ...]}: conditions on the space-delimited fields of a message. */
    SPACE_DELIMITED
}
