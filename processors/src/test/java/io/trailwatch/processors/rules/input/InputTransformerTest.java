package io.trailwatch.processors.rules.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.processors.rules.RuleTarget;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Input transformation against the examples of EventBridge's documentation: the EC2 event, paths and templates of
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html ("Input transform
 * examples") and of the API reference's InputTransformer
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_InputTransformer.html).
 */
class InputTransformerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT = """
        {"version": "0", "id": "7bf73129-1428-4cd3-a780-95db273d1602",
         "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2", "account": "123456789012",
         "time": "2015-11-11T21:29:54Z", "region": "us-east-1",
         "resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
         "detail": {"instance-id": "i-0123456789", "state": "RUNNING"}}""";
    private static final Map<String, String> PATHS = Map.of("instance", "$.detail.instance-id",
        "state", "$.detail.state");
    private static final InputTransformer.Context RULE = new InputTransformer.Context("ec2-states",
        "arn:aws:events:us-east-1:123456789012:rule/ec2-states", "2015-11-11T21:29:55Z");

    private static String transform(final Map<String, String> paths, final String template) throws Exception {
        return new InputTransformer(paths, template).validate("Targets.1.InputTransformer")
            .apply(JSON.readTree(EVENT), RULE);
    }

    @Test
    void aStringTemplateTakesTheValuesAsText() throws Exception {
        assertThat(transform(PATHS, "instance <instance> is in <state>"))
            .isEqualTo("instance i-0123456789 is in RUNNING");
    }

    @Test
    void aQuotedStringTemplateIsAJsonString() throws Exception {
        assertThat(transform(PATHS, "\"instance <instance> is in <state>\""))
            .isEqualTo("\"instance i-0123456789 is in RUNNING\"");
    }

    @Test
    void aJsonTemplateTakesValuesOutsideQuotesAsJsonAndInsideAsText() throws Exception {
        assertThat(transform(PATHS, "{\"instance\" : <instance>, \"state\": <state>}"))
            .isEqualTo("{\"instance\" : \"i-0123456789\", \"state\": \"RUNNING\"}");
        assertThat(transform(PATHS, "{\"instance\" : \"<instance>\", \"state\": \"<state>\"}"))
            .isEqualTo("{\"instance\" : \"i-0123456789\", \"state\": \"RUNNING\"}");
    }

    @Test
    void theApiReferencesTemplateWithEscapedQuotesStaysJson() throws Exception {
        final String out = transform(Map.of("instance", "$.detail.instance-id", "status", "$.detail.state"),
            "{\"myInstance\": <instance>,\"myStatus\": \"<instance> is in state \\\"<status>\\\"\"}");

        assertThat(out).isEqualTo("{\"myInstance\": \"i-0123456789\",\"myStatus\": \"i-0123456789 is in state "
            + "\\\"RUNNING\\\"\"}");
        assertThat(JSON.readTree(out).path("myStatus").asText()).isEqualTo("i-0123456789 is in state \"RUNNING\"");
    }

    @Test
    void predefinedVariablesNeedNoPath() throws Exception {
        final JsonNode out = JSON.readTree(transform(Map.of(), "{\"rule\": <aws.events.rule-name>, \"arn\": "
            + "\"<aws.events.rule-arn>\", \"at\": <aws.events.event.ingestion-time>, \"original\": "
            + "<aws.events.event.json>, \"header\": <aws.events.event>}"));

        assertThat(out.path("rule").asText()).isEqualTo("ec2-states");
        assertThat(out.path("arn").asText()).isEqualTo("arn:aws:events:us-east-1:123456789012:rule/ec2-states");
        assertThat(out.path("at").asText()).isEqualTo("2015-11-11T21:29:55Z");
        assertThat(out.path("original")).isEqualTo(JSON.readTree(EVENT));
        assertThat(out.path("header").has("detail")).isFalse();
        assertThat(out.path("header").path("source").asText()).isEqualTo("aws.ec2");
    }

    @Test
    void objectsNumbersAndMissingValuesKeepTheirJsonAndAStrayAngleBracketStays() throws Exception {
        assertThat(transform(Map.of("detail", "$.detail", "resource", "$.resources[0]", "gone", "$.detail.nope"),
            "{\"d\": <detail>, \"r\": \"<resource>\", \"g\": <gone>, \"cmp\": \"a <b> c\"}"))
            .isEqualTo("{\"d\": {\"instance-id\":\"i-0123456789\",\"state\":\"RUNNING\"}, \"r\": "
                + "\"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111\", \"g\": null, \"cmp\": \"a <b> c\"}");
    }

    @Test
    void inputAndInputPathGiveTheFixedTextOrThePartSelected() throws Exception {
        final JsonNode event = JSON.readTree(EVENT);
        assertThat(RuleTarget.toApiDestination("a", "d").withInput("{\"fixed\": true}", null, null)
            .validate("Targets.1").inputFor(event, RULE)).isEqualTo("{\"fixed\": true}");
        assertThat(RuleTarget.toApiDestination("a", "d").withInput(null, "$.detail", null)
            .validate("Targets.1").inputFor(event, RULE)).isEqualTo("{\"instance-id\":\"i-0123456789\","
            + "\"state\":\"RUNNING\"}");
        assertThat(RuleTarget.toApiDestination("a", "d").inputFor(event, RULE)).isEqualTo(event.toString());
    }

    @Test
    void putTargetsRefusesWhatEventBridgeRefuses() {
        assertThatThrownBy(() -> RuleTarget.toApiDestination("a", "d").withInput("{}", "$.detail", null)
            .validate("Targets.1")).isInstanceOf(InvalidRecordException.class)
            .hasMessageContaining("Only one of Input, InputPath, or InputTransformer must be provided.");
        assertThatThrownBy(() -> RuleTarget.toApiDestination("a", "d").withInput("{not json", null, null)
            .validate("Targets.1")).isInstanceOfSatisfying(InvalidRecordException.class, e ->
                assertThat(e.field()).isEqualTo("Targets.1.Input"));
        assertThatThrownBy(() -> RuleTarget.toApiDestination("a", "d").withInput(null, "detail.state", null)
            .validate("Targets.1")).isInstanceOfSatisfying(InvalidRecordException.class, e ->
                assertThat(e.field()).isEqualTo("Targets.1.InputPath"));
        assertThatThrownBy(() -> new InputTransformer(PATHS, "{<instance>: 1}").validate("Targets.1.InputTransformer"))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                assertThat(e.field()).isEqualTo("Targets.1.InputTransformer.InputTemplate");
                assertThat(e.reason()).contains("object key");
            });
        assertThatThrownBy(() -> new InputTransformer(Map.of("aws.events.rule-name", "$.x"), "<x>")
            .validate("T")).isInstanceOfSatisfying(InvalidRecordException.class, e ->
                assertThat(e.field()).isEqualTo("T.InputPathsMap"));
        assertThatThrownBy(() -> new InputTransformer(Map.of("x", "$['x']"), "<x>").validate("T"))
            .isInstanceOfSatisfying(InvalidRecordException.class, e ->
                assertThat(e.field()).isEqualTo("T.InputPathsMap.x"));
    }

    @Test
    void wildcardsAndIndicesSelectAsEventBridgesPathsDo() throws Exception {
        final JsonNode event = JSON.readTree("{\"detail\": {\"items\": [{\"n\": 1}, {\"n\": 2}]}}");
        assertThat(JsonPaths.read(event, "$.detail.items[1].n").asInt()).isEqualTo(2);
        assertThat(JsonPaths.read(event, "$.detail.items[*].n").toString()).isEqualTo("[1,2]");
        assertThat(JsonPaths.read(event, "$.detail.items.*.n").toString()).isEqualTo("[1,2]");
        assertThat(JsonPaths.read(event, "$")).isEqualTo(event);
        assertThat(JsonPaths.read(event, "$.detail.none")).isNull();
    }
}
