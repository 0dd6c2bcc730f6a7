package io.trailwatch.processors.logs.insights;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A time value ({@code @timestamp}, {@code @ingestionTime}, {@code bin(...)}): a number of epoch milliseconds in
 * arithmetic and comparisons, written as Logs Insights writes times in results ({@code 2026-12-07 03:15:00.000},
 * UTC).
 */
record Timestamp(long millis) implements Comparable<Timestamp> {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
        .withZone(ZoneOffset.UTC);

    @Override
    public String toString() {
        return FORMAT.format(Instant.ofEpochMilli(millis));
    }

    @Override
    public int compareTo(final Timestamp other) {
        return Long.compare(millis, other.millis);
    }
}
