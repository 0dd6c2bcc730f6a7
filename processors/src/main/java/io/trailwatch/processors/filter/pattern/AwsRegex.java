package io.trailwatch.processors.filter.pattern;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The regex dialect of CloudWatch Logs filter patterns, validated and translated to {@link java.util.regex}.
 *
 * <p>AWS accepts only ASCII letters and digits, the symbols {@code : _ # = @ / ; , -} (and the space its own
 * examples use), the operators {@code ^ $ ? [ ] { } | \ * + .}, and the escapes {@code \d \D \s \S \w \W \xhh}.
 * There are no groups. Everything else is rejected here so that a pattern valid in Trailwatch is valid in AWS,
 * and so that no Java-only feature (backreferences, lookaround, possessive or lazy quantifiers, nested classes)
 * can slip in. {@code {,n}} and {@code {m, n}} are normalised because Java rejects them.
 */
final class AwsRegex {

    private static final String LITERAL_SYMBOLS = ":_#=@/;,- ";
    private static final String OPERATORS = "^$?[]{}|\\*+.";
    private static final String CLASS_ESCAPES = "dDsSwW";
    private static final int MAX_BOUND_DIGITS = 6;
    private static final Pattern REPETITION = Pattern.compile("\\s*(\\d*)\\s*(?:(,)\\s*(\\d*)\\s*)?");

    private AwsRegex() {
    }

    /** Compiles the {@code %body%} whose opening {@code %} is at {@code openPosition}, charging the budget. */
    static RegexMatcher compile(final String body, final int openPosition, final PatternBudget budget) {
        budget.countRegex(openPosition);
        if (body.isEmpty()) {
            throw new FilterPatternException(openPosition, "empty regular expression");
        }
        final String translated = new Translator(body, openPosition + 1).translate();
        try {
            // AWS documents '.' as "any single character", line breaks included.
            return new RegexMatcher(body, Pattern.compile(translated, Pattern.DOTALL));
        } catch (final PatternSyntaxException e) {
            throw new FilterPatternException(openPosition, "invalid regular expression: " + e.getDescription());
        }
    }

    private static boolean isAsciiLetterOrDigit(final char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isLiteral(final char c) {
        return isAsciiLetterOrDigit(c) || LITERAL_SYMBOLS.indexOf(c) >= 0;
    }

    private static boolean isHexDigit(final char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** One pass over the body; {@code start} maps body indexes back to pattern positions for errors. */
    private static final class Translator {

        private final String body;
        private final int start;
        private final StringBuilder out;
        private int index;
        private boolean inClass;
        private int classOpen;
        private int classContentStart;
        private boolean afterQuantifier;

        Translator(final String body, final int start) {
            this.body = body;
            this.start = start;
            this.out = new StringBuilder(body.length() + 8);
        }

        String translate() {
            while (index < body.length()) {
                final char c = body.charAt(index);
                if (c > 0x7F) {
                    throw fail(index, "multi-byte characters are not supported in regular expressions");
                }
                if (c == '\\') {
                    escape();
                } else if (inClass) {
                    insideClass(c);
                } else {
                    outsideClass(c);
                }
            }
            if (inClass) {
                throw fail(classOpen, "unterminated character class: missing ']'");
            }
            return out.toString();
        }

        private void escape() {
            if (index + 1 >= body.length()) {
                throw fail(index, "a regular expression cannot end with '\\'");
            }
            final char next = body.charAt(index + 1);
            if (CLASS_ESCAPES.indexOf(next) >= 0) {
                out.append('\\').append(next);
                index += 2;
            } else if (next == 'x') {
                if (index + 3 >= body.length() || !isHexDigit(body.charAt(index + 2))
                    || !isHexDigit(body.charAt(index + 3))) {
                    throw fail(index, "'\\x' must be followed by two hexadecimal digits");
                }
                out.append(body, index, index + 4);
                index += 4;
            } else if (OPERATORS.indexOf(next) >= 0 || LITERAL_SYMBOLS.indexOf(next) >= 0) {
                // Java reads a backslash before any non-letter as "this character, literally".
                out.append('\\').append(next);
                index += 2;
            } else {
                throw fail(index, "unsupported escape '\\" + next + "'");
            }
            afterQuantifier = false;
        }

        private void insideClass(final char c) {
            if (c == ']') {
                if (index == classContentStart) {
                    throw fail(index, "empty character class '[]'");
                }
                inClass = false;
                out.append(']');
            } else if (c == '[') {
                // Java would open a nested class (a union); AWS means a literal bracket.
                out.append("\\[");
            } else if (c == '(' || c == ')') {
                throw fail(index, "parentheses are not supported in regular expressions");
            } else if (isLiteral(c) || OPERATORS.indexOf(c) >= 0) {
                out.append(c);
            } else {
                throw unsupported(c);
            }
            index++;
        }

        private void outsideClass(final char c) {
            switch (c) {
                case '[' -> openClass();
                case '{' -> repetition();
                case '}' -> throw fail(index, "'}' without a matching '{'");
                case '(', ')' -> throw fail(index, "parentheses are not supported in regular expressions");
                case '*', '+', '?' -> {
                    if (afterQuantifier) {
                        throw fail(index, "a quantifier cannot follow another quantifier");
                    }
                    out.append(c);
                    afterQuantifier = true;
                    index++;
                }
                case ']' -> {
                    out.append("\\]");
                    afterQuantifier = false;
                    index++;
                }
                default -> {
                    if (!isLiteral(c) && OPERATORS.indexOf(c) < 0) {
                        throw unsupported(c);
                    }
                    out.append(c);
                    afterQuantifier = false;
                    index++;
                }
            }
        }

        private void openClass() {
            classOpen = index;
            out.append('[');
            index++;
            if (index < body.length() && body.charAt(index) == '^') {
                out.append('^');
                index++;
            }
            classContentStart = index;
            inClass = true;
            afterQuantifier = false;
        }

        private void repetition() {
            final int close = body.indexOf('}', index);
            if (close < 0) {
                throw fail(index, "'{' without a closing '}'");
            }
            if (afterQuantifier) {
                throw fail(index, "a quantifier cannot follow another quantifier");
            }
            final java.util.regex.Matcher bounds = REPETITION.matcher(body.substring(index + 1, close));
            final boolean noBound = bounds.matches() && bounds.group(1).isEmpty()
                && (bounds.group(3) == null || bounds.group(3).isEmpty());
            if (!bounds.matches() || noBound) {
                throw fail(index, "'{' must start a repetition such as {3}, {3,5}, {3,} or {,5}");
            }
            final String min = bounds.group(1).isEmpty() ? "0" : bounds.group(1);
            final String max = bounds.group(2) == null ? "" : bounds.group(3);
            if (min.length() > MAX_BOUND_DIGITS || max.length() > MAX_BOUND_DIGITS) {
                throw fail(index, "repetition bound is too large");
            }
            out.append('{').append(min);
            if (bounds.group(2) != null) {
                if (!max.isEmpty() && Long.parseLong(max) < Long.parseLong(min)) {
                    throw fail(index, "repetition {" + min + "," + max + "} has its minimum above its maximum");
                }
                out.append(',').append(max);
            }
            out.append('}');
            afterQuantifier = true;
            index = close + 1;
        }

        private FilterPatternException unsupported(final char c) {
            return fail(index, "character '" + c + "' is not supported in regular expressions; use \\x"
                + String.format("%02X", (int) c) + " to match it");
        }

        private FilterPatternException fail(final int bodyIndex, final String reason) {
            return new FilterPatternException(start + bodyIndex, reason);
        }
    }
}
