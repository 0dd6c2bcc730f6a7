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
import java.util.Optional;

/**
 * SNS's topic and subscription operations over {@link NotificationTopics}, taking and answering SNS's members: the
 * handlers of the SNS protocol, which the {@code /v1} routes ({@link TopicRoutes}) call too. Endpoints are shown
 * without their passwords ({@link SubscriptionDefinition#displayedEndpoint()}).
 */
public final class SnsOperations implements AwsOperations {

    static final String TOPIC_ARN = "TopicArn";
    static final String SUBSCRIPTION_ARN = "SubscriptionArn";
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

    JsonNode subscribe(final ObjectNode request) {
        final AwsInput input = AwsInput.of(request);
        final SubscriptionDefinition subscription = topics.subscribe(topicName(request),
            input.requiredText("Protocol"), input.text("Endpoint").orElse(null));
        return answer().put(SUBSCRIPTION_ARN, arns.subscription(subscription.topicName(), subscription.id()));
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
                .put(SUBSCRIPTION_ARN, arns.subscription(topicName, subscription.id()))
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
