package io.trailwatch.processors.filter.pattern;

import java.math.BigDecimal;

/**
 * Decimal numbers as filter patterns write them: an optional sign, digits with an optional fraction, and an
 * optional exponent ({@code 400}, {@code -1}, {@code +1000}, {@code 55.5}, {@code 1e+3}, {@code 10e-3}).
 * Compared as {@link BigDecimal} so that {@code 1e3 = 1000} and {@code 0.1 = 0.10} hold exactly.
 */
final class Numbers {

    private Numbers() {
    }

    /** The value of {@code text}, or {@code null} when it is not a number in the syntax above. */
    static BigDecimal parse(final String text) {
        if (!isNumber(text)) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (final NumberFormatException e) {
            // Syntactically a number, but its exponent does not fit an int: no value can equal or order with it.
            return null;
        }
    }

    /** A hand-written check so that non-numeric text (the common case for log fields) costs no exception. */
    static boolean isNumber(final String text) {
        final int length = text.length();
        int i = 0;
        if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        final int integerStart = i;
        i = skipDigits(text, i);
        int digits = i - integerStart;
        if (i < length && text.charAt(i) == '.') {
            final int fractionStart = ++i;
            i = skipDigits(text, i);
            digits += i - fractionStart;
        }
        if (digits == 0) {
            return false;
        }
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            final int exponentStart = i;
            i = skipDigits(text, i);
            if (i == exponentStart) {
                return false;
            }
        }
        return i == length;
    }

    private static int skipDigits(final String text, final int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
