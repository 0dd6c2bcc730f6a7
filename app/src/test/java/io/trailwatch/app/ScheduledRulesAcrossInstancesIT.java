package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.testkit.UniqueNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * A scheduled rule fires once per tick across the instances of a deployment, and neither skips nor repeats a tick
 * when the instance that fired it stops and the other takes its tasks over (restoring the last tick from the
 * changelog).
 */
@Isolated("a second application reads the shared config topic: it fires the scheduled rules of any test beside it")
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ_WRITE)
class ScheduledRulesAcrossInstancesIT {

    private static final String TOPIC_ARN = "arn:aws:kafka:us-east-1:000000000000:topic/trailwatch/";

    @Test
    void aRateOfOneMinuteSendsOneScheduledEventPerMinuteWithTwoInstancesAndAfterOneStops() throws Exception {
        final String applicationId = UniqueNames.applicationId("trailwatch-it-schedules");
        // The shared instance, when it runs, is a deployment of its own on the same definitions: it fires each
        // tick too, once. What is checked is that this deployment's two instances add exactly one.
        final int deployments = 1 + (RunningTrailwatch.sharedIsRunning() ? 1 : 0);
        final String topic = UniqueNames.topic("every-minute");
        final String rule = UniqueNames.of("every-minute");
        try (RunningTrailwatch first = RunningTrailwatch.instanceOf(applicationId)) {
            RunningTrailwatch second = RunningTrailwatch.instanceOf(applicationId);
            try (EventBridgeClient events = AwsClients.eventBridge(first.endpoint(),
                TestIdentity.get().administrator())) {
                final Instant created = Instant.now();
                events.putRule(put -> put.name(rule).scheduleExpression("rate(1 minute)"));
                events.putTargets(put -> put.rule(rule).targets(Target.builder().id("topic").arn(TOPIC_ARN + topic)
                    .build()));

                final Map<String, List<JsonNode>> firstTick = byTime(first, topic, 1, deployments);
                // The instance holding the rule's task, or the other: either way a rebalance moves tasks.
                second.close();
                second = null;
                final Map<String, List<JsonNode>> ticks = byTime(first, topic, 3, deployments);

                assertThat(ticks.keySet()).containsAll(firstTick.keySet());
                final List<Instant> times = ticks.keySet().stream().map(Instant::parse).toList();
                assertThat(times.get(0)).isAfter(created);
                for (int i = 1; i < times.size(); i++) {
                    assertThat(Duration.between(times.get(i - 1), times.get(i))).as("no tick skipped")
                        .isEqualTo(Duration.ofMinutes(1));
                }
                ticks.forEach((time, sent) -> {
                    assertThat(sent).as("the events of the tick " + time).hasSize(deployments)
                        .allSatisfy(event -> {
                            assertThat(event.path("source").asText()).isEqualTo("aws.events");
                            assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
                            assertThat(event.path("resources").get(0).asText()).endsWith(":rule/" + rule);
                        });
                    assertThat(sent.stream().map(event -> event.path("id").asText()).distinct()).hasSize(1);
                });
                System.out.println("Scheduled rule ticks: " + ticks.keySet() + " ("
                    + deployments + " deployment(s) on the definitions)");
                events.disableRule(disable -> disable.name(rule));
            } finally {
                if (second != null) {
                    second.close();
                }
            }
        }
    }

    /**
     * The scheduled events on the topic by tick once {@code ticks} ticks have been sent whole (each by every
     * deployment), and a further few seconds have shown no extra copy of them.
     */
    private static Map<String, List<JsonNode>> byTime(final RunningTrailwatch trailwatch, final String topic,
                                                      final int ticks, final int deployments) throws Exception {
        final List<ConsumerRecord<String, String>> records = trailwatch.infrastructure().consumeUntil(topic,
            new StringDeserializer(), new StringDeserializer(), read -> grouped(read).values().stream()
                .filter(sent -> sent.size() >= deployments).count() >= ticks, Duration.ofMinutes(4));
        // A repeated tick would come within the punctuation's second: the topic must stay as it is for five.
        final long end = endOffset(trailwatch, topic);
        Awaitility.await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
            .until(() -> endOffset(trailwatch, topic) == end);
        final List<ConsumerRecord<String, String>> settled = trailwatch.infrastructure().consumeUntil(topic,
            new StringDeserializer(), new StringDeserializer(), read -> read.size() >= records.size(),
            Duration.ofSeconds(30));
        final TreeMap<String, List<JsonNode>> byTick = grouped(settled);
        // The next tick may have come from one deployment and not yet from the other (a loaded machine delays a
        // punctuation by seconds): it is still being sent, so it is left out; a copy too many would still show.
        if (!byTick.isEmpty() && byTick.lastEntry().getValue().size() < deployments) {
            byTick.pollLastEntry();
        }
        return byTick;
    }

    /** The sum of the topic's end offsets (records and transaction markers). */
    private static long endOffset(final RunningTrailwatch trailwatch, final String topic) throws Exception {
        final org.apache.kafka.clients.admin.Admin admin = trailwatch.infrastructure().adminClient();
        final Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .collect(Collectors.toMap(info -> new org.apache.kafka.common.TopicPartition(topic,
                    info.partition()), info -> org.apache.kafka.clients.admin.OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream()
            .mapToLong(org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    private static TreeMap<String, List<JsonNode>> grouped(final List<ConsumerRecord<String, String>> records) {
        return records.stream().map(record -> AwsClients.tree(record.value())).collect(Collectors.groupingBy(
            event -> event.path("time").asText(), TreeMap::new, Collectors.toList()));
    }
}
