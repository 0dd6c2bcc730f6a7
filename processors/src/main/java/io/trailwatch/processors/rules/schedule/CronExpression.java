package io.trailwatch.processors.rules.schedule;

import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge's six-field cron, in UTC: {@code Minutes Hours Day-of-month Month Day-of-week Year}, with {@code , - *
 * /} in every field, {@code ?} in one of the two day fields (it must be in one of them), month names JAN-DEC, days
 * 1-7 = SUN-SAT, and the wildcards {@code L} (last day of the month; {@code nL}: the last day n of the week),
 * {@code W} ({@code nW}: the weekday nearest day n; {@code LW}: the last weekday) and {@code #} ({@code n#k}: the
 * k-th day n of the month), as https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
 * describes them. Years 1970-2199.
 */
final class CronExpression implements RuleSchedule {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
        "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final int LAST_YEAR = 2199;
    private static final Pattern ITEM = Pattern.compile("(\\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:/(\\d+))?");
    private static final Pattern NEAREST_WEEKDAY = Pattern.compile("(\\d{1,2})W");
    private static final Pattern LAST_OF_WEEK = Pattern.compile("([1-7A-Za-z]{1,3})L");
    private static final Pattern NTH_OF_WEEK = Pattern.compile("([1-7A-Za-z]{1,3})#([1-5])");

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet months;
    private final BitSet years;
    /** Whether a date's day matches the one day field that is not {@code ?}. */
    private final Predicate<LocalDate> day;

    private CronExpression(final String[] fields, final String field) {
        minutes = values(fields[0], 0, 59, List.of(), 0, field, "Minutes");
        hours = values(fields[1], 0, 23, List.of(), 0, field, "Hours");
        months = values(fields[3], 1, 12, MONTHS, 1, field, "Month");
        years = values(fields[5], 1970, LAST_YEAR, List.of(), 0, field, "Year");
        final boolean anyMonthDay = "?".equals(fields[2]);
        final boolean anyWeekDay = "?".equals(fields[4]);
        if (anyMonthDay == anyWeekDay) {
            throw invalid(field, "Day-of-month and Day-of-week: exactly one of them must be ?");
        }
        day = anyWeekDay ? monthDay(fields[2], field) : weekDay(fields[4], field);
    }

    static CronExpression parse(final String field, final String body) {
        final String[] fields = body.trim().split("\\s+");
        if (fields.length != 6) {
            throw invalid(field, "cron() takes 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), got "
                + fields.length);
        }
        return new CronExpression(fields, field);
    }

    @Override
    public Instant nextAfter(final Instant instant) {
        final LocalDateTime from = LocalDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES)
            .plusMinutes(1);
        LocalDate date = from.toLocalDate();
        while (date.getYear() <= LAST_YEAR) {
            if (!years.get(date.getYear())) {
                date = LocalDate.of(date.getYear() + 1, 1, 1);
            } else if (!months.get(date.getMonthValue())) {
                date = date.with(TemporalAdjusters.firstDayOfNextMonth());
            } else {
                if (day.test(date)) {
                    final boolean first = date.equals(from.toLocalDate());
                    for (int hour = hours.nextSetBit(first ? from.getHour() : 0); hour >= 0;
                         hour = hours.nextSetBit(hour + 1)) {
                        final int minute = minutes.nextSetBit(first && hour == from.getHour() ? from.getMinute() : 0);
                        if (minute >= 0) {
                            return date.atTime(hour, minute).toInstant(ZoneOffset.UTC);
                        }
                    }
                }
                date = date.plusDays(1);
            }
        }
        return null;
    }

    private static Predicate<LocalDate> monthDay(final String text, final String field) {
        if ("L".equals(text)) {
            return date -> date.getDayOfMonth() == date.lengthOfMonth();
        }
        if ("LW".equals(text)) {
            return date -> date.equals(nearestWeekday(date, date.lengthOfMonth()));
        }
        final Matcher nearest = NEAREST_WEEKDAY.matcher(text);
        if (nearest.matches()) {
            final int target = Integer.parseInt(nearest.group(1));
            if (target < 1 || target > 31) {
                throw invalid(field, "Day-of-month: '" + text + "' must name a day 1-31");
            }
            return date -> target <= date.lengthOfMonth() && date.equals(nearestWeekday(date, target));
        }
        final BitSet days = values(text, 1, 31, List.of(), 0, field, "Day-of-month");
        return date -> days.get(date.getDayOfMonth());
    }

    /** The weekday nearest the target day of the date's month, within that month (Quartz's W). */
    private static LocalDate nearestWeekday(final LocalDate date, final int target) {
        final LocalDate day = date.withDayOfMonth(target);
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return target == 1 ? day.plusDays(2) : day.minusDays(1);
        }
        if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return target == day.lengthOfMonth() ? day.minusDays(2) : day.plusDays(1);
        }
        return day;
    }

    private static Predicate<LocalDate> weekDay(final String text, final String field) {
        if ("L".equals(text)) {
            return date -> weekDayOf(date) == 7;
        }
        final Matcher last = LAST_OF_WEEK.matcher(text);
        if (last.matches()) {
            final int wanted = single(last.group(1), field);
            return date -> weekDayOf(date) == wanted && date.plusWeeks(1).getMonth() != date.getMonth();
        }
        final Matcher nth = NTH_OF_WEEK.matcher(text);
        if (nth.matches()) {
            final int wanted = single(nth.group(1), field);
            final int index = Integer.parseInt(nth.group(2));
            return date -> weekDayOf(date) == wanted && (date.getDayOfMonth() - 1) / 7 + 1 == index;
        }
        final BitSet days = values(text, 1, 7, DAYS, 1, field, "Day-of-week");
        return date -> days.get(weekDayOf(date));
    }

    /** 1 = Sunday ... 7 = Saturday, as EventBridge numbers days. */
    private static int weekDayOf(final LocalDate date) {
        return date.getDayOfWeek().getValue() % 7 + 1;
    }

    private static int single(final String token, final String field) {
        return number(token, 1, 7, DAYS, 1, field, "Day-of-week");
    }

    /** A field of values, ranges and steps ({@code *}, {@code a}, {@code a-b}, each optionally {@code /step}). */
    private static BitSet values(final String text, final int min, final int max, final List<String> names,
                                 final int firstName, final String field, final String part) {
        final BitSet set = new BitSet(max + 1);
        for (final String item : text.split(",", -1)) {
            final Matcher matcher = ITEM.matcher(item);
            if (!matcher.matches()) {
                throw invalid(field, part + ": '" + item + "' is not a value, a range a-b, * or one of them /step");
            }
            final String range = matcher.group(1);
            final int step = matcher.group(2) == null ? 1 : Integer.parseInt(matcher.group(2));
            final int dash = range.indexOf('-');
            final int from = "*".equals(range) ? min : number(dash < 0 ? range : range.substring(0, dash), min, max,
                names, firstName, field, part);
            final int to = "*".equals(range) ? max : dash < 0 ? (matcher.group(2) == null ? from : max)
                : number(range.substring(dash + 1), min, max, names, firstName, field, part);
            if (step < 1 || to < from) {
                throw invalid(field, part + ": '" + item + "' is an empty range");
            }
            for (int value = from; value <= to; value += step) {
                set.set(value);
            }
        }
        return set;
    }

    private static int number(final String token, final int min, final int max, final List<String> names,
                              final int firstName, final String field, final String part) {
        final int named = names.indexOf(token.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return named + firstName;
        }
        if (token.chars().allMatch(Character::isDigit) && token.length() <= 4) {
            final int value = Integer.parseInt(token);
            if (value >= min && value <= max) {
                return value;
            }
        }
        throw invalid(field, part + ": '" + token + "' is not " + min + "-" + max);
    }

    private static InvalidRecordException invalid(final String field, final String reason) {
        return new InvalidRecordException(field, "Parameter ScheduleExpression is not valid: " + reason);
    }
}
