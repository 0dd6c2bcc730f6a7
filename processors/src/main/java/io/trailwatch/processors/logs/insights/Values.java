package io.trailwatch.processors.logs.insights;

import java.math.BigDecimal;
import java.util.Comparator;

/**
 * How query values behave. A value is {@code null} (the field is absent), a String, a Double or a
 * {@link Timestamp}. As in Logs Insights, a field is typed by what it holds: text that reads as a number compares
 * and adds as one.
 */
final class Values {

    /** Absent values last, then numbers (and times) by value, then text. */
    static final Comparator<Object> ORDER = Values::compare;

    private Values() {
    }

    static Double number(final Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Timestamp t) {
            return (double) t.millis();
        }
        if (value instanceof String s && !s.isEmpty() && s.length() < 40) {
            final char first = s.charAt(0);
            if (Character.isDigit(first) || first == '-' || first == '+' || first == '.') {
                try {
                    return Double.parseDouble(s);
                } catch (final NumberFormatException notANumber) {
                    return null;
                }
            }
        }
        return null;
    }

    /** A value as results show it: numbers without a needless fraction or exponent. */
    static String text(final Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return d.toString();
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    static boolean truthy(final Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null) {
            return false;
        }
        if (value instanceof String s) {
            return !s.isEmpty() && !s.equals("false");
        }
        final Double number = number(value);
        return number != null && number != 0;
    }

    static int compare(final Object a, final Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        final Double x = number(a);
        final Double y = number(b);
        if (x != null && y != null) {
            return Double.compare(x, y);
        }
        if (x != null || y != null) {
            return x != null ? -1 : 1;
        }
        return text(a).compareTo(text(b));
    }

    /** Equality as {@code =} compares: numerically when both are numbers, as text otherwise. */
    static boolean same(final Object a, final Object b) {
        if (a == null || b == null) {
            return false;
        }
        final Double x = number(a);
        final Double y = number(b);
        if (x != null && y != null) {
            return x.doubleValue() == y.doubleValue();
        }
        return text(a).equals(text(b));
    }
}
