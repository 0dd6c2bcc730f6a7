package io.trailwatch.processors.filter.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A JSON property selector: {@code $.eventName}, {@code $.users[0].email}, {@code $.coordinates[0][1]},
 * {@code $.['cluster.name']}, and the wildcards {@code $.*} / {@code $.arrayKey[*]} (any field or element).
 *
 * <p>A selector can select several nodes only through its (at most one) wildcard; a condition holds when any
 * selected node satisfies it. A path through a missing field, a non-object or a non-array selects nothing.
 */
final class Selector {

    /** Decides whether one selected node satisfies a condition. */
    @FunctionalInterface
    interface NodeTest {
        boolean accepts(JsonNode node);
    }

    private sealed interface Step permits Field, Index, AnyChild {
    }

    private record Field(String name) implements Step {
    }

    private record Index(int index) implements Step {
    }

    private record AnyChild() implements Step {
    }

    private static final int MAX_INDEX_DIGITS = 9;

    private final String text;
    private final Step[] steps;
    private final boolean wildcard;

    private Selector(final String text, final List<Step> steps) {
        this.text = text;
        this.steps = steps.toArray(new Step[0]);
        this.wildcard = steps.stream().anyMatch(AnyChild.class::isInstance);
    }

    /** Parses {@code text}, reporting errors at {@code start} plus the offset inside the selector. */
    static Selector parse(final String text, final int start) {
        return new SelectorParser(text, start).parse();
    }

    /** Whether {@code text} is a well-formed JSON selector. */
    static boolean isValid(final String text) {
        try {
            parse(text, 0);
            return true;
        } catch (final FilterPatternException e) {
            return false;
        }
    }

    /** The selector as written in the pattern; also its key in extracted values. */
    String text() {
        return text;
    }

    boolean hasWildcard() {
        return wildcard;
    }

    /** Whether some node this selector selects in {@code root} passes {@code test}. */
    boolean anyMatch(final JsonNode root, final NodeTest test) {
        return walk(root, 0, test);
    }

    /** The text of the first string, number or boolean this selector selects, as a metric value or dimension. */
    Optional<String> firstScalarText(final JsonNode root) {
        final String[] found = new String[1];
        anyMatch(root, node -> {
            if (Scalar.isScalar(node)) {
                found[0] = node.asText();
                return true;
            }
            return false;
        });
        return Optional.ofNullable(found[0]);
    }

    private boolean walk(final JsonNode node, final int depth, final NodeTest test) {
        if (depth == steps.length) {
            return test.accepts(node);
        }
        final Step step = steps[depth];
        if (step instanceof Field field) {
            final JsonNode child = node.isObject() ? node.get(field.name()) : null;
            return child != null && walk(child, depth + 1, test);
        }
        if (step instanceof Index index) {
            final JsonNode child = node.isArray() ? node.get(index.index()) : null;
            return child != null && walk(child, depth + 1, test);
        }
        for (final Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            if (walk(children.next(), depth + 1, test)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Recursive descent over the selector's characters. */
    private static final class SelectorParser {

        private final String text;
        private final int start;
        private final List<Step> steps = new ArrayList<>();
        private int index;
        private int firstWildcard = -1;

        SelectorParser(final String text, final int start) {
            this.text = text;
            this.start = start;
        }

        Selector parse() {
            if (text.isEmpty() || text.charAt(0) != '$') {
                throw fail(0, "a selector must start with '$'");
            }
            index = 1;
            while (index < text.length()) {
                final char c = text.charAt(index);
                if (c == '.') {
                    index++;
                    afterDot();
                } else if (c == '[') {
                    bracket();
                } else {
                    throw fail(index, "unexpected '" + c + "' in selector; write names with other characters as "
                        + "$.['name']");
                }
            }
            if (steps.isEmpty()) {
                throw fail(index, "expected '.' or '[' after '$'");
            }
            return new Selector(text, steps);
        }

        private void afterDot() {
            final char c = index < text.length() ? text.charAt(index) : Cursor.END;
            if (c == '*') {
                wildcard();
                index++;
            } else if (c == '[') {
                bracket();
            } else if (isNameChar(c)) {
                final int nameStart = index;
                while (index < text.length() && isNameChar(text.charAt(index))) {
                    index++;
                }
                steps.add(new Field(text.substring(nameStart, index)));
            } else {
                throw fail(index, "expected a property name after '.'");
            }
        }

        private void bracket() {
            final int open = index++;
            final char c = index < text.length() ? text.charAt(index) : Cursor.END;
            if (c == '*') {
                wildcard();
                index++;
            } else if (c >= '0' && c <= '9') {
                final int digitsStart = index;
                while (index < text.length() && Character.isDigit(text.charAt(index))) {
                    index++;
                }
                if (index - digitsStart > MAX_INDEX_DIGITS) {
                    throw fail(digitsStart, "array index is too large");
                }
                steps.add(new Index(Integer.parseInt(text, digitsStart, index, 10)));
            } else if (c == '\'' || c == '"') {
                steps.add(new Field(quotedName(c)));
            } else {
                throw fail(index, "expected an array index, '*' or a quoted property name after '['");
            }
            if (index >= text.length() || text.charAt(index) != ']') {
                throw fail(index, "expected ']' to close '[' at position " + (start + open));
            }
            index++;
        }

        private String quotedName(final char quote) {
            final int open = index++;
            final StringBuilder name = new StringBuilder();
            while (index < text.length()) {
                final char c = text.charAt(index++);
                if (c == quote) {
                    return name.toString();
                }
                if (c == '\\' && index < text.length()) {
                    name.append(text.charAt(index++));
                } else {
                    name.append(c);
                }
            }
            throw fail(open, "unterminated quoted property name");
        }

        private void wildcard() {
            if (firstWildcard >= 0) {
                throw fail(index, "a selector may contain at most one wildcard");
            }
            firstWildcard = index;
            steps.add(new AnyChild());
        }

        private static boolean isNameChar(final char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '-';
        }

        private FilterPatternException fail(final int offset, final String reason) {
            return new FilterPatternException(start + offset, reason);
        }
    }
}
