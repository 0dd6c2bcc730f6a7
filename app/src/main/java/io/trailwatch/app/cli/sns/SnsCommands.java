package io.trailwatch.app.cli.sns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.cli.ApiCall;
import io.trailwatch.app.cli.ApiCommand;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The notification topic commands, with {@code aws sns}'s names, flags and output, over the {@code /v1/topics}
 * routes: create-topic, delete-topic, list-topics, subscribe, unsubscribe, list-subscriptions-by-topic.
 */
public final class SnsCommands {

    private static final String TOPICS = "/v1/topics/";

    private SnsCommands() {
    }

    /** {@code trailwatch create-topic}. */
    @Command(name = "create-topic", mixinStandardHelpOptions = true,
        description = "Create a notification topic (or return the one of that name) and print its TopicArn.")
    public static final class CreateTopic extends ApiCommand {

        @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "1 to 256 letters, digits, hyphens and underscores.")
        String name;

        @Option(names = "--attributes", paramLabel = "DisplayName=TEXT", description = "The topic's DisplayName.")
        Map<String, String> attributes;

        @Override
        public Integer call() {
            final ObjectNode body = ApiCall.JSON.createObjectNode();
            if (attributes != null) {
                final ObjectNode given = body.putObject("Attributes");
                attributes.forEach(given::put);
            }
            final ApiCall api = api();
            return api.print(api.put(TOPICS + ApiCall.segment(name), body));
        }
    }

    /** {@code trailwatch delete-topic}. */
    @Command(name = "delete-topic", mixinStandardHelpOptions = true,
        description = "Delete a notification topic and its subscriptions (nothing to do when there is none).")
    public static final class DeleteTopic extends OnTopic {

        @Override
        public Integer call() {
            return onTopic((api, path) -> api.delete(path).exitCode());
        }
    }

    /** {@code trailwatch list-topics}. */
    @Command(name = "list-topics", mixinStandardHelpOptions = true,
        description = "List the notification topics as {\"Topics\":[{\"TopicArn\":...}]}, 100 a page.")
    public static final class ListTopics extends ApiCommand {

        @Option(names = "--next-token", paramLabel = "TOKEN", description = "The page after the one that gave it.")
        String nextToken;

        @Override
        public Integer call() {
            final ApiCall api = api();
            return api.print(api.get(paged("/v1/topics", nextToken)));
        }
    }

    /** {@code trailwatch subscribe}. */
    @Command(name = "subscribe", mixinStandardHelpOptions = true,
        description = "Subscribe an endpoint to a topic (http, https: a URL, which may carry user:password@, sent a "
            + "SubscriptionConfirmation to confirm; email: an address) and print its SubscriptionArn.")
    public static final class Subscribe extends OnTopic {

        @Option(names = "--protocol", required = true, paramLabel = "http|https|email|slack|pagerduty",
            description = "How to deliver.")
        String protocol;

        @Option(names = "--notification-endpoint", paramLabel = "URL|ADDRESS|ROUTING_KEY",
            description = "Where to deliver.")
        String endpoint;

        @Option(names = "--attributes", paramLabel = "ConfirmationRequired=false",
            description = "ConfirmationRequired=false for an http or https endpoint that cannot confirm.")
        Map<String, String> attributes;

        @Option(names = "--return-subscription-arn", description = "The ARN even while the subscription is pending.")
        boolean returnSubscriptionArn;

        @Override
        public Integer call() {
            final ObjectNode body = ApiCall.JSON.createObjectNode().put("Protocol", protocol);
            if (endpoint != null) {
                body.put("Endpoint", endpoint);
            }
            if (attributes != null) {
                final ObjectNode given = body.putObject("Attributes");
                attributes.forEach(given::put);
            }
            if (returnSubscriptionArn) {
                body.put("ReturnSubscriptionArn", true);
            }
            return onTopic((api, path) -> api.print(api.post(path + "/subscriptions", body)));
        }
    }

    /** {@code trailwatch confirm-subscription}. */
    @Command(name = "confirm-subscription", mixinStandardHelpOptions = true,
        description = "Confirm a pending http or https subscription with the Token its SubscriptionConfirmation "
            + "carried; print its SubscriptionArn.")
    public static final class ConfirmSubscription extends OnTopic {

        @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "The confirmation's token.")
        String token;

        @Override
        public Integer call() {
            return onTopic((api, path) -> api.print(api.post(path + "/subscriptions/confirmations",
                ApiCall.JSON.createObjectNode().put("Token", token))));
        }
    }

    /** {@code trailwatch unsubscribe}. */
    @Command(name = "unsubscribe", mixinStandardHelpOptions = true, description = "Delete a subscription.")
    public static final class Unsubscribe extends ApiCommand {

        @Option(names = "--subscription-arn", required = true, paramLabel = "ARN", description = "The subscription.")
        String subscriptionArn;

        @Override
        public Integer call() {
            final ApiCall api = api();
            final int id = subscriptionArn.lastIndexOf(':');
            return (id < 0 ? Optional.<String>empty() : topicPath(subscriptionArn.substring(0, id)))
                .map(path -> api.delete(path + "/subscriptions/" + ApiCall.segment(subscriptionArn.substring(id + 1)))
                    .exitCode())
                .orElseGet(() -> api.invalid(invalidArn("--subscription-arn", subscriptionArn)));
        }
    }

    /** {@code trailwatch list-subscriptions-by-topic}. */
    @Command(name = "list-subscriptions-by-topic", mixinStandardHelpOptions = true,
        description = "List a topic's subscriptions as {\"Subscriptions\":[...]}, passwords in URLs shown as ****.")
    public static final class ListSubscriptionsByTopic extends OnTopic {

        @Option(names = "--next-token", paramLabel = "TOKEN", description = "The page after the one that gave it.")
        String nextToken;

        @Override
        public Integer call() {
            return onTopic((api, path) -> api.print(api.get(paged(path + "/subscriptions", nextToken))));
        }
    }

    /** A command on the topic {@code --topic-arn} names. */
    abstract static class OnTopic extends ApiCommand {

        @Option(names = "--topic-arn", required = true, paramLabel = "ARN", description = "The topic.")
        String topicArn;

        /** The call on the topic's path; a refusal naming the option when it is not an SNS topic ARN. */
        int onTopic(final java.util.function.BiFunction<ApiCall, String, Integer> call) {
            final ApiCall api = api();
            return topicPath(topicArn).map(path -> call.apply(api, path))
                .orElseGet(() -> api.invalid(invalidArn("--topic-arn", topicArn)));
        }
    }

    /** The path of the topic an SNS topic ARN ({@code arn:aws:sns:<region>:<account>:<name>}) names. */
    static Optional<String> topicPath(final String topicArn) {
        final String[] parts = topicArn.split(":", -1);
        return parts.length == 6 && topicArn.startsWith("arn:aws:sns:") && !parts[5].isEmpty()
            ? Optional.of(TOPICS + ApiCall.segment(parts[5])) : Optional.empty();
    }

    private static String paged(final String path, final String nextToken) {
        return nextToken == null ? path : ApiCall.path(path, Map.of("NextToken", List.of(nextToken)));
    }

    private static String invalidArn(final String option, final String arn) {
        return "Invalid parameter: " + option + " is not an SNS ARN: " + arn;
    }
}
