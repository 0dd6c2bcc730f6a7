package io.trailwatch.schemas.text;

/**
 * Makes text from outside (alarm names and reasons, event names, user names, anything a record carries) safe to
 * print on a terminal or in a log line: one line, no character that a terminal acts on or that reorders what is
 * shown, and no way for the text to pass itself off as something Trailwatch printed.
 *
 * <p>{@link #escape} writes as visible escapes:
 * <ul>
 *   <li>the C0 controls U+0000 to U+001F: {@code \n}, {@code \r} and {@code \t} for newline, carriage return and
 *       tab, <code>&#92;u001b</code> (four hex digits) for the others (ESC, BEL, backspace, ...);</li>
 *   <li>DEL (U+007F) and the C1 controls U+0080 to U+009F (among them CSI, U+009B, which starts an escape sequence
 *       on its own);</li>
 *   <li>the line and paragraph separators U+2028 and U+2029, which some consoles and log viewers break lines at;</li>
 *   <li>the bidirectional embeddings, overrides and isolates U+202A to U+202E and U+2066 to U+2069, which reorder the
 *       text shown after them (the "Trojan Source" trick);</li>
 *   <li>a surrogate without its pair, which is not a character at all.</li>
 * </ul>
 * A backslash is doubled, so that text holding a backslash and an {@code n} cannot be taken for an escaped newline.
 * Everything else, accented letters, CJK, emoji, is left as it is.
 */
public final class Printable {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Printable() {
    }

    /** The text with every character listed above escaped; {@code "null"} for null, as string concatenation has it. */
    public static String escape(final CharSequence text) {
        if (text == null) {
            return "null";
        }
        final int length = text.length();
        int first = 0;
        while (first < length && !needsEscape(text, first)) {
            first++;
        }
        if (first == length) {
            return text.toString();
        }
        final StringBuilder out = new StringBuilder(length + 16);
        out.append(text, 0, first);
        for (int i = first; i < length; i++) {
            final char c = text.charAt(i);
            if (!needsEscape(text, i)) {
                out.append(c);
                continue;
            }
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                    .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(final CharSequence text, final int index) {
        final char c = text.charAt(index);
        if (c < 0x20 || c == '\\' || (c >= 0x7F && c <= 0x9F)) {
            return true;
        }
        if (c < 0x2028) {
            return false;
        }
        if (c <= 0x202E) { // U+2028, U+2029 separators; U+202A to U+202E embeddings and overrides
            return true;
        }
        if (c >= 0x2066 && c <= 0x2069) { // isolates
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return index + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(index + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return index == 0 || !Character.isHighSurrogate(text.charAt(index - 1));
        }
        return false;
    }
}
