package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trailwatch.app.cli.CallerCredentials;
import io.trailwatch.avro.AlarmStateChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * What a {@link ClusterTraffic}'s user checks of a Trailwatch cluster, through the HTTP API of any instance and on
 * trailwatch.alarms: its alarms defined, every query answered whole, every published event once in the event history,
 * every alarm transition once and in order.
 *
 * @param user      the user the traffic's audit events name
 * @param namespace the traffic's metrics' namespace
 * @param metrics   the traffic's metric names
 * @param alarms    the alarms the traffic flips
 * @param caller    who calls the API
 */
record TrafficChecks(String user, String namespace, List<String> metrics, List<String> alarms,
                     CallerCredentials caller) {

    /** Alarms on a metric no one sends, whose state only SetAlarmState moves (missing data: keep the state). */
    void defineAlarms(final String endpoint) {
        try (CloudWatchClient cloudWatch = AwsClients.cloudWatch(endpoint, caller)) {
            for (final String alarm : alarms) {
                cloudWatch.putMetricAlarm(put -> put.alarmName(alarm).namespace(namespace).metricName("Idle")
                    .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(1.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData("ignore"));
            }
        }
    }

    /**
     * Waits until every endpoint answers every query whole.
     *
     * @return the time since {@code since}
     */
    Duration awaitWhole(final List<String> endpoints, final Instant since) {
        // An instance refuses (HTTP 503) a query of data whose owner is restoring it; an answer short of data fails.
        await("every instance answering every query whole").atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
                for (final String endpoint : endpoints) {
                    assertAnswersWhole(endpoint);
                }
            });
        return Duration.between(since, Instant.now());
    }

    /**
     * DescribeAlarms names every alarm (held by whichever instance evaluates it), GetMetricStatistics has the
     * datapoints of every metric (each held by one instance) and LookupEvents finds the traffic's events (the history
     * partitions are spread over the instances, all needed).
     */
    void assertAnswersWhole(final String endpoint) {
        try (CloudWatchClient cloudWatch = AwsClients.cloudWatch(endpoint, caller);
             CloudTrailClient cloudTrail = AwsClients.cloudTrail(endpoint, caller)) {
            assertThat(cloudWatch.describeAlarms(describe -> describe.alarmNamePrefix(user)).metricAlarms())
                .as("DescribeAlarms through %s", endpoint).extracting(MetricAlarm::alarmName)
                .containsExactlyInAnyOrderElementsOf(alarms);
            final Instant now = Instant.now();
            for (final String metric : metrics) {
                assertThat(cloudWatch.getMetricStatistics(get -> get.namespace(namespace).metricName(metric)
                    .startTime(now.minusSeconds(600)).endTime(now.plusSeconds(60)).period(60)
                    .statistics(Statistic.SUM)).datapoints()).as("GetMetricStatistics %s through %s", metric, endpoint)
                    .isNotEmpty();
            }
            assertThat(cloudTrail.lookupEvents(lookup -> lookup.maxResults(1).lookupAttributes(attribute -> attribute
                .attributeKey(LookupAttributeKey.USERNAME).attributeValue(user))).events())
                .as("LookupEvents through %s", endpoint).isNotEmpty();
        }
    }

    /** LookupEvents through the instance, every page, finds each acknowledged event of the traffic exactly once. */
    void assertEveryEventOnceInTheHistory(final String endpoint, final Set<String> published) {
        try (CloudTrailClient cloudTrail = AwsClients.cloudTrail(endpoint, caller)) {
            // Right after a move, the instance answers 503 ("restoring or rebalancing its state; retry") until the
            // partitions are open again: asked again, as a client retries, within the same minute.
            await("every published event in the history through " + endpoint).atMost(Duration.ofSeconds(60))
                .ignoreExceptionsMatching(e -> e instanceof AwsServiceException refused && refused.statusCode() == 503)
                .untilAsserted(() -> {
                    final List<String> found = cloudTrail.lookupEventsPaginator(lookup -> lookup.maxResults(50)
                        .lookupAttributes(attribute -> attribute.attributeKey(LookupAttributeKey.USERNAME)
                            .attributeValue(user))).events().stream().map(Event::eventId).toList();
                    assertThat(Set.copyOf(found)).isEqualTo(published);
                    assertThat(found).as("no event twice").hasSize(published.size());
                });
        }
        System.out.printf("history through %s: %d events, each once%n", endpoint, published.size());
    }

    /**
     * The transitions read (trailwatch.alarms, read_committed) have each flip {@code deployments} times, and where one
     * deployment made them, each alarm's transitions chain (each one's previous state is the last one's state: no
     * state reset by a move to another instance).
     */
    void assertEveryTransitionOnce(final List<ConsumerRecord<String, AlarmStateChange>> read,
                                   final Map<String, List<String>> flips, final int deployments) {
        final Map<String, List<AlarmStateChange>> byAlarm = new HashMap<>();
        read.stream().filter(record -> alarms.contains(record.key()))
            .forEach(record -> byAlarm.computeIfAbsent(record.key(), alarm -> new ArrayList<>()).add(record.value()));
        int count = 0;
        for (final String alarm : alarms) {
            final List<AlarmStateChange> transitions = byAlarm.getOrDefault(alarm, List.of());
            final List<String> reasons = transitions.stream().map(change -> change.getState().getReason().toString())
                .toList();
            assertThat(reasons.stream().distinct().toList()).as("transitions of %s", alarm)
                .containsExactlyElementsOf(flips.get(alarm));
            for (final String flip : flips.get(alarm)) {
                assertThat(Collections.frequency(reasons, flip)).as("%s in %s", flip, reasons).isEqualTo(deployments);
            }
            // A deployment's chain is checked where it is the only one (interleaved with another's, it cannot be told
            // apart here).
            for (int i = 1; deployments == 1 && i < transitions.size(); i++) {
                assertThat(transitions.get(i).getPreviousState().getValue()).as("%s's transition %d", alarm, i)
                    .isEqualTo(transitions.get(i - 1).getState().getValue());
            }
            count += flips.get(alarm).size();
        }
        System.out.printf("trailwatch.alarms: %d transitions, each once and in order%n", count);
    }
}
