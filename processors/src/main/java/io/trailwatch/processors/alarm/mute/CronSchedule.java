package io.trailwatch.processors.alarm.mute;

import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * The cron expressions of alarm mute rules: {@code cron(Minutes Hours Day-of-month Month Day-of-week)}, with
 * {@code *}, {@code -} and {@code ,} in every field and English names for months (JAN-DEC) and days (SUN-SAT), as
 * the Schedule type of PutAlarmMuteRule documents them. Days of week count from 0 = Sunday (7 is Sunday too). When
 * both day fields are restricted, a day matching either one matches, as in Unix cron.
 */
final class CronSchedule {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
        "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronSchedule(final String[] fields, final String field) {
        minutes = parse(fields[0], 0, 59, List.of(), 0, field, "minutes");
        hours = parse(fields[1], 0, 23, List.of(), 0, field, "hours");
        daysOfMonth = parse(fields[2], 1, 31, List.of(), 0, field, "day-of-month");
        months = parse(fields[3], 1, 12, MONTHS, 1, field, "month");
        final BitSet week = parse(fields[4], 0, 7, DAYS, 0, field, "day-of-week");
        if (week.get(7)) {
            week.set(0);
            week.clear(7);
        }
        daysOfWeek = week;
        anyDayOfMonth = "*".equals(fields[2]);
        anyDayOfWeek = "*".equals(fields[4]);
    }

    /** Parses the five fields inside {@code cron(...)}; {@code field} names the parameter in errors. */
    static CronSchedule parse(final String body, final String field) {
        final String[] fields = body.trim().split("\\s+");
        if (fields.length != 5) {
            throw new InvalidRecordException(field, "cron() takes 5 fields (Minutes Hours Day-of-month Month "
                + "Day-of-week), got " + fields.length);
        }
        return new CronSchedule(fields, field);
    }

    /** Whether a minute (local time, seconds ignored) is an occurrence. */
    boolean matches(final LocalDateTime minute) {
        if (!minutes.get(minute.getMinute()) || !hours.get(minute.getHour()) || !months.get(minute.getMonthValue())) {
            return false;
        }
        final boolean dayOfMonth = daysOfMonth.get(minute.getDayOfMonth());
        final boolean dayOfWeek = daysOfWeek.get(minute.getDayOfWeek().getValue() % 7);
        if (anyDayOfMonth || anyDayOfWeek) {
            return dayOfMonth && dayOfWeek;
        }
        return dayOfMonth || dayOfWeek;
    }

    private static BitSet parse(final String text, final int min, final int max, final List<String> names,
                                final int firstNameValue, final String field, final String part) {
        final BitSet values = new BitSet(max + 1);
        for (final String item : text.split(",", -1)) {
            if ("*".equals(item)) {
                values.set(min, max + 1);
                continue;
            }
            final String[] range = item.split("-", -1);
            if (range.length > 2) {
                throw invalid(field, part, "'" + item + "' is not a value or a range a-b");
            }
            final int from = value(range[0], min, max, names, firstNameValue, field, part);
            final int to = range.length == 2 ? value(range[1], min, max, names, firstNameValue, field, part) : from;
            if (to < from) {
                throw invalid(field, part, "range '" + item + "' ends before it starts");
            }
            values.set(from, to + 1);
        }
        return values;
    }

    private static int value(final String token, final int min, final int max, final List<String> names,
                             final int firstNameValue, final String field, final String part) {
        final int named = names.indexOf(token.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return named + firstNameValue;
        }
        try {
            final int value = Integer.parseInt(token);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (final NumberFormatException e) {
            // reported below with the accepted forms
        }
        throw invalid(field, part, "'" + token + "' is not " + min + "-" + max
            + (names.isEmpty() ? "" : " or " + names.get(0) + "-" + names.get(names.size() - 1))
            + "; only *, - and , are supported");
    }

    private static InvalidRecordException invalid(final String field, final String part, final String reason) {
        return new InvalidRecordException(field, "cron " + part + " field: " + reason);
    }
}
