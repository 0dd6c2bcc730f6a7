package io.trailwatch.processors.alarm.mute;

import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a mute rule mutes: windows of {@code duration} starting at each occurrence of a cron expression, or at one
 * moment ({@code at(yyyy-MM-ddThh:mm)}), in a time zone (UTC unless named), as PutAlarmMuteRule's Schedule.
 */
public final class MuteSchedule {

    static final Duration MIN_DURATION = Duration.ofMinutes(1);
    static final Duration MAX_DURATION = Duration.ofDays(15);
    private static final Pattern EXPRESSION = Pattern.compile("(cron|at)\\((.*)\\)", Pattern.DOTALL);
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm", Locale.ROOT);

    private final CronSchedule cron;
    private final LocalDateTime at;
    private final Duration duration;
    private final ZoneId zone;

    private MuteSchedule(final CronSchedule cron, final LocalDateTime at, final Duration duration, final ZoneId zone) {
        this.cron = cron;
        this.at = at;
        this.duration = duration;
        this.zone = zone;
    }

    /**
     * @param expression {@code cron(m h dom mon dow)} or {@code at(yyyy-MM-ddThh:mm)}
     * @param duration   ISO 8601, PT1M to P15D
     * @param timezone   IANA zone id, or null for UTC
     * @throws InvalidRecordException naming Rule.Schedule.Expression, .Duration or .Timezone
     */
    public static MuteSchedule parse(final String expression, final String duration, final String timezone) {
        final String field = "Rule.Schedule.";
        if (expression == null || expression.isEmpty() || expression.length() > 256) {
            throw new InvalidRecordException(field + "Expression", "is required, 1 to 256 characters");
        }
        final Matcher matcher = EXPRESSION.matcher(expression.trim());
        if (!matcher.matches()) {
            throw new InvalidRecordException(field + "Expression",
                "must be cron(Minutes Hours Day-of-month Month Day-of-week) or at(yyyy-MM-ddThh:mm), was '"
                    + expression + "'");
        }
        final CronSchedule cron = matcher.group(1).equals("cron")
            ? CronSchedule.parse(matcher.group(2), field + "Expression") : null;
        LocalDateTime at = null;
        if (cron == null) {
            try {
                at = LocalDateTime.parse(matcher.group(2).trim(), AT);
            } catch (final DateTimeParseException e) {
                throw new InvalidRecordException(field + "Expression", "at() takes yyyy-MM-ddThh:mm, was '"
                    + matcher.group(2) + "'");
            }
        }
        return new MuteSchedule(cron, at, parseDuration(duration, field + "Duration"),
            parseZone(timezone, field + "Timezone"));
    }

    /**
     * If a window of this schedule contains {@code time}, when that window ends (the latest end, when windows
     * overlap).
     */
    public Optional<Instant> windowEndAt(final Instant time) {
        if (cron == null) {
            final Instant start = at.atZone(zone).toInstant();
            final Instant end = start.plus(duration);
            return !time.isBefore(start) && time.isBefore(end) ? Optional.of(end) : Optional.empty();
        }
        // The newest occurrence at or before the time whose window still covers it; occurrences are whole minutes.
        final Instant newest = time.truncatedTo(ChronoUnit.MINUTES);
        final Instant oldest = time.minus(duration);
        for (Instant minute = newest; minute.isAfter(oldest); minute = minute.minus(1, ChronoUnit.MINUTES)) {
            if (cron.matches(LocalDateTime.ofInstant(minute, zone))) {
                return Optional.of(minute.plus(duration));
            }
        }
        return Optional.empty();
    }

    boolean isOneTime() {
        return cron == null;
    }

    /** The end of the one window of an at() schedule. */
    Instant oneTimeEnd() {
        return at.atZone(zone).toInstant().plus(duration);
    }

    private static Duration parseDuration(final String text, final String field) {
        if (text == null || text.isEmpty() || text.length() > 50) {
            throw new InvalidRecordException(field, "is required, an ISO 8601 duration from PT1M to P15D");
        }
        final Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (final DateTimeParseException e) {
            throw new InvalidRecordException(field, "'" + text + "' is not an ISO 8601 duration such as PT4H or P2DT12H");
        }
        if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            throw new InvalidRecordException(field, "must be from PT1M to P15D, was " + text);
        }
        return duration;
    }

    private static ZoneId parseZone(final String timezone, final String field) {
        if (timezone == null || timezone.isEmpty()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone);
        } catch (final DateTimeException e) {
            throw new InvalidRecordException(field, "'" + timezone + "' is not a time zone such as UTC or "
                + "Europe/Paris");
        }
    }
}
