package io.trailwatch.processors.alarm;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The number and time spellings CloudWatch uses in alarm reasons and reason data, all in UTC. */
final class CloudWatchFormats {

    // "[99.50160229693434 (02/10/19 16:59:00)]" in StateReason (EventBridge example in the User Guide).
    private static final DateTimeFormatter REASON = DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss", Locale.ROOT)
        .withZone(ZoneOffset.UTC);
    // "2019-10-02T17:04:40.985+0000" in StateReasonData and event timestamps; 'Z' prints +0000 for UTC.
    private static final DateTimeFormatter DATA = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ",
        Locale.ROOT).withZone(ZoneOffset.UTC);
    // "... transitioned to ALARM at Friday 04 August, 2023 12:54:46 UTC" in composite alarm reasons.
    private static final DateTimeFormatter COMPOSITE = DateTimeFormatter.ofPattern("EEEE dd MMMM, yyyy HH:mm:ss 'UTC'",
        Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private CloudWatchFormats() {
    }

    static String reasonTime(final Instant time) {
        return REASON.format(time);
    }

    static String dataTime(final Instant time) {
        return DATA.format(time);
    }

    static String compositeTime(final Instant time) {
        return COMPOSITE.format(time);
    }

    /**
     * CloudWatch is a Java service and its reasons print doubles as Java does ("50.0", "99.50160229693434",
     * "0.01758096118768056" in captured reasons), so Double.toString is the faithful spelling.
     */
    static String number(final double value) {
        return Double.toString(value);
    }
}
