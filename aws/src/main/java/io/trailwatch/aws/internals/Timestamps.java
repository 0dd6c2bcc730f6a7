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

    /** Epoch seconds, possibly fractional, as JSON and CBOR clients send them. */
    public static Instant ofEpochSeconds(final BigDecimal seconds) {
        final BigDecimal whole = new BigDecimal(seconds.toBigInteger());
        final long nanos = seconds.subtract(whole).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
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
                try {
                    return Optional.of(ofEpochSeconds(new BigDecimal(trimmed)));
                } catch (final NumberFormatException | ArithmeticException notNumber) {
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
        return instant.toEpochMilli() / 1000.0;
    }
}
