package io.trailwatch.processors.common;

/**
 * Searches UTF-8 encoded text without decoding it. UTF-8 is self-synchronizing: an encoded string occurs in encoded
 * text exactly where the string occurs in the text, so a byte match is a character match.
 */
public final class Utf8Search {

    private Utf8Search() {
    }

    /** Whether {@code bytes[from, to)} contains {@code term} (non-empty). */
    public static boolean contains(final byte[] bytes, final int from, final int to, final byte[] term) {
        final byte first = term[0];
        final int last = to - term.length;
        for (int i = from; i <= last; i++) {
            if (bytes[i] == first && startsAt(bytes, i, term)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code bytes[from, to)} contains the byte (an ASCII character). */
    public static boolean contains(final byte[] bytes, final int from, final int to, final byte wanted) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsAt(final byte[] bytes, final int at, final byte[] term) {
        for (int j = 1; j < term.length; j++) {
            if (bytes[at + j] != term[j]) {
                return false;
            }
        }
        return true;
    }
}
