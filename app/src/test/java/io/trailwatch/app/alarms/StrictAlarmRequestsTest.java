package io.trailwatch.app.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.trailwatch.app.definitions.DefinitionStore;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.InMemoryConfigStore;
import io.trailwatch.app.http.InProcessApi;
import io.trailwatch.processors.alarm.CompositeAlarmDefinition;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.processors.config.Definitions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The alarm and mute-rule routes read their requests strictly: JSON types, unknown fields and query parameters,
 * duplicate keys, trailing text and page tokens this API did not return are a 400 naming what is wrong. Served
 * in-process over an in-memory config store: every request here is answered before anything is written.
 */
class StrictAlarmRequestsTest {

    private static final String ALARM = "{\"Namespace\": \"App\", \"MetricName\": \"CPUUtilization\", "
        + "\"Statistic\": \"Average\", \"Period\": 60, \"EvaluationPeriods\": 5, \"Threshold\": 80, "
        + "\"ComparisonOperator\": \"GreaterThanThreshold\"";
    private static InProcessApi api;

    @BeforeAll
    static void start() {
        final InMemoryConfigStore store = new InMemoryConfigStore()
            .put(MetricAlarmDefinition.TYPE.request(Definitions.tree(ALARM
                + ", \"AlarmName\": \"CpuHigh\"}")))
            .put(CompositeAlarmDefinition.TYPE.request(Definitions.tree(
                "{\"AlarmName\": \"ServiceDown\", \"AlarmRule\": \"ALARM(CpuHigh)\"}")));
        final AlarmDefinitionsView definitions = new AlarmDefinitionsView(new DefinitionStore(() -> store, null));
        final AlarmStatesView states = new AlarmStatesView(null);
        api = InProcessApi.start(new AlarmsApi(new AlarmService(definitions, states, null), states,
            new AlarmHistoryReader(null)), new AlarmMuteRulesApi(new AlarmMuteRules(definitions, null)));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static InProcessApi.Answer put(final String path, final String body) {
        return api.send("PUT", path, body);
    }

    private static void assertRejected(final InProcessApi.Answer answer, final String field, final String reason) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.field()).as(answer.text()).isEqualTo(field);
        assertThat(answer.message()).contains(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        "MetricName": 123                       | MetricName          | must be a string
        "EvaluationPeriods": 1.5                | EvaluationPeriods   | must be an integer
        "EvaluationPeriods": 1.0                | EvaluationPeriods   | must be an integer
        "Period": "60"                          | Period              | must be an integer
        "Threshold": null                       | Threshold           | must be a number, was null
        "Threshold": "80"                       | Threshold           | must be a number, was a string
        "Threshold": 1e400                      | Threshold           | must be a finite number
        "Threshold": 3e108                      | Threshold           | -2^360 to 2^360
        "ActionsEnabled": "false"               | ActionsEnabled      | must be a boolean
        "AlarmActions": "arn:aws:sns:x:1:t"     | AlarmActions        | must be a list
        "Dimensions": [{"Name": "Host", "Value": 1}] | Dimensions[0].Value | must be a string
        "Metrics": []                           | Metrics             | is not a field of a metric alarm
        "threshold": 2                          | threshold           | given twice
        """)
    void putMetricAlarmRejectsWhatItWouldHaveCoercedOrIgnored(final String member, final String field,
                                                             final String reason) {
        final String body = member.startsWith("\"Threshold\"") || member.startsWith("\"EvaluationPeriods\"")
            || member.startsWith("\"Period\"") || member.startsWith("\"MetricName\"")
            ? ALARM.replaceFirst("\"" + member.substring(1, member.indexOf('"', 1)) + "\": [^,]+", member) + "}"
            : ALARM + ", " + member + "}";

        assertRejected(put("/v1/alarms/Cpu2", body), field, reason);
    }

    @Test
    void putRejectsDuplicateKeysAndTrailingText() {
        assertRejected(put("/v1/alarms/Cpu2", ALARM + ", \"Threshold\": 90}"), "Threshold", "given twice");
        assertRejected(put("/v1/alarms/Cpu2", ALARM + "} x"), "(body)", "not valid JSON");
        assertRejected(put("/v1/alarms/Cpu2", ALARM + "} {}"), "(body)", "nothing after it");
        assertRejected(put("/v1/alarms/Cpu2", ALARM + ", \"AlarmName\": 7}"), "AlarmName", "must be a string");
    }

    @Test
    void aValidBodyGetsPastValidation() {
        // Valid, but the name is a composite's: rejected for that, which only comes after the body is read.
        assertRejected(put("/v1/alarms/ServiceDown", ALARM + "}"), "AlarmName", "alarm of the other type");
    }

    @Test
    void aCompositeAlarmTakesOnlyPutCompositeAlarmsFields() {
        assertRejected(put("/v1/alarms/Down2", "{\"AlarmRule\": \"ALARM(CpuHigh)\", \"Threshold\": 1}"), "Threshold",
            "is not a field of a composite alarm");
        assertRejected(put("/v1/alarms/Down2", "{\"AlarmRule\": true}"), "AlarmRule", "must be a string");
    }

    @Test
    void setAlarmStateRejectsUnknownFieldsAndWrongTypes() {
        assertRejected(api.send("POST", "/v1/alarms/CpuHigh/state",
            "{\"StateValue\": \"ALARM\", \"StateReason\": \"test\", \"StateReasonDate\": \"{}\"}"), "StateReasonDate",
            "is not a field of a SetAlarmState request");
        assertRejected(api.send("POST", "/v1/alarms/CpuHigh/state", "{\"StateValue\": 1, \"StateReason\": \"t\"}"),
            "StateValue", "must be a string");
        assertRejected(api.send("POST", "/v1/alarms/CpuHigh/state",
            "{\"StateValue\": \"ALARM\", \"StateReason\": \"t\", \"StateReasonData\": \"{\\\"a\\\": 1} x\"}"),
            "StateReasonData", "not valid JSON");
        assertRejected(api.send("POST", "/v1/alarms/CpuHigh/state",
            "{\"StateValue\": \"ALARM\", \"StateReason\": \"t\", \"StateReasonData\": \"{\\\"a\\\": 1, \\\"a\\\": 2}\"}"),
            "StateReasonData.a", "given twice");
        assertRejected(api.send("POST", "/v1/alarms/CpuHigh/state?StateValue=OK",
            "{\"StateValue\": \"ALARM\", \"StateReason\": \"t\"}"), "StateValue", "not a parameter");
        // A valid request for an alarm that does not exist gets past the checks to the 404.
        assertThat(api.send("POST", "/v1/alarms/Nope/state", "{\"stateValue\": \"ALARM\", \"stateReason\": \"t\"}")
            .status()).isEqualTo(404);
    }

    @Test
    void getRoutesRejectUnknownParametersAndUndecodableTokens() {
        assertRejected(api.get("/v1/alarms?alarmNames=CpuHigh"), "alarmNames", "is not a parameter");
        assertRejected(api.get("/v1/alarms?NextToken=garbage"), "NextToken", "cannot be decoded");
        assertRejected(api.get("/v1/alarms/CpuHigh/history?HistoryType=StateUpdate"), "HistoryType",
            "is not a parameter");
        assertRejected(api.get("/v1/alarms/CpuHigh/history?NextToken=" + DescribeAlarmsRequest.tokenAfter("CpuHigh")),
            "NextToken", "cannot be decoded");
        assertRejected(api.get("/v1/internal/alarm-states?all=true"), "all", "takes no query parameters");
        assertRejected(api.get("/v1/alarm-mute-rules?NamePrefix=N"), "NamePrefix", "is not a parameter");
        assertRejected(api.send("DELETE", "/v1/alarms/CpuHigh?force=true", null), "force", "not a parameter");
        assertThat(api.get("/v1/alarm-mute-rules").status()).isEqualTo(200);
        assertThat(api.get("/v1/alarm-mute-rules?&").status()).isEqualTo(200);
    }

    @Test
    void putAlarmMuteRuleReadsItsNestedFieldsStrictly() {
        final String schedule = "\"Rule\": {\"Schedule\": {\"Expression\": \"cron(0 2 * * *)\", \"Duration\": \"PT2H\"%s}}";
        final String targets = "\"MuteTargets\": {\"AlarmNames\": [\"CpuHigh\"]}";

        assertRejected(put("/v1/alarm-mute-rules/Nightly", "{" + schedule.formatted(", \"TimeZone\": \"UTC\", "
            + "\"Timezone\": \"UTC\"") + ", " + targets + "}"), "Rule.Schedule.Timezone", "given twice");
        assertRejected(put("/v1/alarm-mute-rules/Nightly", "{" + schedule.formatted(", \"Zone\": \"UTC\"") + ", "
            + targets + "}"), "Rule.Schedule.Zone", "is not a field");
        assertRejected(put("/v1/alarm-mute-rules/Nightly", "{" + schedule.formatted("") + ", "
            + "\"MuteTargets\": {\"AlarmNames\": \"CpuHigh\"}}"), "MuteTargets.AlarmNames", "must be a list");
        assertRejected(put("/v1/alarm-mute-rules/Nightly", "{" + schedule.formatted("") + ", " + targets
            + ", \"StartDate\": 1767225600}"), "StartDate", "must be a string");
    }

    @Test
    void describeAlarmsTakesItsParametersAndItsOwnTokensOnly() {
        final Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("AlarmNames", List.of("a,b", "c"));
        params.put("AlarmTypes", List.of("CompositeAlarm"));
        params.put("StateValue", List.of("ALARM"));
        params.put("MaxRecords", List.of("10"));
        params.put("NextToken", List.of(DescribeAlarmsRequest.tokenAfter("b")));

        final DescribeAlarmsRequest request = DescribeAlarmsRequest.of(params);

        assertThat(request.alarmNames()).containsExactly("a", "b", "c");
        assertThat(request.alarmTypes()).isEqualTo(Set.of("CompositeAlarm"));
        assertThat(request.maxRecords()).isEqualTo(10);
        assertThat(request.after()).isEqualTo("b");
        assertThat(DescribeAlarmsRequest.of(Map.of()).after()).isNull();
        for (final String token : List.of("garbage", "AAAA", "", "Yg",
            // the position alone, as tokens were before: not decodable now
            Base64.getUrlEncoder().withoutPadding().encodeToString("b".getBytes(StandardCharsets.UTF_8)),
            // another list's token, and a token altered by one character
            DescribeAlarmsRequest.token(DescribeAlarmsRequest.HISTORY_TOKEN, "100"),
            altered(DescribeAlarmsRequest.tokenAfter("CpuHigh")))) {
            final ApiErrors.BadRequest e = catchThrowableOfType(ApiErrors.BadRequest.class,
                () -> DescribeAlarmsRequest.of(Map.of("NextToken", List.of(token))));
            assertThat(e).as(token).isNotNull();
            assertThat(e.field()).isEqualTo("NextToken");
        }
    }

    private static String altered(final String token) {
        return token.substring(0, 2) + (token.charAt(2) == 'A' ? 'B' : 'A') + token.substring(3);
    }

    @Test
    void describeAlarmHistoryResumesOnlyFromItsOwnTokens() {
        assertThat(AlarmHistoryReader.offset(null)).isZero();
        assertThat(AlarmHistoryReader.offset(DescribeAlarmsRequest.token(DescribeAlarmsRequest.HISTORY_TOKEN, "100")))
            .isEqualTo(100);
        for (final String token : List.of("garbage", DescribeAlarmsRequest.tokenAfter("100"),
            DescribeAlarmsRequest.token(DescribeAlarmsRequest.HISTORY_TOKEN, "-5"),
            DescribeAlarmsRequest.token(DescribeAlarmsRequest.HISTORY_TOKEN, "x"))) {
            assertThat(catchThrowableOfType(ApiErrors.BadRequest.class, () -> AlarmHistoryReader.offset(token)).field())
                .as(token).isEqualTo("NextToken");
        }
    }
}
