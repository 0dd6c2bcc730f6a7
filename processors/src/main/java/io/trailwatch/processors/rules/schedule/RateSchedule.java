package io.trailwatch.processors.rules.schedule;

import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code rate(value unit)}: a positive whole number of minutes, hours or days (the unit singular for 1, plural
 * otherwise, as EventBridge requires). Ticks fall on the multiples of the period since the epoch (UTC), so that every
 * instance, and every restart, agrees on them; EventBridge counts from the rule's creation instead.
 */
record RateSchedule(Duration period) implements RuleSchedule {

    private static final Map<String, Duration> UNITS = Map.of("minute", Duration.ofMinutes(1),
        "hour", Duration.ofHours(1), "day", Duration.ofDays(1));

    static RateSchedule parse(final String field, final String body) {
        final String[] parts = body.trim().split("\\s+");
        final long value;
        try {
            value = parts.length == 2 ? Long.parseLong(parts[0]) : -1;
        } catch (final NumberFormatException e) {
            throw invalid(field, body);
        }
        if (value < 1 || value > 1_000_000) {
            throw invalid(field, body);
        }
        final String unit = parts[1];
        final String singular = unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
        if (!UNITS.containsKey(singular) || (value == 1) == unit.endsWith("s")) {
            throw invalid(field, body);
        }
        return new RateSchedule(UNITS.get(singular).multipliedBy(value));
    }

    private static InvalidRecordException invalid(final String field, final String body) {
        return new InvalidRecordException(field, "Parameter ScheduleExpression is not valid: rate(" + body
            + ") must be rate(1 minute|hour|day) or rate(N minutes|hours|days) with N a positive whole number");
    }

    @Override
    public Instant nextAfter(final Instant instant) {
        final long millis = period.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), millis) * millis + millis);
    }
}
