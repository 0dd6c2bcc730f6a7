package io.trailwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.AlarmChangeFormat;
import io.trailwatch.avro.AlarmConfiguration;
import io.trailwatch.avro.AlarmState;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recorded text (an alarm's reason, an event's name) printed on an operator's console: one line per record, no
 * control character, the escapes visible, so that a record cannot forge a line or drive the terminal.
 */
class PrintedTextTest {

    private static final String FORGING_REASON = "x\nalarm: FORGED OK -> ALARM\u001b[2J";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AlarmStateChange change(final String alarmName, final String reason, final List<String> mutedBy) {
        final Instant at = Instant.parse("2026-11-21T10:31:06.120Z");
        return AlarmStateChange.newBuilder()
            .setId("d8bc291f-9830-3df8-8228-fe9a72b23189")
            .setAlarmName(alarmName)
            .setState(new AlarmState(AlarmStateValue.ALARM, reason, null, at))
            .setPreviousState(new AlarmState(AlarmStateValue.OK, "Unchecked: Initial alarm creation", null,
                at.minusSeconds(60)))
            .setConfiguration(AlarmConfiguration.newBuilder().setNamespace("AWS/S3").setMetricName("Deletes")
                .setStatistic("Sum").setPeriod(60).setEvaluationPeriods(1).setThreshold(1.0)
                .setComparisonOperator("GreaterThanOrEqualToThreshold").build())
            .setMutedBy(mutedBy)
            .build();
    }

    /** Any character a terminal acts on, or that moves or reorders what follows. */
    private static void assertSafe(final String printed) {
        assertThat(printed.chars().filter(c -> c < 0x20 || c >= 0x7f && c <= 0x9f || c >= 0x2028 && c <= 0x202e
            || c >= 0x2066 && c <= 0x2069)).as(printed).isEmpty();
    }

    @Test
    void aReasonCannotForgeAnAlarmLine() {
        final String line = AlarmChangeFormat.line(change("S3BucketDeleted", FORGING_REASON, List.of()));

        assertThat(line).isEqualTo("2026-11-21T10:31:06.120Z  S3BucketDeleted  OK -> ALARM  "
            + "x\\nalarm: FORGED OK -> ALARM\\u001b[2J");
        assertThat(("alarm: " + line).lines()).hasSize(1);
        assertSafe(line);
    }

    @Test
    void everyTextOfTheChangeIsEscaped() {
        final String line = AlarmChangeFormat.line(change("Name\u001b]0;pwned\u0007\u202e",
            "ok", List.of("mute\r\nalarm: other", "rule\u009b2J")));

        assertThat(line).contains("Name\\u001b]0;pwned\\u0007\\u202e  OK -> ALARM  ok")
            .endsWith("[muted by mute\\r\\nalarm: other, rule\\u009b2J]");
        assertSafe(line);
    }

    @Test
    void ordinaryTextIsPrintedAsItIs() {
        final String reason = "Threshold Crossed: 1 datapoint [1.0 (21/11/26 10:30:00)] for café-日本-🚨";

        assertThat(AlarmChangeFormat.line(change("Größe", reason, List.of()))).endsWith("Größe  OK -> ALARM  " + reason);
    }

    @Test
    void tailPrintsOneEscapedLineAndJsonThatKeepsTheText() throws Exception {
        final AlarmStateChange change = change("S3BucketDeleted", FORGING_REASON, List.of());

        final String text = TailCommand.Alarms.render(change, TailCommand.Output.text);
        assertThat(text.lines()).hasSize(1);
        assertThat(text).endsWith("x\\nalarm: FORGED OK -> ALARM\\u001b[2J");
        assertSafe(text);

        final String json = TailCommand.Alarms.render(change, TailCommand.Output.json);
        assertThat(json.lines()).hasSize(1);
        assertSafe(json);
        assertThat(JSON.readTree(json).at("/state/reason").asText()).isEqualTo(FORGING_REASON);
    }

    @Test
    void eventsTableEscapesEveryCell() throws Exception {
        final JsonNode answer = JSON.readTree("""
            {"Events": [{"EventId": "id-\\u001b[31m", "EventName": "\\u001b[2J\\u001b[HDeleteBucket\\nforged | row",
              "EventTime": "2026-11-21T10:00:00Z", "Username": "bob\\u202e", "EventSource": "s3.amazonaws.com\\u0007",
              "ReadOnly": "false", "Resources": [{"ResourceName": "bucket\\r"}]}],
             "NextToken": "tok\\u001b"}""");
        final StringWriter out = new StringWriter();

        EventsTable.print(answer, new PrintWriter(out));

        final String printed = out.toString();
        final List<String> lines = printed.lines().toList();
        assertThat(lines).hasSize(9); // title rule, title, rule, header, rule, the one row, rule, count, NextToken
        lines.forEach(PrintedTextTest::assertSafe);
        final String row = lines.get(5);
        assertThat(row).contains("| \\u001b[2J\\u001b[HDeleteBucket\\nforged | row |", "| bob\\u202e ",
            "| s3.amazonaws.com\\u0007 |", "| bucket\\r ", "| id-\\u001b[31m |");
        assertThat(row).hasSameSizeAs(lines.get(4)); // the escaped text is what the columns were measured by
        assertThat(lines.get(8)).isEqualTo("NextToken: tok\\u001b");
    }
}
