package io.trailwatch.processors.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A time as the AWS CLI and the CloudTrail and CloudWatch APIs take one: ISO 8601, as an instant
 * ({@code 2026-11-21T10:00:00Z}), a date-time (UTC unless it gives an offset) or a date (its midnight UTC); or
 * epoch seconds, with an optional fraction. Every time parameter of the API and every time option of the CLI
 * reads times here, so all take the same forms.
 */
public final class AwsTime {

    /** The accepted forms, for error messages. */
    public static final String FORMS = "ISO 8601 (2026-11-21T10:00:00Z, 2026-11-21T10:00:00, 2026-11-21) or epoch "
        + "seconds";

    private AwsTime() {
    }

    /** @throws DateTimeException when the text is in none of the forms */
    public static Instant parse(final String text) {
        final String trimmed = text.trim();
        if (trimmed.matches("-?\\d+(\\.\\d+)?")) {
            try {
                final BigDecimal seconds = new BigDecimal(trimmed);
                final BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
                return Instant.ofEpochSecond(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).intValue());
            } catch (final ArithmeticException outOfRange) {
                throw new DateTimeException("epoch seconds out of range: " + trimmed, outOfRange);
            }
        }
        if (trimmed.length() == 10) {
            return LocalDate.parse(trimmed).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (final DateTimeParseException noOffset) {
            return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
        }
    }
}
