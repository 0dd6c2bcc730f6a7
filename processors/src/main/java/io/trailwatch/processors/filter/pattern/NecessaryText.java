package io.trailwatch.processors.filter.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.processors.common.Utf8Search;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Text that every message a pattern matches contains, tested on a message's UTF-8 bytes before it is decoded: a scan
 * over stored events then decodes and matches only the few that could match. It may pass messages the pattern does
 * not match (the pattern stays the judge), never the other way round:
 * <ul>
 *   <li>a term pattern's plain terms ({@code ERROR}, {@code "disk full"}) occur, case-sensitively, in every message
 *   it matches;</li>
 *   <li>a JSON pattern's string equalities that every match must satisfy ({@code $.level = "error"}, alone or
 *   and-ed) occur in the JSON text, unless the text escapes characters (a {@code \} anywhere: then nothing is
 *   assumed). A value that could be a number's text ({@code "1000"}, {@code "Infinity"}) is not used, as the number
 *   may be written otherwise ({@code 1e3}, {@code 1e400}).</li>
 * </ul>
 * Other patterns (space-delimited, or- and wildcard conditions) need nothing, and every message passes.
 */
final class NecessaryText {

    private static final NecessaryText NOTHING = new NecessaryText(new byte[0][], false);
    private static final String NUMBER_CHARACTERS = "0123456789.eE+-";
    private static final Pattern NON_FINITE = Pattern.compile("[-+]?(Infinity|NaN)");

    /** Each in UTF-8 ({@link Utf8Search}). */
    private final byte[][] terms;
    private final boolean defeatedByEscapes;

    private NecessaryText(final byte[][] terms, final boolean defeatedByEscapes) {
        this.terms = terms;
        this.defeatedByEscapes = defeatedByEscapes;
    }

    static NecessaryText of(final CompiledPattern pattern) {
        if (pattern instanceof TermPattern terms) {
            return of(terms.necessaryTerms(), false);
        }
        if (pattern instanceof JsonPattern json) {
            final Set<String> values = new LinkedHashSet<>();
            equalities(json.condition(), values);
            return of(values, true);
        }
        return NOTHING;
    }

    private static NecessaryText of(final Set<String> texts, final boolean defeatedByEscapes) {
        if (texts.isEmpty()) {
            return NOTHING;
        }
        return new NecessaryText(texts.stream().map(text -> text.getBytes(StandardCharsets.UTF_8))
            .toArray(byte[][]::new), defeatedByEscapes);
    }

    /** The string values the condition requires of some field, each for every match. */
    private static void equalities(final Condition<JsonNode> condition, final Set<String> values) {
        if (condition instanceof Condition.All<JsonNode> all) {
            all.parts().forEach(part -> equalities(part, values));
        } else if (condition instanceof JsonCondition.Compare compare) {
            compare.equalityLiteral().filter(literal -> !literal.isEmpty() && !couldBeANumbersText(literal))
                .ifPresent(values::add);
        }
    }

    /**
     * Whether a number node's text could be this: a JSON number's text as Jackson gives it ({@code 1000.0} for
     * {@code 1e3}, {@code Infinity} for {@code 1e400}) need not be what the message wrote.
     */
    private static boolean couldBeANumbersText(final String literal) {
        return NON_FINITE.matcher(literal).matches()
            || literal.chars().allMatch(c -> NUMBER_CHARACTERS.indexOf(c) >= 0);
    }

    /** False only when no message whose UTF-8 text is {@code utf8[from, to)} can match. */
    boolean mayMatch(final byte[] utf8, final int from, final int to) {
        if (terms.length == 0 || defeatedByEscapes && Utf8Search.contains(utf8, from, to, (byte) '\\')) {
            return true;
        }
        for (final byte[] term : terms) {
            if (!Utf8Search.contains(utf8, from, to, term)) {
                return false;
            }
        }
        return true;
    }
}
