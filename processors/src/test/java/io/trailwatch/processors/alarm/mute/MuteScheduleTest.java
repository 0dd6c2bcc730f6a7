package io.trailwatch.processors.alarm.mute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Schedule of PutAlarmMuteRule: cron and at expressions, durations, time zones and their errors. */
class MuteScheduleTest {

    private static Instant at(final String time) {
        return Instant.parse(time);
    }

    @ParameterizedTest(name = "{0} for {1} covers {2}: {3}")
    @CsvSource(delimiter = '|', value = {
        // The documented examples: daily at 2:00, Sundays at 2:00, the first of the month at 1:00, Fridays at 18:00.
        "cron(0 2 * * *)   | PT4H | 2026-11-21T01:59:59Z | false",
        "cron(0 2 * * *)   | PT4H | 2026-11-21T02:00:00Z | true",
        "cron(0 2 * * *)   | PT4H | 2026-11-21T05:59:59Z | true",
        "cron(0 2 * * *)   | PT4H | 2026-11-21T06:00:00Z | false",
        "cron(0 2 * * SUN) | PT4H | 2026-11-22T03:00:00Z | true",
        "cron(0 2 * * SUN) | PT4H | 2026-11-21T03:00:00Z | false",
        "cron(0 1 1 * *)   | PT6H | 2026-12-01T06:30:00Z | true",
        "cron(0 1 1 * *)   | PT6H | 2026-12-02T01:30:00Z | false",
        // Friday 18:00 for 2.5 days reaches Monday 06:00.
        "cron(0 18 * * FRI) | P2DT12H | 2026-11-23T05:59:00Z | true",
        "cron(0 18 * * FRI) | P2DT12H | 2026-11-23T06:00:00Z | false",
        // Lists and ranges; 7 is Sunday as well.
        "cron(0,30 9-17 * * MON-FRI) | PT10M | 2026-11-20T17:35:00Z | true",
        "cron(0,30 9-17 * * MON-FRI) | PT10M | 2026-11-20T17:45:00Z | false",
        "cron(0 0 * * 7) | PT1H | 2026-11-22T00:30:00Z | true",
        // Day of month and day of week both restricted: either matches.
        "cron(0 0 13 * FRI) | PT1H | 2026-11-13T00:10:00Z | true",
        "cron(0 0 13 * FRI) | PT1H | 2026-11-20T00:10:00Z | true",
        "cron(0 0 13 * FRI) | PT1H | 2026-11-19T00:10:00Z | false",
        "at(2026-11-21T10:00) | PT10M | 2026-11-21T10:09:59Z | true",
        "at(2026-11-21T10:00) | PT10M | 2026-11-21T10:10:00Z | false",
        "at(2026-11-21T10:00) | PT10M | 2026-11-21T09:59:59Z | false"})
    void coversTheWindowsOfTheExpression(final String expression, final String duration, final String time,
                                         final boolean covered) {
        assertThat(MuteSchedule.parse(expression, duration, null).windowEndAt(at(time)).isPresent()).isEqualTo(covered);
    }

    @Test
    void readsTheExpressionInItsTimeZone() {
        final MuteSchedule paris = MuteSchedule.parse("cron(0 2 * * *)", "PT1H", "Europe/Paris");

        assertThat(paris.windowEndAt(at("2026-11-21T01:30:00Z"))).contains(at("2026-11-21T02:00:00Z"));
        assertThat(paris.windowEndAt(at("2026-11-21T02:30:00Z"))).isEmpty();
    }

    @Test
    void aRuleMutesItsTargetsWithinItsDates() {
        final MuteRule rule = new MuteRule("Freeze", MuteSchedule.parse("cron(* * * * *)", "PT1M", null),
            Set.of("Cpu"), at("2026-12-01T00:00:00Z"), at("2026-12-02T00:00:00Z"));

        assertThat(rule.mutedUntil("Cpu", at("2026-11-30T12:00:00Z"))).isEmpty();
        assertThat(rule.mutedUntil("Cpu", at("2026-12-01T12:00:30Z"))).contains(at("2026-12-01T12:01:00Z"));
        assertThat(rule.mutedUntil("Disk", at("2026-12-01T12:00:30Z"))).isEmpty();
        assertThat(rule.mutedUntil("Cpu", at("2026-12-01T23:59:30Z"))).contains(at("2026-12-02T00:00:00Z"));
        assertThat(rule.mutedUntil("Cpu", at("2026-12-02T00:00:00Z"))).isEmpty();
    }

    @Test
    void overlappingRulesMuteUntilTheLastWindowEnds() {
        final List<MuteRule> rules = List.of(
            new MuteRule("Short", MuteSchedule.parse("at(2026-11-21T10:00)", "PT5M", null), Set.of("Cpu"), null, null),
            new MuteRule("Long", MuteSchedule.parse("at(2026-11-21T10:00)", "PT1H", null), Set.of("Cpu"), null, null));

        assertThat(Mute.of(rules, "Cpu", at("2026-11-21T10:01:00Z"))).hasValueSatisfying(mute -> {
            assertThat(mute.ruleNames()).containsExactly("Long", "Short");
            assertThat(mute.until()).isEqualTo(at("2026-11-21T11:00:00Z"));
        });
    }

    @ParameterizedTest(name = "{0} / {1} / {2}: {3}")
    @CsvSource(delimiter = '|', value = {
        "rate(5 minutes)      | PT1H  |              | Rule.Schedule.Expression | must be cron(",
        "cron(0 2 * *)        | PT1H  |              | Rule.Schedule.Expression | cron() takes 5 fields",
        "cron(0 2 ? * *)      | PT1H  |              | Rule.Schedule.Expression | cron day-of-month field: '?' is not 1-31",
        "cron(*/5 * * * *)    | PT1H  |              | Rule.Schedule.Expression | cron minutes field: '*/5' is not 0-59",
        "cron(0 25 * * *)     | PT1H  |              | Rule.Schedule.Expression | cron hours field: '25' is not 0-23",
        "cron(0 2 * FOO *)    | PT1H  |              | Rule.Schedule.Expression | cron month field: 'FOO' is not 1-12 or JAN-DEC",
        "cron(0 5-2 * * *)    | PT1H  |              | Rule.Schedule.Expression | cron hours field: range '5-2' ends before it starts",
        "at(2026-11-21 10:00) | PT1H  |              | Rule.Schedule.Expression | at() takes yyyy-MM-ddThh:mm",
        "cron(0 2 * * *)      | PT30S |              | Rule.Schedule.Duration   | must be from PT1M to P15D",
        "cron(0 2 * * *)      | P16D  |              | Rule.Schedule.Duration   | must be from PT1M to P15D",
        "cron(0 2 * * *)      | 4h    |              | Rule.Schedule.Duration   | is not an ISO 8601 duration",
        "cron(0 2 * * *)      | PT1H  | Mars/Olympus | Rule.Schedule.Timezone   | is not a time zone"})
    void rejectsWhatPutAlarmMuteRuleRejectsNamingTheField(final String expression, final String duration,
                                                           final String timezone, final String field,
                                                           final String reason) {
        assertThatThrownBy(() -> MuteSchedule.parse(expression, duration, timezone))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                assertThat(e.field()).isEqualTo(field);
                assertThat(e.reason()).contains(reason);
            });
    }
}
