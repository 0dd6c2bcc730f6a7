package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.app.cli.CallerCredentials;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.testkit.UniqueNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * Notification topics through SNS's own clients (the AWS SDK for Java v2 and Debian's boto3, both over the query
 * protocol, and the AWS CLI), through {@code trailwatch}'s {@code aws sns}-shaped commands and {@code /v1}: what one
 * creates the others see, SNS's errors come as SNS's exception types, a URL's password is never shown, and every
 * call passes the gate and is on the trail.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class AwsSnsIT {

    private static final String ARN_PREFIX = "arn:aws:sns:us-east-1:000000000000:";
    /** Trailwatch's attribute for an http or https endpoint that cannot confirm its subscription. */
    private static final java.util.Map<String, String> NO_CONFIRMATION = java.util.Map.of("ConfirmationRequired",
        "false");

    private static String endpoint;
    private static TestIdentity identity;
    private static SnsClient sns;

    @BeforeAll
    static void start() throws Exception {
        endpoint = RunningTrailwatch.get().endpoint();
        identity = TestIdentity.get();
        sns = AwsClients.sns(endpoint, identity.administrator());
    }

    @AfterAll
    static void stop() {
        if (sns != null) {
            sns.close();
        }
    }

    @Test
    void topicsAndSubscriptionsAreCreatedListedAndDeletedAsSnsDoes() {
        final String name = UniqueNames.of("db-oncall");
        final String topicArn = sns.createTopic(create -> create.name(name)
            .attributes(java.util.Map.of("DisplayName", "DB"))).topicArn();
        assertThat(topicArn).isEqualTo(ARN_PREFIX + name);
        assertThat(sns.createTopic(create -> create.name(name)).topicArn()).as("CreateTopic is idempotent")
            .isEqualTo(topicArn);
        assertThat(allTopics()).contains(topicArn);

        // (an endpoint off this machine: it is not asked to confirm, so nothing is sent there)
        final String hook = sns.subscribe(subscribe -> subscribe.topicArn(topicArn).protocol("https")
            .endpoint("https://pager:s3cret-pw@hooks.example.com/db").attributes(NO_CONFIRMATION)).subscriptionArn();
        assertThat(hook).startsWith(topicArn + ":");
        assertThat(sns.subscribe(subscribe -> subscribe.topicArn(topicArn).protocol("https")
            .endpoint("https://pager:s3cret-pw@hooks.example.com/db").attributes(NO_CONFIRMATION)).subscriptionArn())
            .as("the same endpoint is subscribed once").isEqualTo(hook);
        final String mail = sns.subscribe(subscribe -> subscribe.topicArn(topicArn).protocol("email")
            .endpoint("dba@example.com")).subscriptionArn();

        final List<Subscription> subscriptions = sns.listSubscriptionsByTopic(list -> list.topicArn(topicArn))
            .subscriptions();
        assertThat(subscriptions).extracting(Subscription::subscriptionArn).containsExactlyInAnyOrder(hook, mail);
        assertThat(subscriptions).extracting(Subscription::endpoint)
            .containsExactlyInAnyOrder("https://pager:****@hooks.example.com/db", "dba@example.com");
        assertThat(subscriptions).allSatisfy(subscription -> {
            assertThat(subscription.topicArn()).isEqualTo(topicArn);
            assertThat(subscription.owner()).isEqualTo("000000000000");
        });

        sns.unsubscribe(unsubscribe -> unsubscribe.subscriptionArn(mail));
        assertThat(sns.listSubscriptionsByTopic(list -> list.topicArn(topicArn)).subscriptions())
            .extracting(Subscription::subscriptionArn).containsExactly(hook);
        assertThatThrownBy(() -> sns.unsubscribe(unsubscribe -> unsubscribe.subscriptionArn(mail)))
            .isInstanceOf(NotFoundException.class);

        sns.deleteTopic(delete -> delete.topicArn(topicArn));
        assertThat(allTopics()).doesNotContain(topicArn);
        sns.deleteTopic(delete -> delete.topicArn(topicArn));
        assertThatThrownBy(() -> sns.listSubscriptionsByTopic(list -> list.topicArn(topicArn)))
            .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void invalidRequestsAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> sns.createTopic(create -> create.name("has spaces")))
            .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameter");
                assertThat(e.getMessage()).contains("Name");
            });
        final String topicArn = sns.createTopic(create -> create.name(UniqueNames.of("strict"))).topicArn();
        assertThatThrownBy(() -> sns.subscribe(subscribe -> subscribe.topicArn(topicArn).protocol("sqs")
            .endpoint("arn:aws:sqs:us-east-1:000000000000:q")))
            .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Protocol");
        assertThatThrownBy(() -> sns.subscribe(subscribe -> subscribe.topicArn(topicArn).protocol("https")
            .endpoint("http://plain.example.com/")))
            .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Endpoint");
        assertThatThrownBy(() -> sns.subscribe(subscribe -> subscribe.topicArn(topicArn).protocol("email")
            .endpoint("not-an-address")))
            .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Endpoint");
        assertThatThrownBy(() -> sns.subscribe(subscribe -> subscribe.topicArn(ARN_PREFIX + UniqueNames.of("none"))
            .protocol("email").endpoint("a@example.com"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> sns.deleteTopic(delete -> delete.topicArn("not-an-arn")))
            .isInstanceOf(InvalidParameterException.class).hasMessageContaining("TopicArn");
    }

    @Test
    void aReadOnlyUserListsButCannotCreateOrSubscribe() {
        final String topicArn = sns.createTopic(create -> create.name(UniqueNames.of("guarded"))).topicArn();
        final CallerCredentials reader = TestIdentity.credentials(identity.newUser(UniqueNames.of("sns-reader"),
            ManagedPolicies.READ_ONLY_ACCESS));
        try (SnsClient readOnly = AwsClients.sns(endpoint, reader)) {
            assertThat(readOnly.listSubscriptionsByTopic(list -> list.topicArn(topicArn)).subscriptions()).isEmpty();
            assertThatThrownBy(() -> readOnly.subscribe(subscribe -> subscribe.topicArn(topicArn).protocol("email")
                .endpoint("intruder@example.com"))).isInstanceOfSatisfying(SnsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("sns:Subscribe").contains(topicArn);
                });
        }
        assertThat(sns.listSubscriptionsByTopic(list -> list.topicArn(topicArn)).subscriptions()).isEmpty();
    }

    @Test
    void boto3TheAwsCliAndTrailwatchsCommandsSeeTheSameTopics() throws Exception {
        final String name = UniqueNames.of("shared");
        final JsonNode created = AwsClients.boto3(endpoint, identity.credentialsFile(), "sns", "create_topic",
            "{\"Name\": \"" + name + "\"}");
        assertThat(created.path("protocol").asText()).isEqualTo("query");
        final String topicArn = created.at("/ok/TopicArn").asText();
        assertThat(topicArn).isEqualTo(ARN_PREFIX + name);

        final AwsClients.Result subscribed = AwsClients.awsCli(endpoint, identity.credentialsFile(), "sns",
            "subscribe", "--topic-arn", topicArn, "--protocol", "http", "--notification-endpoint",
            "http://127.0.0.1:9/hook", "--attributes", "ConfirmationRequired=false");
        assertThat(subscribed.exitCode()).as(subscribed.stderr()).isZero();
        final String subscriptionArn = subscribed.json().path("SubscriptionArn").asText();

        final CommandLineRunner listed = CommandLineRunner.run("list-subscriptions-by-topic", "--topic-arn", topicArn,
            "--endpoint", endpoint);
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(AwsClients.tree(listed.out()).at("/Subscriptions/0/SubscriptionArn").asText())
            .isEqualTo(subscriptionArn);
        final CommandLineRunner pending = CommandLineRunner.run("subscribe", "--topic-arn", topicArn, "--protocol",
            "http", "--notification-endpoint", "http://127.0.0.1:9/other", "--endpoint", endpoint);
        assertThat(AwsClients.tree(pending.out()).path("SubscriptionArn").asText()).as(pending.err())
            .isEqualTo("pending confirmation");
        final CommandLineRunner wrongToken = CommandLineRunner.run("confirm-subscription", "--topic-arn", topicArn,
            "--token", "0000", "--endpoint", endpoint);
        assertThat(wrongToken.exitCode()).isEqualTo(2);
        assertThat(wrongToken.err()).contains("ConfirmSubscription").contains("Invalid token");
        final CommandLineRunner missing = CommandLineRunner.run("list-subscriptions-by-topic", "--topic-arn",
            ARN_PREFIX + UniqueNames.of("none"), "--endpoint", endpoint);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("ListSubscriptionsByTopic");

        assertThat(CommandLineRunner.run("unsubscribe", "--subscription-arn", subscriptionArn, "--endpoint", endpoint)
            .exitCode()).isZero();
        final CommandLineRunner made = CommandLineRunner.run("create-topic", "--name", name + "-cli",
            "--endpoint", endpoint);
        assertThat(AwsClients.tree(made.out()).path("TopicArn").asText()).isEqualTo(ARN_PREFIX + name + "-cli");
        assertThat(CommandLineRunner.run("delete-topic", "--topic-arn", topicArn, "--endpoint", endpoint).exitCode())
            .isZero();
        final JsonNode topics = AwsClients.tree(CommandLineRunner.run("list-topics", "--endpoint", endpoint).out());
        final List<String> arns = new ArrayList<>();
        topics.path("Topics").forEach(topic -> arns.add(topic.path("TopicArn").asText()));
        assertThat(arns).contains(ARN_PREFIX + name + "-cli").doesNotContain(topicArn);
    }

    @Test
    void aSubscriptionsPasswordIsNotOnTheTrail() {
        final String topicArn = sns.createTopic(create -> create.name(UniqueNames.of("audited"))).topicArn();
        sns.subscribe(subscribe -> subscribe.topicArn(topicArn).protocol("https")
            .endpoint("https://ops:very-secret@hooks.example.com/x").attributes(NO_CONFIRMATION));
        final JsonNode record = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
            .until(() -> lookup(topicArn), found -> found != null);
        assertThat(record.path("eventSource").asText()).isEqualTo("sns.amazonaws.com");
        assertThat(record.toString()).doesNotContain("very-secret").contains("https://ops:****@hooks.example.com/x");
    }

    private static List<String> allTopics() {
        final List<String> arns = new ArrayList<>();
        sns.listTopicsPaginator().topics().forEach(topic -> arns.add(topic.topicArn()));
        return arns;
    }

    private static JsonNode lookup(final String topicArn) {
        final CommandLineRunner found = CommandLineRunner.run("lookup-events", "--lookup-attributes",
            "AttributeKey=ResourceName,AttributeValue=" + topicArn, "--output", "json", "--endpoint", endpoint);
        if (found.exitCode() == 0) {
            for (final JsonNode event : AwsClients.tree(found.out()).path("Events")) {
                final JsonNode record = AwsClients.tree(event.path("CloudTrailEvent").asText());
                if ("Subscribe".equals(record.path("eventName").asText())) {
                    return record;
                }
            }
        }
        return null;
    }
}
