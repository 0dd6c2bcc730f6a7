package io.trailwatch.processors.rules.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schedule expressions against the examples of
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html (cron and rate), in UTC.
 */
class RuleScheduleTest {

    /** A Wednesday. */
    private static final Instant FROM = Instant.parse("2026-12-02T09:58:30Z");

    private static List<String> ticks(final String expression, final int count) {
        final RuleSchedule schedule = RuleSchedule.parse("ScheduleExpression", expression);
        final List<String> ticks = new ArrayList<>();
        Instant at = FROM;
        for (int i = 0; i < count; i++) {
            at = schedule.nextAfter(at);
            ticks.add(at.toString());
        }
        return ticks;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        rate(1 minute)                  | 2026-12-02T09:59:00Z,2026-12-02T10:00:00Z,2026-12-02T10:01:00Z
        rate(5 minutes)                 | 2026-12-02T10:00:00Z,2026-12-02T10:05:00Z,2026-12-02T10:10:00Z
        rate(1 hour)                    | 2026-12-02T10:00:00Z,2026-12-02T11:00:00Z,2026-12-02T12:00:00Z
        rate(7 days)                    | 2026-12-03T00:00:00Z,2026-12-10T00:00:00Z,2026-12-17T00:00:00Z
        cron(0 10 * * ? *)              | 2026-12-02T10:00:00Z,2026-12-03T10:00:00Z,2026-12-04T10:00:00Z
        cron(15 12 * * ? *)             | 2026-12-02T12:15:00Z,2026-12-03T12:15:00Z,2026-12-04T12:15:00Z
        cron(0 18 ? * MON-FRI *)        | 2026-12-02T18:00:00Z,2026-12-03T18:00:00Z,2026-12-04T18:00:00Z
        cron(0 8 1 * ? *)               | 2027-01-01T08:00:00Z,2027-02-01T08:00:00Z,2027-03-01T08:00:00Z
        cron(0/15 * * * ? *)            | 2026-12-02T10:00:00Z,2026-12-02T10:15:00Z,2026-12-02T10:30:00Z
        cron(0/10 * ? * MON-FRI *)      | 2026-12-02T10:00:00Z,2026-12-02T10:10:00Z,2026-12-02T10:20:00Z
        cron(0/5 8-17 ? * MON-FRI *)    | 2026-12-02T10:00:00Z,2026-12-02T10:05:00Z,2026-12-02T10:10:00Z
        cron(0 9 ? * 2#1 *)             | 2026-12-07T09:00:00Z,2027-01-04T09:00:00Z,2027-02-01T09:00:00Z
        cron(0 0 L * ? *)               | 2026-12-31T00:00:00Z,2027-01-31T00:00:00Z,2027-02-28T00:00:00Z
        cron(0 0 ? * 6L 2027)           | 2027-01-29T00:00:00Z,2027-02-26T00:00:00Z,2027-03-26T00:00:00Z
        cron(30 6 LW * ? *)             | 2026-12-31T06:30:00Z,2027-01-29T06:30:00Z,2027-02-26T06:30:00Z
        cron(0 12 15W * ? *)            | 2026-12-15T12:00:00Z,2027-01-15T12:00:00Z,2027-02-15T12:00:00Z
        """)
    void ticksFallWhereEventBridgesDocumentationSays(final String expression, final String expected) {
        assertThat(String.join(",", ticks(expression, 3))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(5 minute)", "rate(1 minutes)", "rate(0 minutes)", "rate(1.5 hours)",
        "rate(5 seconds)", "cron(0 10 * * * *)", "cron(0 10 ? * ? *)", "cron(0 10 * * ?)", "cron(60 10 * * ? *)",
        "cron(0 10 * * ? 1969)", "cron(0 10 ? * MON-FRI-SAT *)", "every 5 minutes", "cron(0 10 32W * ? *)"})
    void whatEventBridgeRefusesIsRefusedNamingTheParameter(final String expression) {
        assertThatThrownBy(() -> RuleSchedule.parse("ScheduleExpression", expression))
            .isInstanceOfSatisfying(InvalidRecordException.class, e ->
                assertThat(e.field()).isEqualTo("ScheduleExpression"));
    }
}
