package io.trailwatch.app.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardBodyValidatorTest {

    /**
     * The example of "Overall Structure" in CloudWatch's "Dashboard Body Structure and Syntax",
     * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html,
     * unchanged.
     */
    static String awsDocumentationExample() throws IOException {
        try (InputStream in = DashboardBodyValidatorTest.class.getResourceAsStream(
            "/dashboards/aws-doc-overall-structure.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> problems(final String body) {
        return DashboardBodyValidator.validate(body).stream().map(DashboardValidationMessage::toString).toList();
    }

    @Test
    void theBodyOfAwsDocumentationIsTaken() throws IOException {
        assertThat(problems(awsDocumentationExample())).isEmpty();
    }

    @Test
    void everyWidgetTypeWithItsPropertiesIsTaken() {
        assertThat(problems("""
            {"start":"-P7D","periodOverride":"auto","widgets":[
             {"type":"metric","x":0,"y":0,"width":24,"height":6,"properties":{"region":"us-east-1","view":"timeSeries",
              "stacked":true,"period":60,"stat":"Sum","metrics":[["App","Errors","Host","a"],["...","b"],
              [".",".",".","c",{"label":"c","color":"#ff0000","yAxis":"right"}],[{"expression":"m1+m2","id":"e1"}]]}},
             {"type":"metric","x":0,"y":6,"properties":{"region":"us-east-1","view":"gauge","metrics":[["App","Cpu"]],
              "yAxis":{"left":{"min":0,"max":100}}}},
             {"type":"metric","x":6,"y":6,"properties":{"region":"us-east-1","view":"singleValue","metrics":[["App","Cpu"]]}},
             {"type":"text","properties":{"markdown":"# Hi","background":"transparent"}},
             {"type":"alarm","properties":{"alarms":["arn:aws:cloudwatch:us-east-1:123456789012:alarm:High"],
              "sortBy":"stateUpdatedTimestamp","states":["ALARM","OK"]}},
             {"type":"log","properties":{"query":"SOURCE 'app' | fields @message","region":"us-east-1","view":"table"}}
            ]}""")).isEmpty();
        assertThat(problems("{\"start\":\"2026-01-01T00:00:00Z\",\"end\":\"2026-01-02T00:00:00Z\",\"widgets\":[]}"))
            .isEmpty();
    }

    @Test
    void everyProblemIsNamedAtItsPath() {
        assertThat(problems("""
            {"start":"yesterday","periodOverride":"never","widgets":[
             {"type":"metric","x":24,"width":25,"height":0,"properties":{"view":"line","period":45,
              "metrics":[[".","Cpu"],["App"],["App","Cpu",7]]}},
             {"type":"chart","properties":{}},
             {"type":"text","properties":{}},
             {"type":"alarm","properties":{"alarms":["High"]}},
             {"type":"log","properties":{"query":"fields @message"}},
             {"type":"metric","properties":{"region":"r","view":"gauge","metrics":[["A","B"]]}},
             {"type":"text"}
            ]}""")).containsExactly(
            "/start: Should be an ISO 8601 duration before now (such as -PT3H or -P7D) or an ISO 8601 timestamp",
            "/periodOverride: Should be equal to one of the allowed values: auto, inherit",
            "/widgets/0/x: Should be <= 23",
            "/widgets/0/width: Should be <= 24",
            "/widgets/0/height: Should be >= 1",
            "/widgets/0/properties: Should have required property 'region'",
            "/widgets/0/properties/view: Should be equal to one of the allowed values: bar, gauge, pie, singleValue, "
                + "timeSeries",
            "/widgets/0/properties/period: Should be 1, 5, 10, 30 or a multiple of 60 seconds",
            "/widgets/0/properties/metrics/0: Cannot use \".\" or \"...\" in the first metric: there is no previous "
                + "metric to repeat",
            "/widgets/0/properties/metrics/1: Should be a namespace, a metric name and dimension name and value pairs",
            "/widgets/0/properties/metrics/2/2: Should be string or object",
            "/widgets/1/type: Should be equal to one of the allowed values: alarm, custom, explorer, log, metric, text",
            "/widgets/2/properties: Should have required property 'markdown'",
            "/widgets/3/properties/alarms/0: Should be an alarm ARN (arn:aws:cloudwatch:<region>:<account>:alarm:<name>)",
            "/widgets/4/properties: Should have required property 'region'",
            "/widgets/5/properties/yAxis/left: A gauge needs a range: yAxis.left.min and yAxis.left.max are required",
            "/widgets/6: Should have required property 'properties'");
    }

    @Test
    void theBodyAsAWholeIsChecked() {
        assertThat(problems("{\"widgets\":")).singleElement().asString().startsWith("(body): The dashboard body is "
            + "not valid JSON");
        assertThat(problems("[]")).containsExactly("(body): Should be object");
        assertThat(problems("{}")).containsExactly("(body): Should have required property 'widgets'");
        assertThat(problems("{\"widgets\":[],\"end\":\"2026-01-01T00:00:00Z\"}"))
            .containsExactly("/end: Can only be used with an absolute start");
        final String tooMany = "{\"widgets\":[" + "{\"type\":\"text\",\"properties\":{\"markdown\":\"x\"}},".repeat(500)
            + "{\"type\":\"text\",\"properties\":{\"markdown\":\"x\"}}]}";
        assertThat(problems(tooMany)).containsExactly("/widgets: Should NOT have more than 500 items");
        final String tooLarge = "{\"widgets\":[{\"type\":\"text\",\"properties\":{\"markdown\":\""
            + "x".repeat(DashboardBodyValidator.MAX_BODY_BYTES) + "\"}}]}";
        assertThat(problems(tooLarge)).singleElement().asString().contains("more than the 1048576 allowed");
    }
}
