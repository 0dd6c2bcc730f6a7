package io.trailwatch.app.definitions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.rules.RuleDefinition;

/**
 * Rules in the JSON of EventBridge's API (DescribeRule, ListRules): PascalCase; the {@code /v1} API's adds the rule's
 * TargetTopic.
 */
public final class RuleJson {

    private final String arnPrefix;

    /** ARNs as EventBridge forms them for the default bus: arn:aws:events:REGION:ACCOUNT:rule/NAME. */
    public RuleJson(final String account, final String region) {
        this.arnPrefix = "arn:aws:events:" + region + ":" + account + ":rule/";
    }

    public static RuleDefinition definition(final ConfigEntry entry) {
        return RuleDefinition.TYPE.fromJson(entry.getDefinition());
    }

    public String arn(final String name) {
        return arnPrefix + name;
    }

    /** DescribeRule's answer (and a rule of ListRules'). */
    public ObjectNode describe(final RuleDefinition rule) {
        final ObjectNode node = Definitions.MAPPER.createObjectNode();
        node.put("Name", rule.name());
        node.put("Arn", arn(rule.name()));
        if (rule.eventPattern() != null) {
            node.put("EventPattern", rule.eventPattern());
        }
        if (rule.scheduleExpression() != null) {
            node.put("ScheduleExpression", rule.scheduleExpression());
        }
        node.put("State", rule.state().name());
        if (rule.description() != null) {
            node.put("Description", rule.description());
        }
        node.put("EventBusName", "default");
        return node;
    }

    /** The {@code /v1} API's: DescribeRule's, with the rule's {@code TargetTopic} when it has one. */
    ObjectNode describeWithTargetTopic(final RuleDefinition rule) {
        final ObjectNode node = describe(rule);
        if (rule.targetTopic() != null) {
            node.put("TargetTopic", rule.targetTopic());
        }
        return node;
    }
}
