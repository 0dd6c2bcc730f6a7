package io.trailwatch.sinks.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.avro.AlarmConfiguration;
import io.trailwatch.avro.AlarmState;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.RecordingWebhook;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook notifier on the real Connect runtime (a standalone worker), the real broker and registry, and a real
 * HTTP server on loopback: the three payloads, retries, the dead-letter topic, and no duplicate after a restart.
 */
class WebhookSinkIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestInfrastructure infrastructure;
    private static RecordingWebhook webhook;
    private static StandaloneWorker worker;

    @BeforeAll
    static void start() throws Exception {
        infrastructure = TestInfrastructure.get();
        webhook = new RecordingWebhook();
        worker = new StandaloneWorker(infrastructure.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (webhook != null) {
            webhook.close();
        }
    }

    /** A topic shaped as trailwatch.alarms, of this test's own, with one partition so that order is total. */
    private static Topic<String, AlarmStateChange> alarmsTopic() {
        final Topic<String, AlarmStateChange> topic = new Topic<>(UniqueNames.topic(Topics.ALARMS.name()),
            Topics.ALARMS.key(), Topics.ALARMS.value(), 1, Map.of());
        infrastructure.createTopics(topic);
        return topic;
    }

    private static Map<String, String> connector(final Topic<?, ?> topic, final String path, final String format,
                                                 final String deadLetters) {
        final Map<String, String> config = new HashMap<>(Map.of(
            "connector.class", WebhookSinkConnector.class.getName(),
            "tasks.max", "1",
            "topics", topic.name(),
            "errors.tolerance", "all",
            "errors.deadletterqueue.topic.name", deadLetters,
            "errors.deadletterqueue.topic.replication.factor", "1",
            "errors.deadletterqueue.context.headers.enable", "true",
            WebhookSinkConfig.URL, webhook.url(path),
            WebhookSinkConfig.FORMAT, format,
            WebhookSinkConfig.SCHEMA_REGISTRY_URL, infrastructure.registryUrl()));
        config.put(WebhookSinkConfig.DELIVERED_BOOTSTRAP_SERVERS, infrastructure.bootstrapServers());
        config.put(WebhookSinkConfig.RETRY_BACKOFF_MS, "100");
        config.put(WebhookSinkConfig.RETRY_MAX_ATTEMPTS, "4");
        config.put(WebhookSinkConfig.PAGERDUTY_ROUTING_KEY, "R0UT1NGKEY");
        return config;
    }

    private static AlarmStateChange change(final String alarm, final AlarmStateValue from, final AlarmStateValue to) {
        final Instant now = Instant.now();
        return AlarmStateChange.newBuilder()
            .setId(UUID.randomUUID().toString())
            .setAlarmName(alarm)
            .setAlarmType("MetricAlarm")
            .setState(new AlarmState(to, "Threshold Crossed: " + to, "{\"version\":\"1.0\"}", now))
            .setPreviousState(new AlarmState(from, "before", null, now.minusSeconds(60)))
            .setConfiguration(AlarmConfiguration.newBuilder().setDescription("errors of " + alarm)
                .setNamespace("App").setMetricName("Errors").setStatistic("Sum").setPeriod(60).setThreshold(5.0)
                .setComparisonOperator("GreaterThanOrEqualToThreshold").build())
            .build();
    }

    private static void publish(final Topic<String, AlarmStateChange> topic, final AlarmStateChange... changes) {
        for (final AlarmStateChange change : changes) {
            infrastructure.produce(topic, change.getAlarmName(), change);
        }
    }

    private static List<RecordingWebhook.Request> awaitRequests(final String path, final int count) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> webhook.requests(path).size() >= count);
        return webhook.requests(path);
    }

    private static JsonNode json(final RecordingWebhook.Request request) throws Exception {
        return JSON.readTree(request.body());
    }

    @Test
    void deliversEachTransitionAsCloudWatchEventSlackMessageAndPagerDutyEvent() throws Exception {
        final Topic<String, AlarmStateChange> topic = alarmsTopic();
        final String deadLetters = UniqueNames.topic("notify-dlq");
        worker.deploy(UniqueNames.of("json"), connector(topic, "/json", "json", deadLetters));
        worker.deploy(UniqueNames.of("slack"), connector(topic, "/slack", "slack", deadLetters));
        worker.deploy(UniqueNames.of("pagerduty"), connector(topic, "/pagerduty", "pagerduty", deadLetters));

        final AlarmStateChange alarm = change("CpuHigh", AlarmStateValue.OK, AlarmStateValue.ALARM);
        final AlarmStateChange ok = change("CpuHigh", AlarmStateValue.ALARM, AlarmStateValue.OK);
        final AlarmStateChange muted = change("Batch", AlarmStateValue.OK, AlarmStateValue.ALARM);
        muted.setMutedBy(List.of("NightlyBackup"));
        final AlarmStateChange released = AlarmStateChange.newBuilder(muted).setMutedBy(List.of())
            .setNotificationReleasedAt(Instant.now()).build();
        final AlarmStateChange disabled = change("Quiet", AlarmStateValue.OK, AlarmStateValue.ALARM);
        disabled.getConfiguration().setActionsEnabled(false);
        final AlarmStateChange unknown = change("CpuHigh", AlarmStateValue.OK, AlarmStateValue.INSUFFICIENT_DATA);
        publish(topic, alarm, ok, muted, disabled, released, unknown);

        final List<RecordingWebhook.Request> events = awaitRequests("/json", 4);
        assertThat(events).extracting(RecordingWebhook.Request::idempotencyKey)
            .containsExactly(alarm.getId(), ok.getId(), muted.getId(), unknown.getId());
        final JsonNode event = json(events.get(0));
        assertThat(event.path("detail-type").asText()).isEqualTo("CloudWatch Alarm State Change");
        assertThat(event.path("source").asText()).isEqualTo("aws.cloudwatch");
        assertThat(event.path("id").asText()).isEqualTo(alarm.getId());
        assertThat(event.path("resources").get(0).asText()).endsWith(":alarm:CpuHigh");
        assertThat(event.path("detail").path("alarmName").asText()).isEqualTo("CpuHigh");
        assertThat(event.path("detail").path("state").path("value").asText()).isEqualTo("ALARM");
        assertThat(event.path("detail").path("previousState").path("value").asText()).isEqualTo("OK");
        assertThat(event.path("detail").path("configuration").path("metrics").get(0).path("metricStat")
            .path("metric").path("name").asText()).isEqualTo("Errors");
        assertThat(events.get(0).contentType()).isEqualTo("application/json");

        final List<RecordingWebhook.Request> messages = awaitRequests("/slack", 4);
        assertThat(messages).hasSize(4);
        assertThat(json(messages.get(0)).path("text").asText())
            .isEqualTo(":red_circle: *ALARM* `CpuHigh` (OK -> ALARM)\n>Threshold Crossed: ALARM");
        assertThat(json(messages.get(1)).path("attachments").get(0).path("color").asText()).isEqualTo("#1d8102");

        final List<RecordingWebhook.Request> pages = awaitRequests("/pagerduty", 3);
        assertThat(pages).extracting(page -> json(page).path("event_action").asText())
            .containsExactly("trigger", "resolve", "trigger");
        assertThat(pages).allSatisfy(page -> {
            assertThat(json(page).path("routing_key").asText()).isEqualTo("R0UT1NGKEY");
            assertThat(json(page).path("dedup_key").asText()).isIn("CpuHigh", "Batch");
        });
        assertThat(json(pages.get(0)).path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(json(pages.get(0)).path("payload").path("summary").asText())
            .isEqualTo("ALARM: \"CpuHigh\" - Threshold Crossed: ALARM");
        // Nothing more arrives: muted and actions-disabled transitions are not notified.
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
            .until(() -> webhook.requests("/json").size() == 4 && webhook.requests("/pagerduty").size() == 3);
    }

    @Test
    void retriesWithTheSameIdempotencyKeyUntilTheServerRecoversAndDeadLettersWhatItRefuses() throws Exception {
        final Topic<String, AlarmStateChange> topic = alarmsTopic();
        final String deadLetters = UniqueNames.topic("notify-dlq");
        worker.deploy(UniqueNames.of("retrying"), connector(topic, "/flaky", "json", deadLetters));
        webhook.answer(503, 502, 500);

        final AlarmStateChange first = change("Flaky", AlarmStateValue.OK, AlarmStateValue.ALARM);
        publish(topic, first);

        final List<RecordingWebhook.Request> attempts = awaitRequests("/flaky", 4);
        assertThat(attempts).extracting(RecordingWebhook.Request::answeredWith).containsExactly(503, 502, 500, 200);
        assertThat(attempts).extracting(RecordingWebhook.Request::idempotencyKey).containsOnly(first.getId());

        webhook.answer(400);
        final AlarmStateChange refused = change("Flaky", AlarmStateValue.ALARM, AlarmStateValue.OK);
        final AlarmStateChange after = change("Flaky", AlarmStateValue.OK, AlarmStateValue.ALARM);
        publish(topic, refused, after);

        final List<RecordingWebhook.Request> all = awaitRequests("/flaky", 6);
        assertThat(all.subList(4, 6)).extracting(RecordingWebhook.Request::idempotencyKey, RecordingWebhook.Request::answeredWith)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(refused.getId(), 400),
                org.assertj.core.groups.Tuple.tuple(after.getId(), 200));
        final List<ConsumerRecord<byte[], byte[]>> letters = infrastructure.consumeRaw(deadLetters, 1,
            Duration.ofSeconds(60));
        assertThat(letters).singleElement().satisfies(letter -> {
            final byte[] sent = Topics.ALARMS.valueSerde(infrastructure.serdeContext()).serializer()
                .serialize(topic.name(), refused);
            assertThat(letter.value()).isEqualTo(sent);
            assertThat(header(letter, "__connect.errors.exception.message")).contains("HTTP 400", "not retried");
            assertThat(header(letter, "__connect.errors.topic")).isEqualTo(topic.name());
        });
    }

    @Test
    void aRestartedTaskDoesNotDeliverAgainWhatItDeliveredBeforeItsOffsetsWereCommitted() throws Exception {
        final Topic<String, AlarmStateChange> topic = alarmsTopic();
        final String name = UniqueNames.of("restarted");
        final Map<String, String> config = connector(topic, "/restarted", "json", UniqueNames.topic("notify-dlq"));
        final AlarmStateChange first = change("Disk", AlarmStateValue.OK, AlarmStateValue.ALARM);
        final AlarmStateChange second = change("Disk", AlarmStateValue.ALARM, AlarmStateValue.OK);
        try (StandaloneWorker own = new StandaloneWorker(infrastructure.bootstrapServers())) {
            own.deploy(name, config);
            publish(topic, first, second);
            awaitRequests("/restarted", 2);
        }
        // As if the worker had died before committing: the connector's consumer group starts over.
        infrastructure.adminClient().alterConsumerGroupOffsets("connect-" + name,
            Map.of(new TopicPartition(topic.name(), 0), new OffsetAndMetadata(0))).all().get();

        final AlarmStateChange third = change("Disk", AlarmStateValue.OK, AlarmStateValue.ALARM);
        try (StandaloneWorker restarted = new StandaloneWorker(infrastructure.bootstrapServers())) {
            restarted.deploy(name, config);
            publish(topic, third);
            awaitRequests("/restarted", 3);
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> webhook.requests("/restarted").size() == 3);
        }
        assertThat(webhook.requests("/restarted")).extracting(RecordingWebhook.Request::idempotencyKey)
            .containsExactly(first.getId(), second.getId(), third.getId());
    }

    private static String header(final ConsumerRecord<?, ?> record, final String name) {
        return record.headers().lastHeader(name) == null ? null
            : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
