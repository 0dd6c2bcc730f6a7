package io.trailwatch.aws.internals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Timestamps as each protocol writes them: epoch seconds with a fraction (JSON, CBOR), ISO-8601 (query, XML); inside
 * Trailwatch, ISO-8601 text ({@link Instant#toString()}).
 */
public final class Timestamps {

    private Timestamps() {
    }

    /** Beyond Instant's range either way; checked before any arithmetic, so that 1e100000000 costs nothing. */
    private static final BigDecimal LIMIT = BigDecimal.valueOf(Instant.MAX.getEpochSecond());
    /** The longest epoch-seconds text read (far more digits than any time has). */
    private static final int MAX_EPOCH_TEXT = 32;

    /** Epoch seconds, possibly fractional, as JSON and CBOR clients send them; empty when out of Instant's range. */
    public static Optional<Instant> ofEpochSeconds(final BigDecimal seconds) {
        if (seconds.abs().compareTo(LIMIT) > 0 || seconds.scale() > 9 && seconds.precision() - seconds.scale() > 19) {
            return Optional.empty();
        }
        try {
            final BigDecimal truncated = seconds.setScale(9, java.math.RoundingMode.DOWN);
            final BigDecimal whole = truncated.setScale(0, java.math.RoundingMode.FLOOR);
            final long nanos = truncated.subtract(whole).movePointRight(9).longValueExact();
            return Optional.of(Instant.ofEpochSecond(whole.longValueExact(), nanos));
        } catch (final ArithmeticException | java.time.DateTimeException outOfRange) {
            return Optional.empty();
        }
    }

    /** ISO-8601 with an offset (or none, read as UTC), or epoch seconds; empty when it is neither. */
    public static Optional<Instant> parse(final String text) {
        final String trimmed = text.trim();
        try {
            return Optional.of(OffsetDateTime.parse(trimmed).toInstant());
        } catch (final DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC));
            } catch (final DateTimeParseException notLocal) {
                if (trimmed.length() > MAX_EPOCH_TEXT) {
                    return Optional.empty();
                }
                try {
                    return ofEpochSeconds(new BigDecimal(trimmed));
                } catch (final NumberFormatException notNumber) {
                    return Optional.empty();
                }
            }
        }
    }

    /**
     * {@link Instant#toString()}, written directly for the years 0 to 9999: every timestamp of every AWS request is
     * typed to this text and read back ({@link #ofText}), a thousand per PutMetricData call, and the JDK's formatter
     * and parser cost a microsecond each.
     */
    public static String text(final Instant instant) {
        final long seconds = instant.getEpochSecond();
        if (seconds < FIRST_FAST_SECOND || seconds > LAST_FAST_SECOND) {
            return instant.toString();
        }
        final long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        final int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        final LocalDate date = LocalDate.ofEpochDay(day);
        final int nano = instant.getNano();
        final char[] text = new char[30];
        int at = digits(text, 0, date.getYear(), 4);
        text[at++] = '-';
        at = digits(text, at, date.getMonthValue(), 2);
        text[at++] = '-';
        at = digits(text, at, date.getDayOfMonth(), 2);
        text[at++] = 'T';
        at = digits(text, at, secondOfDay / 3600, 2);
        text[at++] = ':';
        at = digits(text, at, secondOfDay / 60 % 60, 2);
        text[at++] = ':';
        at = digits(text, at, secondOfDay % 60, 2);
        if (nano != 0) {
            text[at++] = '.';
            // as ISO_INSTANT: milliseconds, microseconds or nanoseconds, whichever shows every non-zero digit
            at = nano % 1_000_000 == 0 ? digits(text, at, nano / 1_000_000, 3)
                : nano % 1000 == 0 ? digits(text, at, nano / 1000, 6) : digits(text, at, nano, 9);
        }
        text[at++] = 'Z';
        return new String(text, 0, at);
    }

    /** Text as {@link #text} (and {@link Instant#toString()}) writes it; other ISO-8601 instants the slow way. */
    public static Instant ofText(final String text) {
        final int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
            || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
            || length > 20 && text.charAt(19) != '.') {
            return Instant.parse(text);
        }
        final int year = number(text, 0, 4);
        final int month = number(text, 5, 7);
        final int day = number(text, 8, 10);
        final int hour = number(text, 11, 13);
        final int minute = number(text, 14, 16);
        final int second = number(text, 17, 19);
        int nano = length > 20 ? number(text, 20, length - 1) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59
            || nano < 0 || length == 21) {
            return Instant.parse(text);
        }
        for (int digits = length - 21; digits < 9 && length > 20; digits++) {
            nano *= 10;
        }
        // LocalDate.of refuses days a month does not have, as the JDK's parser does
        return Instant.ofEpochSecond(LocalDate.of(year, month, day).toEpochDay() * SECONDS_PER_DAY + hour * 3600L
            + minute * 60L + second, nano);
    }

    /** The number the ASCII digits in [from, to) make; -1 if one is not a digit. */
    private static int number(final String text, final int from, final int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            final char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int digits(final char[] text, final int at, final int value, final int width) {
        int rest = value;
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
        return at + width;
    }

    private static final long SECONDS_PER_DAY = 86_400;
    private static final long FIRST_FAST_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * SECONDS_PER_DAY;
    private static final long LAST_FAST_SECOND = LocalDate.of(9999, 12, 31).toEpochDay() * SECONDS_PER_DAY
        + SECONDS_PER_DAY - 1;

    /** Epoch seconds as JSON and CBOR answers carry them: whole when the time is, else with milliseconds. */
    public static Number toEpochSeconds(final Instant instant) {
        if (instant.getNano() == 0) {
            return instant.getEpochSecond();
        }
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }
}
