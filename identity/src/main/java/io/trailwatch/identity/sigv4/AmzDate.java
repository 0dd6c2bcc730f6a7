package io.trailwatch.identity.sigv4;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;

/**
 * SigV4's timestamps: X-Amz-Date's ISO 8601 basic format ({@code 20150830T123600Z}), which is what the string to sign
 * holds, and the HTTP {@code Date} header's RFC 1123 format, which a client may send instead of X-Amz-Date.
 */
final class AmzDate {

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
        .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);

    private AmzDate() { }

    /**
     * Parses an X-Amz-Date value.
     *
     * @throws AuthenticationException IncompleteSignature, worded as AWS does, if it is not in basic format
     */
    static Instant parseBasic(final String value) {
        try {
            if (value.length() == 16) {
                return BASIC.parse(value, Instant::from);
            }
        } catch (final DateTimeParseException e) {
            // fall through to the error below
        }
        throw AuthenticationException.incompleteSignature("Date must be in ISO-8601 'basic format'. Got '" + value
            + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    /**
     * Parses a Date header, e.g. {@code Sun, 30 Aug 2015 12:36:00 GMT} (botocore sends {@code -0000} for GMT).
     *
     * @throws AuthenticationException IncompleteSignature if it is not in RFC 1123 format
     */
    static Instant parseHttpDate(final String value) {
        try {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim(), Instant::from);
        } catch (final DateTimeParseException e) {
            throw AuthenticationException.incompleteSignature("Date header must be in RFC 1123 format. Got '" + value
                + "'.");
        }
    }

    /** An instant in basic format, to the second. */
    static String formatBasic(final Instant instant) {
        return BASIC.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
