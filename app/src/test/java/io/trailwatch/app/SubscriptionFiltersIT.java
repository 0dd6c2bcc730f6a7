package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.testkit.UniqueNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LimitExceededException;
import software.amazon.awssdk.services.cloudwatchlogs.model.SubscriptionFilter;

/**
 * Subscription filters through the AWS SDK, on the real broker: a group's matching events reach the filter's topic
 * once each, in CloudWatch Logs' subscription payload, non-matching ones do not, and a third filter is refused.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class SubscriptionFiltersIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningTrailwatch trailwatch;
    private static CloudWatchLogsClient logs;

    @BeforeAll
    static void start() throws Exception {
        trailwatch = RunningTrailwatch.get();
        logs = AwsClients.logs(trailwatch.endpoint(), TestIdentity.get().administrator());
    }

    @AfterAll
    static void stop() {
        if (logs != null) {
            logs.close();
        }
    }

    private static String arn(final String topic) {
        return "arn:aws:kafka:" + TestIdentity.NAMES.region() + ":" + TestIdentity.NAMES.accountId()
            + ":topic/trailwatch/" + topic;
    }

    /** Every committed record of the topic, read until {@code count} came and then a quiet second more. */
    private static List<ConsumerRecord<String, String>> delivered(final String topic, final int count) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, trailwatch.infrastructure().bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, UniqueNames.of("subscription-it"),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            final List<ConsumerRecord<String, String>> found = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
                return found.size() >= count;
            });
            final long quiet = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < quiet) {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
            }
            return found;
        }
    }

    @Test
    void matchingEventsReachTheTopicOnceInCloudWatchsPayloadAndAThirdFilterIsRefused() throws Exception {
        final String group = "/it/" + UniqueNames.of("subscribed");
        final String errors = UniqueNames.of("it-errors");
        final String json = UniqueNames.of("it-json");
        logs.createLogGroup(create -> create.logGroupName(group));
        logs.createLogStream(create -> create.logGroupName(group).logStreamName("web-1"));
        logs.putSubscriptionFilter(put -> put.logGroupName(group).filterName("errors").filterPattern("ERROR")
            .destinationArn(arn(errors)));
        logs.putSubscriptionFilter(put -> put.logGroupName(group).filterName("json")
            .filterPattern("{ $.level = \"error\" }").destinationArn(arn(json)).distribution("Random"));
        assertThatThrownBy(() -> logs.putSubscriptionFilter(put -> put.logGroupName(group).filterName("third")
            .filterPattern("").destinationArn(arn(errors)))).isInstanceOf(LimitExceededException.class)
            .hasMessageContaining("2 subscription filters");
        assertThat(logs.describeSubscriptionFilters(describe -> describe.logGroupName(group)).subscriptionFilters())
            .extracting(SubscriptionFilter::filterName, SubscriptionFilter::destinationArn)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("errors", arn(errors)),
                org.assertj.core.groups.Tuple.tuple("json", arn(json)));

        final long now = Instant.now().toEpochMilli();
        logs.putLogEvents(put -> put.logGroupName(group).logStreamName("web-1").logEvents(
            InputLogEvent.builder().timestamp(now).message("ERROR disk full").build(),
            InputLogEvent.builder().timestamp(now).message("INFO all good").build(),
            InputLogEvent.builder().timestamp(now + 1).message("{\"level\":\"error\",\"msg\":\"x\"}").build(),
            InputLogEvent.builder().timestamp(now + 2).message("{\"level\":\"info\"}").build()));

        final List<ConsumerRecord<String, String>> errorRecords = delivered(errors, 1);
        assertThat(errorRecords).hasSize(1);
        final JsonNode payload = JSON.readTree(errorRecords.get(0).value());
        assertThat(payload.path("messageType").asText()).isEqualTo("DATA_MESSAGE");
        assertThat(payload.path("owner").asText()).isEqualTo(TestIdentity.NAMES.accountId());
        assertThat(payload.path("logGroup").asText()).isEqualTo(group);
        assertThat(payload.path("logStream").asText()).isEqualTo("web-1");
        assertThat(payload.path("subscriptionFilters").get(0).asText()).isEqualTo("errors");
        final JsonNode event = payload.path("logEvents").get(0);
        assertThat(event.path("message").asText()).isEqualTo("ERROR disk full");
        assertThat(event.path("timestamp").asLong()).isEqualTo(now);
        assertThat(errorRecords.get(0).key()).isEqualTo(group + "/web-1");
        // the id is the eventId FilterLogEvents gives the stored event
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> logs.filterLogEvents(filter -> filter
            .logGroupName(group).filterPattern("ERROR")).events().stream()
            .anyMatch(stored -> stored.eventId().equals(event.path("id").asText())));

        final List<ConsumerRecord<String, String>> jsonRecords = delivered(json, 1);
        assertThat(jsonRecords).extracting(record -> JSON.readTree(record.value()).path("logEvents").get(0)
            .path("message").asText()).containsExactly("{\"level\":\"error\",\"msg\":\"x\"}");

        logs.deleteSubscriptionFilter(delete -> delete.logGroupName(group).filterName("json"));
        assertThat(logs.describeSubscriptionFilters(describe -> describe.logGroupName(group)).subscriptionFilters())
            .extracting(SubscriptionFilter::filterName).containsExactly("errors");
    }

    @Test
    void aDestinationThatIsNotATopicOfThisTrailwatchIsRefusedNamingIt() {
        final String group = "/it/" + UniqueNames.of("bad-destination");
        logs.createLogGroup(create -> create.logGroupName(group));
        assertThatThrownBy(() -> logs.putSubscriptionFilter(put -> put.logGroupName(group).filterName("x")
            .filterPattern("").destinationArn("arn:aws:kinesis:us-east-1:000000000000:stream/s")))
            .hasMessageContaining("destinationArn");
        assertThatThrownBy(() -> logs.putSubscriptionFilter(put -> put.logGroupName(group).filterName("x")
            .filterPattern("").destinationArn(arn("trailwatch.logs"))))
            .hasMessageContaining("Trailwatch's or Kafka's own");
    }
}
