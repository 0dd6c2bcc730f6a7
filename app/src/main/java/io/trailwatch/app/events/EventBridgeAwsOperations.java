package io.trailwatch.app.events;

import static io.trailwatch.identity.AwsService.EVENTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.aws.AwsApis;
import io.trailwatch.app.aws.AwsOperations;
import io.trailwatch.app.definitions.RuleJson;
import io.trailwatch.app.definitions.Rules;
import io.trailwatch.aws.AwsError;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.aws.AwsOperation;
import io.trailwatch.processors.notify.NotificationTopicArns;
import io.trailwatch.processors.rules.RuleDefinition;
import io.trailwatch.processors.rules.RuleTarget;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * EventBridge's rule and event operations in AWS's protocol, on the default event bus: PutRule, DescribeRule,
 * ListRules, DeleteRule, EnableRule, DisableRule, PutTargets, ListTargetsByRule, RemoveTargets (the {@link Rules}
 * the {@code /v1/rules} routes call) and PutEvents ({@link CustomEvents}). Targets are Kafka topics, named by the
 * ARNs of {@link KafkaTargetArns}; a schedule expression is refused (no scheduler).
 */
public final class EventBridgeAwsOperations implements AwsOperations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE_TYPE = "AWS::Events::Rule";

    private final Rules rules;
    private final RuleJson json;
    private final KafkaTargetArns targetArns;
    private final NotificationTopicArns notificationTopics;
    private final CustomEvents events;
    private final DefaultEventBus bus;

    public EventBridgeAwsOperations(final Rules rules, final RuleJson json, final KafkaTargetArns targetArns,
                                    final NotificationTopicArns notificationTopics, final CustomEvents events,
                                    final DefaultEventBus bus) {
        this.rules = rules;
        this.json = json;
        this.targetArns = targetArns;
        this.notificationTopics = notificationTopics;
        this.events = events;
        this.bus = bus;
    }

    @Override
    public void addTo(final AwsApis apis) {
        apis.eventBridge()
            .operation(EVENTS.write("PutRule"), rule("Name"), this::putRule)
            .operation(EVENTS.read("DescribeRule"), rule("Name"),
                input -> json.describe(rules.existing(ruleName(input, "Name"))))
            .operation(EVENTS.read("ListRules"), this::listRules)
            .operation(EVENTS.write("DeleteRule"), rule("Name"), input -> {
                rules.delete(ruleName(input, "Name"), AwsInput.of(input).bool("Force").orElse(false));
                return null;
            })
            .operation(EVENTS.write("EnableRule"), rule("Name"), input -> setState(input,
                RuleDefinition.State.ENABLED))
            .operation(EVENTS.write("DisableRule"), rule("Name"), input -> setState(input,
                RuleDefinition.State.DISABLED))
            .operation(EVENTS.write("PutTargets"), rule("Rule"), this::putTargets)
            .operation(EVENTS.read("ListTargetsByRule"), rule("Rule"), this::listTargets)
            .operation(EVENTS.write("RemoveTargets"), rule("Rule"), this::removeTargets)
            .operation(EVENTS.data("PutEvents"), input -> events.put(AwsInput.of(input), Instant.now()));
    }

    private Function<ObjectNode, Optional<AwsOperation.Resource>> rule(final String member) {
        return input -> Optional.ofNullable(input.path(member).textValue())
            .map(name -> new AwsOperation.Resource(json.arn(name), RULE_TYPE));
    }

    /** The rule a call names, on the default bus (the only one). */
    private String ruleName(final JsonNode request, final String member) {
        final AwsInput input = AwsInput.of(request);
        requireDefaultBus(input);
        return input.requiredText(member);
    }

    private void requireDefaultBus(final AwsInput input) {
        input.text("EventBusName").filter(name -> !bus.isNamed(name)).ifPresent(name -> {
            throw AwsError.of("ResourceNotFoundException", 400, "Event bus " + name + " does not exist.");
        });
    }

    private JsonNode putRule(final JsonNode request) {
        final AwsInput input = AwsInput.of(request);
        final String name = ruleName(request, "Name");
        if (input.has("ScheduleExpression")) {
            throw new InvalidRecordException("ScheduleExpression", "scheduled rules are not supported by "
                + "Trailwatch; give an EventPattern");
        }
        if (!input.has("EventPattern")) {
            throw new InvalidRecordException("EventPattern", "Parameter(s) EventPattern or ScheduleExpression must "
                + "be specified.");
        }
        final RuleDefinition.State state = input.text("State").map(EventBridgeAwsOperations::state)
            .orElse(RuleDefinition.State.ENABLED);
        final RuleDefinition rule = new RuleDefinition(name, input.requiredText("EventPattern"), null, List.of(),
            state, input.text("Description").orElse(null));
        try {
            rules.putKeepingTargets(rule);
        } catch (final InvalidRecordException e) {
            if ("EventPattern".equals(e.field())) {
                throw AwsError.of("InvalidEventPatternException", 400, "Event pattern is not valid. Reason: "
                    + e.reason());
            }
            throw e;
        }
        return JSON.createObjectNode().put("RuleArn", json.arn(name));
    }

    private static RuleDefinition.State state(final String state) {
        try {
            return RuleDefinition.State.valueOf(state);
        } catch (final IllegalArgumentException e) {
            throw new InvalidRecordException("State", "must be ENABLED or DISABLED, was '" + state + "'");
        }
    }

    private JsonNode listRules(final JsonNode request) {
        final AwsInput input = AwsInput.of(request);
        requireDefaultBus(input);
        final Pages.Page<RuleDefinition> page = Pages.of(rules.list(input.text("NamePrefix").orElse(null)),
            RuleDefinition::name, input);
        final ObjectNode answer = JSON.createObjectNode();
        final ArrayNode list = answer.putArray("Rules");
        page.items().forEach(rule -> list.add(json.describe(rule)));
        page.nextToken().ifPresent(token -> answer.put("NextToken", token));
        return answer;
    }

    private JsonNode setState(final JsonNode request, final RuleDefinition.State state) {
        rules.update(ruleName(request, "Name"), rule -> rule.withState(state));
        return null;
    }

    /**
     * Adds the targets that are Kafka topics a rule may write to or notification topics (SNS targets, whose
     * confirmed subscriptions each get the event); any other is answered in {@code FailedEntries},
     * as EventBridge answers a target it cannot add. More than {@value RuleDefinition#MAX_TARGETS} targets in all
     * refuses the call.
     */
    private JsonNode putTargets(final JsonNode request) {
        final AwsInput input = AwsInput.of(request);
        final String name = ruleName(request, "Rule");
        final List<JsonNode> targets = nonEmpty(input, "Targets");
        final List<RuleTarget> accepted = new ArrayList<>();
        final ObjectNode answer = JSON.createObjectNode();
        final ArrayNode failed = answer.putArray("FailedEntries");
        for (int i = 0; i < targets.size(); i++) {
            final AwsInput target = AwsInput.of(targets.get(i));
            final String id = target.requiredText("Id");
            final String arn = target.requiredText("Arn");
            final Optional<String> topic = targetArns.topic(arn);
            final Optional<String> notificationTopic = notificationTopics.topicName(arn);
            try {
                for (final String unsupported : List.of("Input", "InputPath", "InputTransformer", "RetryPolicy",
                    "DeadLetterConfig", "RoleArn")) {
                    if (target.has(unsupported)) {
                        // refused, not ignored: the event would otherwise arrive other than the caller asked
                        throw new InvalidRecordException(unsupported, "is not supported by Trailwatch's targets");
                    }
                }
                accepted.add((notificationTopic.isPresent() ? RuleTarget.toNotificationTopic(id, notificationTopic.get())
                    : new RuleTarget(id, topic.orElseThrow(() -> new InvalidRecordException("Arn",
                    "Trailwatch delivers to its Kafka topics, named " + targetArns.form() + ", and its notification "
                        + "topics, " + notificationTopics.topic("<topic>") + ", not " + arn))))
                    .validate("Targets." + (i + 1)));
            } catch (final InvalidRecordException refused) {
                failed.addObject().put("TargetId", id).put("ErrorCode", "ValidationException")
                    .put("ErrorMessage", "Parameter " + refused.field() + " is not valid. Reason: "
                        + refused.reason());
            }
        }
        rules.update(name, rule -> {
            if (accepted.isEmpty()) {
                return rule;
            }
            final RuleDefinition changed = rule.plusTargets(accepted);
            if (changed.allTargets().size() > RuleDefinition.MAX_TARGETS) {
                throw AwsError.of("LimitExceededException", 400, "The requested resource exceeds the maximum "
                    + "number allowed: a rule has at most " + RuleDefinition.MAX_TARGETS + " targets.");
            }
            return changed;
        });
        answer.put("FailedEntryCount", failed.size());
        return answer;
    }

    private JsonNode listTargets(final JsonNode request) {
        final Pages.Page<RuleTarget> page = Pages.of(rules.existing(ruleName(request, "Rule")).allTargets(),
            RuleTarget::id, AwsInput.of(request));
        final ObjectNode answer = JSON.createObjectNode();
        final ArrayNode list = answer.putArray("Targets");
        page.items().forEach(target -> list.addObject().put("Id", target.id())
            .put("Arn", target.notificationTopic() != null ? notificationTopics.topic(target.notificationTopic())
                : targetArns.arn(target.topic())));
        page.nextToken().ifPresent(token -> answer.put("NextToken", token));
        return answer;
    }

    /** Removes the targets of these ids; an id the rule does not have is not an error, as in EventBridge. */
    private JsonNode removeTargets(final JsonNode request) {
        final AwsInput input = AwsInput.of(request);
        final String name = ruleName(request, "Rule");
        nonEmpty(input, "Ids");
        final Set<String> ids = new LinkedHashSet<>(input.texts("Ids"));
        rules.update(name, rule -> rule.minusTargets(ids));
        final ObjectNode answer = JSON.createObjectNode().put("FailedEntryCount", 0);
        answer.putArray("FailedEntries");
        return answer;
    }

    /** A list member of 1 to {@value Pages#MAX_LIMIT} elements, as PutTargets' and RemoveTargets' are. */
    private static List<JsonNode> nonEmpty(final AwsInput input, final String member) {
        final List<JsonNode> elements = input.list(member);
        if (elements.isEmpty() || elements.size() > Pages.MAX_LIMIT) {
            throw new InvalidRecordException(member, "must have 1 to " + Pages.MAX_LIMIT + " members, had "
                + elements.size());
        }
        return elements;
    }
}
