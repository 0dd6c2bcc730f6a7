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
import io.trailwatch.processors.rules.TargetRetryPolicy;
import io.trailwatch.processors.rules.input.InputTransformer;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * ARNs of {@link KafkaTargetArns}, notification topics and API destinations; a rule has an event pattern or a
 * schedule ({@code rate(...)}, {@code cron(...)}, fired by the rules topology's ScheduledRuleProcessor).
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
    private final ApiDestinationArns destinationArns;
    private final ApiDestinations destinations;

    public EventBridgeAwsOperations(final Rules rules, final RuleJson json, final KafkaTargetArns targetArns,
                                    final NotificationTopicArns notificationTopics, final CustomEvents events,
                                    final DefaultEventBus bus, final ApiDestinationArns destinationArns,
                                    final ApiDestinations destinations) {
        this.destinationArns = destinationArns;
        this.destinations = destinations;
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
        if (input.has("ScheduleExpression") == input.has("EventPattern")) {
            throw new InvalidRecordException(input.has("EventPattern") ? "ScheduleExpression" : "EventPattern",
                "Parameter(s) EventPattern or ScheduleExpression must be specified, one of them.");
        }
        final RuleDefinition.State state = input.text("State").map(EventBridgeAwsOperations::state)
            .orElse(RuleDefinition.State.ENABLED);
        final RuleDefinition rule = new RuleDefinition(name, input.text("EventPattern").orElse(null), null,
            List.of(), state, input.text("Description").orElse(null), input.text("ScheduleExpression")
            .orElse(null));
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
            final Optional<String> destination = destinationArns.apiDestinationName(arn);
            try {
                destination.ifPresent(destinations::existing);
                final RuleTarget kind = notificationTopic
                    .map(topicName -> RuleTarget.toNotificationTopic(id, topicName))
                    .or(() -> destination.map(destinationName -> RuleTarget.toApiDestination(id, destinationName)))
                    .orElseGet(() -> new RuleTarget(id, topic.orElseThrow(() -> new InvalidRecordException("Arn",
                        "Trailwatch delivers to its Kafka topics, named " + targetArns.form() + ", its notification "
                            + "topics, " + notificationTopics.topic("<topic>") + ", and its API destinations, "
                            + destinationArns.apiDestination("<name>") + ", not " + arn))));
                accepted.add(kind.with(target.text("RoleArn").orElse(null), retryPolicy(target),
                    deadLetterTopic(target)).withInput(target.text("Input").orElse(null),
                    target.text("InputPath").orElse(null), inputTransformer(target)).validate("Targets." + (i + 1)));
            } catch (final InvalidRecordException | io.trailwatch.app.http.ApiErrors.NotFound refused) {
                failed.addObject().put("TargetId", id).put("ErrorCode", "ValidationException")
                    .put("ErrorMessage", refused instanceof InvalidRecordException invalid ? "Parameter "
                        + invalid.field() + " is not valid. Reason: " + invalid.reason() : refused.getMessage());
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

    private static InputTransformer inputTransformer(final AwsInput target) {
        return target.structure("InputTransformer").map(transformer -> {
            final Map<String, String> paths = new LinkedHashMap<>();
            transformer.structure("InputPathsMap").ifPresent(map -> map.tree().fields().forEachRemaining(entry -> {
                if (!entry.getValue().isTextual()) {
                    throw new InvalidRecordException("InputTransformer.InputPathsMap." + entry.getKey(),
                        "must be a JSON path (a string)");
                }
                paths.put(entry.getKey(), entry.getValue().textValue());
            }));
            return new InputTransformer(paths, transformer.text("InputTemplate").orElse(null));
        }).orElse(null);
    }

    private static TargetRetryPolicy retryPolicy(final AwsInput target) {
        return target.structure("RetryPolicy").map(policy -> new TargetRetryPolicy(
            policy.integer("MaximumRetryAttempts").orElse(null), policy.integer("MaximumEventAgeInSeconds")
            .orElse(null))).orElse(null);
    }

    /** A DeadLetterConfig's queue: here a Kafka topic, named as targets name them. */
    private String deadLetterTopic(final AwsInput target) {
        return target.structure("DeadLetterConfig").flatMap(config -> config.text("Arn")).map(arn ->
            targetArns.topic(arn).orElseThrow(() -> new InvalidRecordException("DeadLetterConfig.Arn",
                "Trailwatch's dead-letter queues are its Kafka topics, named " + targetArns.form() + ", not " + arn)))
            .orElse(null);
    }

    private JsonNode listTargets(final JsonNode request) {
        final Pages.Page<RuleTarget> page = Pages.of(rules.existing(ruleName(request, "Rule")).allTargets(),
            RuleTarget::id, AwsInput.of(request));
        final ObjectNode answer = JSON.createObjectNode();
        final ArrayNode list = answer.putArray("Targets");
        page.items().forEach(target -> listed(list.addObject(), target));
        page.nextToken().ifPresent(token -> answer.put("NextToken", token));
        return answer;
    }

    private void listed(final ObjectNode node, final RuleTarget target) {
        node.put("Id", target.id()).put("Arn", target.notificationTopic() != null
            ? notificationTopics.topic(target.notificationTopic()) : target.apiDestination() != null
            ? destinationArns.apiDestination(target.apiDestination()) : targetArns.arn(target.topic()));
        if (target.roleArn() != null) {
            node.put("RoleArn", target.roleArn());
        }
        if (target.retryPolicy() != null) {
            node.putObject("RetryPolicy").put("MaximumRetryAttempts", target.retries().retries())
                .put("MaximumEventAgeInSeconds", target.retries().maxAgeSeconds());
        }
        if (target.deadLetterTopic() != null) {
            node.putObject("DeadLetterConfig").put("Arn", targetArns.arn(target.deadLetterTopic()));
        }
        if (target.input() != null) {
            node.put("Input", target.input());
        }
        if (target.inputPath() != null) {
            node.put("InputPath", target.inputPath());
        }
        if (target.inputTransformer() != null) {
            final ObjectNode transformer = node.putObject("InputTransformer");
            final ObjectNode paths = transformer.putObject("InputPathsMap");
            target.inputTransformer().inputPathsMap().forEach(paths::put);
            transformer.put("InputTemplate", target.inputTransformer().inputTemplate());
        }
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
