package io.trailwatch.aws.internals;

import java.math.BigDecimal;
import java.time.Instant;
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

    /** Epoch seconds as JSON and CBOR answers carry them: whole when the time is, else with milliseconds. */
    public static Number toEpochSeconds(final Instant instant) {
        if (instant.getNano() == 0) {
            return instant.getEpochSecond();
        }
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }
}
