package io.trailwatch.processors.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleDefinitionTest {

    private static DefinitionEntry put(final String json) {
        return RuleDefinition.TYPE.entry(json);
    }

    @Test
    void acceptsThePatternAsTextOrAsAnObjectAndDefaultsToEnabled() {
        final DefinitionEntry text = put("""
            {"Name": "Root", "EventPattern": "{\\"detail\\":{\\"userIdentity\\":{\\"type\\":[\\"Root\\"]}}}",
             "TargetTopic": "security"}""");
        final DefinitionEntry object = put("""
            {"name": "Root", "eventPattern": {"detail": {"userIdentity": {"type": ["Root"]}}}, "targetTopic": "security"}""");

        assertThat(object.definitionJson()).isEqualTo(text.definitionJson());
        final RuleDefinition rule = RuleDefinition.TYPE.fromJson(text.definitionJson());
        assertThat(rule.eventPattern()).isEqualTo("{\"detail\":{\"userIdentity\":{\"type\":[\"Root\"]}}}");
        assertThat(rule.enabled()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        {"detail": {"eventName": "DeleteBucket"}}           | "eventName" must be an object or an array
        {"detail": {"size": [{"numeric": [">", "ten"]}]}}  | Value of > must be numeric
        {}                                                 | Empty objects are not allowed
        [1, 2]                                             | Filter is not an object
        {"detail": {"eventName": [{"prefix": 3}]}}         | prefix match pattern must be a string
        {"detail":                                         | Unexpected end-of-input
        """)
    void aPatternTheEngineRejectsIsReportedWithTheEnginesReason(final String pattern, final String reason) {
        assertThatThrownBy(() -> put("{\"Name\": \"r\", \"TargetTopic\": \"t\", \"EventPattern\": "
            + Definitions.MAPPER.valueToTree(pattern) + "}"))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                assertThat(e.field()).isEqualTo("(definition).EventPattern");
                assertThat(e.reason()).startsWith("InvalidEventPatternException: ").contains(reason);
            });
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
        Name        | {"Name": "has space", "TargetTopic": "t", "EventPattern": {"a": ["b"]}}              | letters, digits and . - _
        Name        | {"TargetTopic": "t", "EventPattern": {"a": ["b"]}}                                   | is required
        TargetTopic | {"Name": "r", "TargetTopic": "bad/topic", "EventPattern": {"a": ["b"]}}              | not a legal Kafka topic name
        TargetTopic | {"Name": "r", "TargetTopic": "trailwatch.alarms", "EventPattern": {"a": ["b"]}}      | may not write to it
        TargetTopic | {"Name": "r", "TargetTopic": "trailwatch.audit", "EventPattern": {"a": ["b"]}}       | may not write to it
        TargetTopic | {"Name": "r", "TargetTopic": "__consumer_offsets", "EventPattern": {"a": ["b"]}}     | may not write to it
        TargetTopic | {"Name": "r", "TargetTopic": "_schemas", "EventPattern": {"a": ["b"]}}               | may not write to it
        EventPattern| {"Name": "r", "TargetTopic": "t"}                                                    | is required
        State       | {"Name": "r", "TargetTopic": "t", "EventPattern": {"a": ["b"]}, "State": "PAUSED"}   | PAUSED
        """)
    void otherFieldsAreValidatedAsPutRuleDoes(final String field, final String json, final String reason) {
        assertThatThrownBy(() -> put(json))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                assertThat(e.field()).isEqualTo("(definition)." + field);
                assertThat(e.reason()).contains(reason);
            });
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
        Targets.1.Topic | [{"Id": "a", "Topic": "trailwatch.audit"}]                   | may not write to it
        Targets.1.Id    | [{"Id": "a b", "Topic": "t"}]                                | letters, digits
        Targets.2.Id    | [{"Id": "a", "Topic": "t"}, {"Id": "a", "Topic": "u"}]       | given twice
        Targets.1.Id    | [{"Id": "TargetTopic", "Topic": "t"}]                        | given twice
        """)
    void targetsAreValidatedAsPutTargetsDoes(final String field, final String targets, final String reason) {
        assertThatThrownBy(() -> put("{\"Name\": \"r\", \"TargetTopic\": \"t\", \"EventPattern\": {\"a\": [\"b\"]}, "
            + "\"Targets\": " + targets + "}"))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                assertThat(e.field()).isEqualTo("(definition)." + field);
                assertThat(e.reason()).contains(reason);
            });
    }

    @Test
    void aRuleHasAtMostFiveTargetsItsTargetTopicIncluded() {
        final String five = String.join(", ", List.of("a", "b", "c", "d", "e").stream()
            .map(id -> "{\"Id\": \"" + id + "\", \"Topic\": \"t\"}").toList());

        assertThatThrownBy(() -> put("{\"Name\": \"r\", \"TargetTopic\": \"t\", \"EventPattern\": {\"a\": [\"b\"]}, "
            + "\"Targets\": [" + five + "]}")).hasMessageContaining("at most 5 targets, this one would have 6");
    }

    @Test
    void aRuleHasNoTargetUntilOneIsAddedAsWithPutRule() {
        final RuleDefinition rule = RuleDefinition.TYPE.fromJson(put(
            "{\"Name\": \"r\", \"EventPattern\": {\"a\": [\"b\"]}}").definitionJson());

        assertThat(rule.allTargets()).isEmpty();
    }

    @Test
    void theTargetTopicOfARuleWrittenBeforeTargetsIsItsFirstTargetAndPutTargetsReplacesTargetsById() {
        final RuleDefinition old = RuleDefinition.TYPE.fromJson("""
            {"Name": "r", "EventPattern": "{\\"a\\":[\\"b\\"]}", "TargetTopic": "t", "State": "ENABLED",
             "Description": null}""").validate();

        assertThat(old.allTargets()).containsExactly(new RuleTarget(RuleDefinition.TARGET_TOPIC_ID, "t"));
        final RuleDefinition changed = old.plusTargets(List.of(new RuleTarget("x", "u"),
            new RuleTarget(RuleDefinition.TARGET_TOPIC_ID, "v")));
        assertThat(changed.targetTopic()).isNull();
        assertThat(changed.allTargets()).containsExactly(new RuleTarget(RuleDefinition.TARGET_TOPIC_ID, "v"),
            new RuleTarget("x", "u"));
        final RuleDefinition stored = RuleDefinition.TYPE.fromJson(RuleDefinition.TYPE.request(
            Definitions.MAPPER.valueToTree(changed.minusTargets(Set.of("x")))).definitionJson());
        assertThat(stored.allTargets()).containsExactly(new RuleTarget(RuleDefinition.TARGET_TOPIC_ID, "v"));
    }

    @Test
    void aPatternLongerThan4096CharactersIsRejected() {
        final String values = "\"v\",".repeat(1100);
        assertThatThrownBy(() -> put("{\"Name\": \"r\", \"TargetTopic\": \"t\", \"EventPattern\": {\"a\": ["
            + values + "\"v\"]}}")).hasMessageContaining("at most 4096 characters");
    }
}
