package io.trailwatch.processors.logs.insights;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The plain terms a query's message must contain for any of its events to pass its leading filters: the
 * {@code filter @message like "term"} and {@code filter @message like /term/} (a pattern without special
 * characters or flags) and the conjuncts of such filters joined by {@code and}. A scan looks for them in the stored
 * bytes of an event before decoding it, so the events a filter drops (most of them, in a search for an error) cost
 * a byte search rather than a string, a record and a regular expression. Only a necessary condition: an event that
 * has the terms still goes through every filter.
 */
final class MessageTerms {

    /** Characters that stand for themselves in a regular expression compiled without flags. */
    private static final String PLAIN_PUNCTUATION = " _-:,=@%&'\"<>!/~;#";

    private MessageTerms() {
    }

    /** The terms, UTF-8 encoded, of the filters before the first command that could change {@code @message}. */
    static List<byte[]> required(final List<Command> perEvent) {
        final List<byte[]> terms = new ArrayList<>();
        for (final Command command : perEvent) {
            if (!(command instanceof Command.Filter filter)) {
                break;
            }
            collect(filter.condition(), terms);
        }
        return terms;
    }

    private static void collect(final Expr condition, final List<byte[]> terms) {
        if (condition instanceof Expr.Logical logical && logical.and()) {
            collect(logical.left(), terms);
            collect(logical.right(), terms);
        } else if (condition instanceof Expr.Like like && !like.negated()
            && like.value() instanceof Expr.Field field && LogRecord.MESSAGE.equals(field.name())) {
            final String term = term(like.pattern());
            if (term != null && !term.isEmpty()) {
                terms.add(term.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** The text a {@code like} looks for when it is plain; null otherwise. */
    private static String term(final Expr pattern) {
        if (pattern instanceof Expr.Literal literal && literal.value() instanceof String text) {
            return text;
        }
        if (pattern instanceof Expr.Regex regex && regex.pattern().flags() == 0 && plain(regex.pattern())) {
            return regex.pattern().pattern();
        }
        return null;
    }

    private static boolean plain(final Pattern pattern) {
        return pattern.pattern().chars().allMatch(c -> Character.isLetterOrDigit(c) && !Character.isSurrogate((char) c)
            || PLAIN_PUNCTUATION.indexOf(c) >= 0);
    }
}
