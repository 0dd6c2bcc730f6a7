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

    /** The accepted forms, as error messages name them. */
    private static final String FORMS = "ISO 8601 (2026-11-21T10:00:00Z, 2026-11-21T10:00:00, 2026-11-21) or epoch "
        + "seconds";

    private AwsTime() {
    }

    /**
     * @throws DateTimeException when the text is in none of the forms, with the message every caller reports:
     *                           "must be a time, ISO 8601 (...) or epoch seconds, was '...'"
     */
    public static Instant parse(final String text) {
        try {
            return parseForms(text.trim());
        } catch (final DateTimeException | ArithmeticException e) {
            throw new DateTimeException("must be a time, " + FORMS + ", was '" + text + "'", e);
        }
    }

    private static Instant parseForms(final String text) {
        if (text.matches("-?\\d+(\\.\\d+)?")) {
            final BigDecimal seconds = new BigDecimal(text);
            final BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
            return Instant.ofEpochSecond(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).intValue());
        }
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (final DateTimeParseException noOffset) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }
}
