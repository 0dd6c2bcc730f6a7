package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.trailwatch.app.notify.SubscriptionDeliveries;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.RecordingWebhook;
import io.trailwatch.testkit.UniqueNames;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Alarm actions end to end, against real local HTTP receivers: an alarm's transitions reach the subscribers of the
 * topics its actions for the new state name, in SNS's envelope with CloudWatch's alarm message, and no one else;
 * nothing runs while actions are disabled; each run is an Action item of the alarm's history with CloudWatch's
 * summary; a failing endpoint is retried, then dead-lettered with the reason.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class AlarmActionsIT {

    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(30);

    private static String endpoint;
    private static CloudWatchClient cloudWatch;
    private static SnsClient sns;
    private static RecordingWebhook receiver;

    @BeforeAll
    static void start() throws Exception {
        endpoint = RunningTrailwatch.get().endpoint();
        final TestIdentity identity = TestIdentity.get();
        cloudWatch = AwsClients.cloudWatch(endpoint, identity.administrator());
        sns = AwsClients.sns(endpoint, identity.administrator());
        receiver = new RecordingWebhook();
    }

    @AfterAll
    static void stop() {
        if (cloudWatch != null) {
            cloudWatch.close();
        }
        if (sns != null) {
            sns.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void twoAlarmsWithDifferentTopicsReachOnlyTheirOwnSubscribers() {
        final String database = topicTo("/db-" + UniqueNames.of("hook"));
        final String security = topicTo("/sec-" + UniqueNames.of("hook"));
        final String dbAlarm = UniqueNames.of("DbLatency");
        final String secAlarm = UniqueNames.of("BucketDeleted");
        cloudWatch.putMetricAlarm(alarm(dbAlarm).alarmActions(database).build());
        cloudWatch.putMetricAlarm(alarm(secAlarm).alarmActions(security).build());

        final java.time.Instant asked = java.time.Instant.now();
        setState(dbAlarm, StateValue.ALARM);
        setState(secAlarm, StateValue.ALARM);

        final RecordingWebhook.Request toDb = awaitOne(pathOf(database));
        System.out.println("SetAlarmState -> the subscriber's request: "
            + Duration.between(asked, toDb.receivedAt()).toMillis() + " ms");
        final RecordingWebhook.Request toSec = awaitOne(pathOf(security));
        final JsonNode envelope = AwsClients.tree(toDb.body());
        assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.path("TopicArn").asText()).isEqualTo(database);
        assertThat(envelope.path("Subject").asText()).isEqualTo("ALARM: \"" + dbAlarm + "\" in us-east-1");
        final JsonNode message = AwsClients.tree(envelope.path("Message").asText());
        assertThat(message.path("AlarmName").asText()).isEqualTo(dbAlarm);
        assertThat(message.path("NewStateValue").asText()).isEqualTo("ALARM");
        assertThat(message.path("OldStateValue").asText()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(message.path("AlarmActions").get(0).asText()).isEqualTo(database);
        assertThat(message.at("/Trigger/MetricName").asText()).isEqualTo("Errors");
        assertThat(toDb.header("x-amz-sns-message-type")).isEqualTo("Notification");
        assertThat(toDb.header("x-amz-sns-topic-arn")).isEqualTo(database);
        assertThat(toDb.header("x-amz-sns-message-id")).isEqualTo(envelope.path("MessageId").asText());
        assertThat(toDb.idempotencyKey()).isNotBlank();
        assertThat(AwsClients.tree(AwsClients.tree(toSec.body()).path("Message").asText()).path("AlarmName")
            .asText()).isEqualTo(secAlarm);

        assertThat(history(dbAlarm, item -> item.historySummary().startsWith("Successfully")))
            .extracting(AlarmHistoryItem::historySummary)
            .containsExactly("Successfully executed action " + database);
        assertThat(notifications(pathOf(database))).as("one transition, one delivery").hasSize(1);
        assertThat(notifications(pathOf(security))).hasSize(1);
    }

    @Test
    void aPendingSubscriptionGetsNothingUntilItIsConfirmed() {
        final String path = "/pending-" + UniqueNames.of("hook");
        final String topic = sns.createTopic(create -> create.name(path.substring(1))).topicArn();
        sns.subscribe(subscribe -> subscribe.topicArn(topic).protocol("http").endpoint(receiver.url(path)));
        final String name = UniqueNames.of("Unconfirmed");
        cloudWatch.putMetricAlarm(alarm(name).alarmActions(topic).build());

        setState(name, StateValue.ALARM);

        // The action ran (the topic took the message), but the endpoint has only been asked to confirm.
        history(name, item -> item.historySummary().startsWith("Successfully"));
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> receiver
            .requests(path).stream().map(request -> request.header("x-amz-sns-message-type")).toList()
            .equals(List.of("SubscriptionConfirmation")));
        assertThat(sns.listSubscriptionsByTopic(list -> list.topicArn(topic)).subscriptions().get(0)
            .subscriptionArn()).isEqualTo("PendingConfirmation");
    }

    @Test
    void eachStatesActionsRunOnItsTransitions() {
        final String onAlarm = topicTo("/alarm-" + UniqueNames.of("hook"));
        final String onOk = topicTo("/ok-" + UniqueNames.of("hook"));
        final String onInsufficient = topicTo("/insufficient-" + UniqueNames.of("hook"));
        final String name = UniqueNames.of("AllStates");
        cloudWatch.putMetricAlarm(alarm(name).alarmActions(onAlarm).okActions(onOk)
            .insufficientDataActions(onInsufficient).build());

        setState(name, StateValue.ALARM);
        awaitOne(pathOf(onAlarm));
        setState(name, StateValue.OK);
        final JsonNode ok = AwsClients.tree(AwsClients.tree(awaitOne(pathOf(onOk)).body()).path("Message").asText());
        assertThat(ok.path("NewStateValue").asText()).isEqualTo("OK");
        assertThat(ok.path("OldStateValue").asText()).isEqualTo("ALARM");
        setState(name, StateValue.INSUFFICIENT_DATA);
        final JsonNode insufficient = AwsClients.tree(AwsClients.tree(awaitOne(pathOf(onInsufficient)).body())
            .path("Message").asText());
        assertThat(insufficient.path("NewStateValue").asText()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(notifications(pathOf(onAlarm))).hasSize(1);
        assertThat(notifications(pathOf(onOk))).hasSize(1);
    }

    @Test
    void disabledActionsDoNotRunAndAMissingTopicFailsInTheHistory() {
        final String topic = topicTo("/disabled-" + UniqueNames.of("hook"));
        final String disabled = UniqueNames.of("Disabled");
        final String switchedOff = UniqueNames.of("SwitchedOff");
        final String enabled = UniqueNames.of("Enabled");
        final String missing = topic + "-none";
        cloudWatch.putMetricAlarm(alarm(disabled).alarmActions(topic).actionsEnabled(false).build());
        cloudWatch.putMetricAlarm(alarm(switchedOff).alarmActions(topic).build());
        cloudWatch.disableAlarmActions(disable -> disable.alarmNames(switchedOff));
        cloudWatch.putMetricAlarm(alarm(enabled).alarmActions(topic, missing).build());

        setState(disabled, StateValue.ALARM);
        setState(switchedOff, StateValue.ALARM);
        setState(enabled, StateValue.ALARM);

        // The three transitions go through in order of their partitions; the enabled alarm's is the witness.
        assertThat(AwsClients.tree(AwsClients.tree(awaitOne(pathOf(topic)).body()).path("Message").asText())
            .path("AlarmName").asText()).isEqualTo(enabled);
        assertThat(history(enabled, item -> item.historySummary().startsWith("Failed")))
            .extracting(AlarmHistoryItem::historySummary).singleElement().asString()
            .startsWith("Failed to execute action " + missing + ". Received error: ");
        // Nothing runs for the disabled ones, however long one waits (their transitions were published first).
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
            actionHistory(disabled).isEmpty() && actionHistory(switchedOff).isEmpty());
        assertThat(notifications(pathOf(topic))).hasSize(1);
    }

    @Test
    void aFailingEndpointIsRetriedThenDeadLetteredWithTheReason() throws Exception {
        final String path = "/failing-" + UniqueNames.of("hook");
        receiver.answer(500, 500, 500);
        final String topic = unconfirmedTopicTo(path);
        final String name = UniqueNames.of("Unreachable");
        cloudWatch.putMetricAlarm(alarm(name).alarmActions(topic).build());

        setState(name, StateValue.ALARM);

        final ConsumerRecord<String, String> letter = deadLetterOf(name);
        final String reason = header(letter, SubscriptionDeliveries.REASON_HEADER);
        assertThat(reason).contains("HTTP 500").contains("after 3 attempts");
        final List<RecordingWebhook.Request> attempts = receiver.requests(path);
        assertThat(attempts).hasSize(3).extracting(RecordingWebhook.Request::idempotencyKey).containsOnly(
            attempts.get(0).idempotencyKey());
        // The action ran (SNS took the message); delivering it to the subscriber is what failed.
        assertThat(history(name, item -> true)).extracting(AlarmHistoryItem::historySummary)
            .containsExactly("Successfully executed action " + topic);
    }

    @Test
    void anEmailSubscriberGetsTheAlarmByMail() throws Exception {
        final String address = UniqueNames.of("dba") + "@example.com";
        final String topic = sns.createTopic(create -> create.name(UniqueNames.of("mail"))).topicArn();
        sns.subscribe(subscribe -> subscribe.topicArn(topic).protocol("email").endpoint(address));
        final String name = UniqueNames.of("Mailed");
        cloudWatch.putMetricAlarm(alarm(name).alarmDescription("pages the DBA").alarmActions(topic).build());

        setState(name, StateValue.ALARM);

        final MimeMessage mail = Awaitility.await().atMost(DELIVERED_WITHIN).pollInterval(Duration.ofMillis(100))
            .until(() -> TestSmtp.receivedBy(address), mails -> !mails.isEmpty()).get(0);
        assertThat(mail.getSubject()).isEqualTo("ALARM: \"" + name + "\" in us-east-1");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("trailwatch@localhost");
        assertThat(mail.getMessageID()).endsWith("@trailwatch>");
        final String text = GreenMailUtil.getBody(mail);
        assertThat(text).contains("Trailwatch alarm \"" + name + "\"").contains("entered the ALARM state")
            .contains("- Description:                pages the DBA").contains("- State Change:               "
                + "INSUFFICIENT_DATA -> ALARM");
        assertThat(TestSmtp.receivedBy(address)).hasSize(1);
    }

    @Test
    void aRulesNotificationTopicTargetDeliversTheEventsItMatches() {
        final String topic = topicTo("/rule-" + UniqueNames.of("hook"));
        final String rule = UniqueNames.of("orders");
        final String source = UniqueNames.of("com.shop");
        try (EventBridgeClient events = AwsClients.eventBridge(endpoint, TestIdentity.get().administrator())) {
            events.putRule(put -> put.name(rule).eventPattern("{\"source\": [\"" + source + "\"]}"));
            assertThat(events.putTargets(put -> put.rule(rule).targets(Target.builder().id("sns").arn(topic).build()))
                .failedEntryCount()).isZero();
            assertThat(events.listTargetsByRule(list -> list.rule(rule)).targets().get(0).arn()).isEqualTo(topic);

            final String eventId = events.putEvents(put -> put.entries(PutEventsRequestEntry.builder().source(source)
                .detailType("Order Placed").detail("{\"total\": 250}").build())).entries().get(0).eventId();

            final JsonNode envelope = AwsClients.tree(awaitOne(pathOf(topic)).body());
            assertThat(envelope.path("TopicArn").asText()).isEqualTo(topic);
            final JsonNode event = AwsClients.tree(envelope.path("Message").asText());
            assertThat(event.path("id").asText()).isEqualTo(eventId);
            assertThat(event.path("detail-type").asText()).isEqualTo("Order Placed");
            assertThat(event.at("/detail/total").asInt()).isEqualTo(250);
            assertThat(notifications(pathOf(topic))).hasSize(1);
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConsumerRecord<String, String> deadLetterOf(final String alarmName) throws Exception {
        final var infrastructure = RunningTrailwatch.get().infrastructure();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, UniqueNames.of("dead-letters"),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            Topics.NOTIFICATIONS_DEADLETTER.keySerde(infrastructure.serdeContext()).deserializer(),
            Topics.NOTIFICATIONS_DEADLETTER.valueSerde(infrastructure.serdeContext()).deserializer())) {
            consumer.subscribe(List.of(Topics.NOTIFICATIONS_DEADLETTER.name()));
            final List<ConsumerRecord<String, String>> found = new ArrayList<>();
            Awaitility.await().atMost(DELIVERED_WITHIN).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (AwsClients.tree(record.value()).path("alarmName").asText().equals(alarmName)) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private static String header(final ConsumerRecord<String, String> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aMutedAlarmDeliversItsActionAtTheEndOfTheMuteWindowNotDuringIt() {
        final String path = "/muted-" + UniqueNames.of("hook");
        final String topic = unconfirmedTopicTo(path);
        final String name = UniqueNames.of("Muted");
        cloudWatch.putMetricAlarm(alarm(name).alarmActions(topic).build());
        // A one-off window from the start of this minute for two: it is open now, for 60 to 120 s more.
        final java.time.ZonedDateTime minute = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)
            .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        final java.time.Instant windowEnd = minute.plusMinutes(2).toInstant();
        final String rule = UniqueNames.of("maintenance");
        cloudWatch.putAlarmMuteRule(put -> put.name(rule).rule(r -> r.schedule(s -> s.expression("at("
                + minute.toLocalDateTime().toString().substring(0, 16) + ")").duration("PT2M")))
            .muteTargets(targets -> targets.alarmNames(name)));
        eventually(() -> cloudWatch.listAlarmMuteRules(list -> list.alarmName(name)).alarmMuteRuleSummaries(),
            summaries -> summaries.size() == 1 && "ACTIVE".equals(summaries.get(0).statusAsString()));

        setState(name, StateValue.ALARM);

        final RecordingWebhook.Request delivered = Awaitility.await()
            .atMost(Duration.between(java.time.Instant.now(), windowEnd).plus(DELIVERED_WITHIN))
            .pollInterval(Duration.ofMillis(200)).until(() -> notifications(path), requests -> !requests.isEmpty())
            .get(0);
        System.out.println("Muted alarm: action delivered " + Duration.between(windowEnd, delivered.receivedAt())
            .toMillis() + " ms after the end of the mute window");
        assertThat(delivered.receivedAt()).as("not during the window").isAfterOrEqualTo(windowEnd);
        assertThat(AwsClients.tree(AwsClients.tree(delivered.body()).path("Message").asText()).path("NewStateValue")
            .asText()).isEqualTo("ALARM");
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
            .until(() -> notifications(path).size() == 1);
        cloudWatch.deleteAlarmMuteRule(delete -> delete.alarmMuteRuleName(rule));
    }

    @Test
    void aSlackSubscriptionGetsASlackMessageWithTheNameEscaped() {
        final String path = "/slack-" + UniqueNames.of("hook");
        final String topic = sns.createTopic(create -> create.name(path.substring(1))).topicArn();
        final String webhook = receiver.url(path + "/T000/B000/secret-part");
        sns.subscribe(subscribe -> subscribe.topicArn(topic).protocol("slack").endpoint(webhook));
        assertThat(sns.listSubscriptionsByTopic(list -> list.topicArn(topic)).subscriptions()).singleElement()
            .satisfies(subscription -> assertThat(subscription.endpoint()).doesNotContain("secret-part")
                .endsWith("/****"));
        final String name = UniqueNames.of("Db") + "<!channel>";
        cloudWatch.putMetricAlarm(alarm(name).alarmActions(topic).build());

        setState(name, StateValue.ALARM);

        final RecordingWebhook.Request message = Awaitility.await().atMost(DELIVERED_WITHIN)
            .pollInterval(Duration.ofMillis(100)).until(() -> receiver.requests(path + "/T000/B000/secret-part"),
                requests -> !requests.isEmpty()).get(0);
        final String text = AwsClients.tree(message.body()).path("text").asText();
        assertThat(text).contains("*ALARM*").contains(name.replace("<", "&lt;").replace(">", "&gt;"))
            .doesNotContain("<!channel>").contains("INSUFFICIENT_DATA -> ALARM").contains("testing actions");
        assertThat(message.idempotencyKey()).isNotBlank();
    }

    @Test
    void aPagerDutySubscriptionTriggersOnAlarmResolvesOnOkWithTheAlarmArnAsDedupKey() {
        final String key = java.util.UUID.randomUUID().toString().replace("-", "");
        final String topic = sns.createTopic(create -> create.name(UniqueNames.of("pager"))).topicArn();
        sns.subscribe(subscribe -> subscribe.topicArn(topic).protocol("pagerduty").endpoint(key));
        final String name = UniqueNames.of("ApiErrors");
        cloudWatch.putMetricAlarm(alarm(name).alarmActions(topic).okActions(topic).insufficientDataActions(topic)
            .build());

        setState(name, StateValue.ALARM);
        setState(name, StateValue.OK);
        setState(name, StateValue.INSUFFICIENT_DATA);

        final List<JsonNode> events = Awaitility.await().atMost(DELIVERED_WITHIN).pollInterval(Duration.ofMillis(100))
            .until(() -> TestPagerDuty.eventsFor(key).stream().map(request -> AwsClients.tree(request.body()))
                .toList(), received -> received.size() >= 2);
        assertThat(events).extracting(event -> event.path("event_action").asText())
            .containsExactly("trigger", "resolve");
        final String alarmArn = cloudWatch.describeAlarms(describe -> describe.alarmNames(name)).metricAlarms().get(0)
            .alarmArn();
        assertThat(events).extracting(event -> event.path("dedup_key").asText()).containsOnly(alarmArn);
        assertThat(events.get(0).at("/payload/summary").asText()).startsWith("ALARM: \"" + name + "\"");
        assertThat(events.get(0).at("/payload/severity").asText()).isEqualTo("critical");
        // INSUFFICIENT_DATA says nothing to the incident: its action runs, and nothing is sent.
        eventually(() -> actionHistory(name).size(), runs -> runs >= 3);
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
            .until(() -> TestPagerDuty.eventsFor(key).size() == 2);
    }

    @Test
    void aSlackEndpointThatKeepsFailingIsRetriedThenDeadLetteredWithTheReason() throws Exception {
        try (RecordingWebhook failing = new RecordingWebhook().alwaysAnswer(503)) {
            final String topic = sns.createTopic(create -> create.name(UniqueNames.of("slack-down"))).topicArn();
            sns.subscribe(subscribe -> subscribe.topicArn(topic).protocol("slack").endpoint(failing.url("/down")));
            final String name = UniqueNames.of("SlackDown");
            cloudWatch.putMetricAlarm(alarm(name).alarmActions(topic).build());

            setState(name, StateValue.ALARM);

            final ConsumerRecord<String, String> letter = deadLetterOf(name);
            assertThat(new String(letter.headers().lastHeader(SubscriptionDeliveries.REASON_HEADER).value(),
                StandardCharsets.UTF_8)).contains("HTTP 503").contains("after 3 attempts");
            final List<RecordingWebhook.Request> attempts = failing.requests("/down");
            assertThat(attempts).hasSize(3);
            assertThat(Duration.between(attempts.get(0).receivedAt(), attempts.get(1).receivedAt()))
                .as("Slack's retries wait at least a second").isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
    }

    /**
     * A new topic with one http subscription, to the receiver's path, confirmed as an SNS endpoint confirms: with
     * the Token of the SubscriptionConfirmation it was sent. Its ARN.
     */
    private static String topicTo(final String path) {
        final String topic = sns.createTopic(create -> create.name(path.substring(1))).topicArn();
        assertThat(sns.subscribe(subscribe -> subscribe.topicArn(topic).protocol("http").endpoint(receiver.url(path)))
            .subscriptionArn()).isEqualTo("pending confirmation");
        final RecordingWebhook.Request confirmation = Awaitility.await().atMost(DELIVERED_WITHIN)
            .pollInterval(Duration.ofMillis(100)).until(() -> receiver.requests(path), requests -> !requests.isEmpty())
            .get(0);
        assertThat(confirmation.header("x-amz-sns-message-type")).isEqualTo("SubscriptionConfirmation");
        final JsonNode request = AwsClients.tree(confirmation.body());
        assertThat(request.path("TopicArn").asText()).isEqualTo(topic);
        final String token = request.path("Token").asText();
        assertThat(sns.confirmSubscription(confirm -> confirm.topicArn(topic).token(token)).subscriptionArn())
            .startsWith(topic + ":");
        return topic;
    }

    /** A new topic with one http subscription that needs no confirmation (Trailwatch's ConfirmationRequired). */
    private static String unconfirmedTopicTo(final String path) {
        final String topic = sns.createTopic(create -> create.name(path.substring(1))).topicArn();
        sns.subscribe(subscribe -> subscribe.topicArn(topic).protocol("http").endpoint(receiver.url(path))
            .attributes(Map.of("ConfirmationRequired", "false")));
        return topic;
    }

    /** The notifications the receiver got on the path (not the subscription's confirmation). */
    private static List<RecordingWebhook.Request> notifications(final String path) {
        return receiver.requests(path).stream()
            .filter(request -> "Notification".equals(request.header("x-amz-sns-message-type"))).toList();
    }

    /** The receiver's path a topic made by {@link #topicTo} delivers to. */
    private static String pathOf(final String topicArn) {
        return "/" + topicArn.substring(topicArn.lastIndexOf(':') + 1);
    }

    private static RecordingWebhook.Request awaitOne(final String path) {
        return Awaitility.await().atMost(DELIVERED_WITHIN).pollInterval(Duration.ofMillis(100))
            .until(() -> notifications(path), requests -> !requests.isEmpty()).get(0);
    }

    /** An alarm whose state only SetAlarmState changes (hourly period, missing data ignored). */
    private static PutMetricAlarmRequest.Builder alarm(final String name) {
        return PutMetricAlarmRequest.builder().alarmName(name).namespace(UniqueNames.of("Actions"))
            .metricName("Errors").statistic(Statistic.SUM).period(3600).evaluationPeriods(1).threshold(1.0)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).treatMissingData("ignore");
    }

    private static void setState(final String name, final StateValue state) {
        cloudWatch.setAlarmState(set -> set.alarmName(name).stateValue(state).stateReason("testing actions"));
        // the state is the alarm task's once it answers with it: each transition starts from the one before
        eventually(() -> cloudWatch.describeAlarms(describe -> describe.alarmNames(name)).metricAlarms().get(0)
            .stateValue(), state::equals);
    }

    /** The alarm's action runs in its history that match, once one does. */
    private static List<AlarmHistoryItem> history(final String name, final Predicate<AlarmHistoryItem> wanted) {
        return Awaitility.await().atMost(DELIVERED_WITHIN).pollInterval(Duration.ofMillis(200))
            .until(() -> actionHistory(name).stream().filter(wanted).toList(), found -> !found.isEmpty());
    }

    /** The alarm's Action history items that are action runs (not a mute's hold and release). */
    private static List<AlarmHistoryItem> actionHistory(final String name) {
        return cloudWatch.describeAlarmHistory(describe -> describe.alarmName(name)
                .historyItemType(HistoryItemType.ACTION)).alarmHistoryItems().stream()
            .filter(item -> !item.historySummary().startsWith("Actions for")).toList();
    }

    private static <T> void eventually(final Callable<T> call, final Predicate<T> done) {
        Awaitility.await().atMost(DELIVERED_WITHIN).pollInterval(Duration.ofMillis(100)).until(call, done::test);
    }
}
