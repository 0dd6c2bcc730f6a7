package io.trailwatch.app.notify;

import static io.trailwatch.identity.AwsService.SNS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.aws.AwsApis;
import io.trailwatch.app.aws.AwsOperations;
import io.trailwatch.app.aws.NamePages;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.aws.AwsOperation;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.notify.NotificationTopicDefinition;
import io.trailwatch.processors.notify.SubscriptionDefinition;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.Optional;

/**
 * SNS's topic and subscription operations over {@link NotificationTopics}, taking and answering SNS's members: the
 * handlers of the SNS protocol, which the {@code /v1} routes ({@link TopicRoutes}) call too. Endpoints are shown
 * without their passwords ({@link SubscriptionDefinition#displayedEndpoint()}).
 */
public final class SnsOperations implements AwsOperations {

    static final String TOPIC_ARN = "TopicArn";
    static final String SUBSCRIPTION_ARN = "SubscriptionArn";
    /** Trailwatch's Subscribe attribute for an http or https endpoint that cannot confirm ({@code false}). */
    static final String CONFIRMATION_REQUIRED = "ConfirmationRequired";
    private static final String TOPIC_TYPE = "AWS::SNS::Topic";
    /** SNS lists 100 topics and subscriptions a page, and takes no page size. */
    private static final NamePages PAGES = new NamePages(null, "NextToken", 100);

    private final NotificationTopics topics;
    private final TopicArns arns;
    private final ResourceNames names;

    public SnsOperations(final NotificationTopics topics, final ResourceNames names) {
        this.topics = topics;
        this.arns = new TopicArns(names);
        this.names = names;
    }

    @Override
    public void addTo(final AwsApis apis) {
        apis.sns()
            .operation(SNS.write("CreateTopic"), input -> text(input, "Name")
                .map(name -> new AwsOperation.Resource(arns.topic(name), TOPIC_TYPE)), this::createTopic)
            .operation(SNS.write("DeleteTopic"), this::topicResource, this::deleteTopic)
            .operation(SNS.read("ListTopics"), this::listTopics)
            .operation(SNS.write("Subscribe"), this::topicResource, this::subscribe)
            .operation(SNS.write("ConfirmSubscription"), this::topicResource, this::confirmSubscription)
            .operation(SNS.write("Unsubscribe"), input -> text(input, SUBSCRIPTION_ARN)
                .filter(arn -> arn.lastIndexOf(':') > 0)
                .map(arn -> new AwsOperation.Resource(arn.substring(0, arn.lastIndexOf(':')), TOPIC_TYPE)),
                this::unsubscribe)
            .operation(SNS.read("ListSubscriptionsByTopic"), this::topicResource, this::listSubscriptionsByTopic);
    }

    JsonNode createTopic(final ObjectNode request) {
        final AwsInput input = AwsInput.of(request);
        final Optional<String> displayName = input.structure("Attributes").flatMap(attributes -> attributes
            .text("DisplayName"));
        final NotificationTopicDefinition topic = topics.create(input.requiredText("Name"),
            displayName.orElse(null));
        return answer().put(TOPIC_ARN, arns.topic(topic.name()));
    }

    JsonNode deleteTopic(final ObjectNode request) {
        topics.delete(topicName(request));
        return answer();
    }

    JsonNode listTopics(final ObjectNode request) {
        final NamePages.Page<NotificationTopicDefinition> page = PAGES.page(AwsInput.of(request), topics.topics(),
            NotificationTopicDefinition::name);
        final ObjectNode answer = answer();
        final ArrayNode listed = answer.putArray("Topics");
        page.items().forEach(topic -> listed.addObject().put(TOPIC_ARN, arns.topic(topic.name())));
        page.nextToken().ifPresent(token -> answer.put("NextToken", token));
        return answer;
    }

    /**
     * Subscribe; SNS's attributes but Trailwatch's {@value #CONFIRMATION_REQUIRED} ({@code false}: an endpoint that
     * cannot confirm) are refused rather than ignored. A pending subscription's ARN is "pending confirmation" unless
     * ReturnSubscriptionArn, as in SNS.
     */
    JsonNode subscribe(final ObjectNode request) {
        final AwsInput input = AwsInput.of(request);
        boolean confirmationRequired = true;
        final Optional<AwsInput> attributes = input.structure("Attributes");
        if (attributes.isPresent()) {
            final var names = attributes.get().tree().fieldNames();
            while (names.hasNext()) {
                final String name = names.next();
                if (!name.equals(CONFIRMATION_REQUIRED)) {
                    throw new InvalidRecordException("Attributes", "attribute " + name + " is not supported (only "
                        + CONFIRMATION_REQUIRED + ")");
                }
            }
            final String required = attributes.get().requiredText(CONFIRMATION_REQUIRED);
            if (!required.equals("true") && !required.equals("false")) {
                throw new InvalidRecordException(CONFIRMATION_REQUIRED, "must be true or false, was " + required);
            }
            confirmationRequired = Boolean.parseBoolean(required);
        }
        final SubscriptionDefinition subscription = topics.subscribe(topicName(request),
            input.requiredText("Protocol"), input.text("Endpoint").orElse(null), confirmationRequired);
        return answer().put(SUBSCRIPTION_ARN, subscription.pendingConfirmation()
            && !input.bool("ReturnSubscriptionArn").orElse(false) ? "pending confirmation"
            : arns.subscription(subscription.topicName(), subscription.id()));
    }

    JsonNode confirmSubscription(final ObjectNode request) {
        final SubscriptionDefinition confirmed = topics.confirm(topicName(request),
            AwsInput.of(request).requiredText("Token"));
        return answer().put(SUBSCRIPTION_ARN, arns.subscription(confirmed.topicName(), confirmed.id()));
    }

    JsonNode unsubscribe(final ObjectNode request) {
        final TopicArns.SubscriptionName name = arns.subscriptionName(SUBSCRIPTION_ARN,
            AwsInput.of(request).requiredText(SUBSCRIPTION_ARN));
        topics.unsubscribe(name.topicName(), name.id());
        return answer();
    }

    JsonNode listSubscriptionsByTopic(final ObjectNode request) {
        final String topicName = topicName(request);
        topics.topic(topicName);
        final NamePages.Page<SubscriptionDefinition> page = PAGES.page(AwsInput.of(request),
            topics.subscriptions(topicName), SubscriptionDefinition::id);
        final ObjectNode answer = answer();
        final ArrayNode listed = answer.putArray("Subscriptions");
        for (final SubscriptionDefinition subscription : page.items()) {
            listed.addObject()
                .put(SUBSCRIPTION_ARN, subscription.pendingConfirmation() ? "PendingConfirmation"
                    : arns.subscription(topicName, subscription.id()))
                .put("Owner", names.accountId())
                .put("Protocol", subscription.protocol())
                .put("Endpoint", subscription.displayedEndpoint())
                .put(TOPIC_ARN, arns.topic(topicName));
        }
        page.nextToken().ifPresent(token -> answer.put("NextToken", token));
        return answer;
    }

    private String topicName(final ObjectNode request) {
        return arns.topicName(TOPIC_ARN, AwsInput.of(request).requiredText(TOPIC_ARN));
    }

    /** What a call on a topic acts on: the ARN it names, as SNS authorizes it (the handler checks the ARN). */
    private Optional<AwsOperation.Resource> topicResource(final ObjectNode input) {
        return text(input, TOPIC_ARN).map(arn -> new AwsOperation.Resource(arn, TOPIC_TYPE));
    }

    private static Optional<String> text(final ObjectNode input, final String member) {
        final JsonNode value = input.get(member);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText())
            : Optional.empty();
    }

    private static ObjectNode answer() {
        return Definitions.MAPPER.createObjectNode();
    }
}
