package io.trailwatch.processors.filter.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A CloudWatch Logs filter pattern, parsed once and matched against many messages.
 *
 * <p>The language (see the AWS page "Filter pattern syntax for metric filters, subscription filters, filter log
 * events, and Live Tail") has three forms, told apart by the first non-blank character: {@code {} starts a JSON
 * pattern, {@code [} a space-delimited pattern, anything else a term pattern. An empty pattern matches every
 * message. Instances are immutable and thread-safe.
 */
public final class FilterPattern {

    private final String text;
    private final CompiledPattern compiled;
    private final NecessaryText necessary;

    private FilterPattern(final String text, final CompiledPattern compiled) {
        this.text = text;
        this.compiled = compiled;
        this.necessary = NecessaryText.of(compiled);
    }

    /**
     * Parses; throws FilterPatternException with 0-based position and reason on any syntax error, or when the
     * pattern breaks an AWS quota (at most 1024 characters, 2 regular expressions, 3 wildcard selectors).
     */
    public static FilterPattern parse(final String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.length() > PatternBudget.MAX_PATTERN_LENGTH) {
            throw new FilterPatternException(PatternBudget.MAX_PATTERN_LENGTH, "a filter pattern may be at most "
                + PatternBudget.MAX_PATTERN_LENGTH + " characters long; this one has " + pattern.length());
        }
        final PatternBudget budget = new PatternBudget();
        final Cursor cursor = new Cursor(pattern, 0);
        cursor.skipWhitespace();
        final CompiledPattern compiled = switch (cursor.peek()) {
            case '{' -> JsonPatternParser.parse(new Lexer(cursor), budget);
            case '[' -> DelimitedPatternParser.parse(new Lexer(cursor), budget);
            default -> TermPatternParser.parse(cursor, budget);
        };
        return new FilterPattern(pattern, compiled);
    }

    /**
     * The values a field must have for this pattern to match, when the pattern says so: {@code {$.eventName =
     * "A" || $.eventName = "B"}} requires eventName ∈ {A, B}, and so does any conjunction with that part. Empty
     * when the pattern can match whatever the field holds (or is not a JSON pattern). Callers use it to skip
     * patterns that cannot match an event; the pattern itself remains the judge.
     *
     * @param field a top-level field name, such as {@code eventName}
     */
    public Optional<Set<String>> requiredValues(final String field) {
        return compiled instanceof JsonPattern json ? RequiredValues.of(json.condition(), "$." + field)
            : Optional.empty();
    }

    /**
     * False only when this pattern cannot match the message whose UTF-8 text is {@code utf8[from, to)}: a test on
     * stored bytes before a message is decoded, so that a scan decodes and matches only the messages holding what
     * every match needs ({@link NecessaryText}). The pattern stays the judge of the messages this passes.
     */
    public boolean mayMatch(final byte[] utf8, final int from, final int to) {
        return necessary.mayMatch(utf8, from, to);
    }

    /** The pattern exactly as given to {@link #parse}. */
    public String text() {
        return text;
    }

    public PatternKind kind() {
        return compiled.kind();
    }

    /**
     * Matches a log message (plain text or JSON text). Never throws on any message content: malformed JSON simply
     * doesn't match a JSON pattern.
     */
    public Optional<Match> match(final String message) {
        return compiled.match(LogMessage.of(message));
    }

    /**
     * Fast path for messages already parsed as JSON (audit events): JSON patterns evaluate directly on the tree;
     * other kinds use node.toString() (a JSON string node: its text).
     */
    public Optional<Match> match(final JsonNode message) {
        return compiled.match(LogMessage.of(message));
    }

    /**
     * Matches a message shared by several filters, so that it is parsed or serialised at most once whatever the
     * mix of pattern kinds: create one {@link LogMessage} per event and pass it to every filter.
     */
    public Optional<Match> match(final LogMessage message) {
        return compiled.match(Objects.requireNonNull(message, "message"));
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof FilterPattern that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
