package io.trailwatch.processors.filter.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One log message offered to many filters, converted at most once in each direction: JSON patterns read its tree
 * (parsed from the text on first use), term and space-delimited patterns read its text (serialised from the tree
 * on first use). Create one per event and pass it to every filter; without it, each term filter would serialise
 * an audit event again (about a microsecond per filter for a CloudTrail record).
 *
 * <p>Not thread-safe: the conversions are cached without synchronisation. Use one instance per event per thread.
 */
public final class LogMessage {

    private String text;
    private JsonNode tree;
    private boolean treeResolved;

    private LogMessage(final String text, final JsonNode tree) {
        this.text = text;
        this.tree = tree;
        this.treeResolved = tree != null;
    }

    /** A message received as text; it is parsed as JSON only if a JSON pattern asks. */
    public static LogMessage of(final String text) {
        return new LogMessage(Objects.requireNonNull(text, "text"), null);
    }

    /** A message already parsed as JSON, such as an audit event. */
    public static LogMessage of(final JsonNode tree) {
        return new LogMessage(null, Objects.requireNonNull(tree, "tree"));
    }

    /**
     * Whether the message looks like JSON (its first non-blank character is a brace or a bracket) but cannot be
     * parsed: a JSON pattern cannot evaluate it, which a caller may want to count rather than treat as a plain
     * non-match. Parses the message if no JSON pattern has yet.
     */
    public boolean isMalformedJson() {
        return tree() == null && JsonMessages.startsLikeJson(text);
    }

    /** The text that term and space-delimited patterns search; a JSON string node stands for its content. */
    String text() {
        if (text == null) {
            text = tree.isTextual() ? tree.textValue() : tree.toString();
        }
        return text;
    }

    /** The JSON tree, or {@code null} when the text is not a JSON object or array. */
    JsonNode tree() {
        if (!treeResolved) {
            tree = JsonMessages.parse(text);
            treeResolved = true;
        }
        return tree;
    }
}
