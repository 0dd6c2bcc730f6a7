package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trailwatch.app.cli.CallerCredentials;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.UserIdentity;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Steady traffic into a Trailwatch cluster, as its users make it, remembering what was acknowledged: audit events
 * published to the audit topic (about 5 a second, all by one user), a datapoint a second for each of a few metrics
 * and a SetAlarmState that flips one of the alarms every second, the calls through the HTTP API of whichever
 * instance is named at that moment. A call refused while instances join or leave is retried, with the same reason
 * for SetAlarmState: applied twice, the second is a no-op (the state no longer differs), so each flip is one
 * transition.
 */
final class ClusterTraffic implements AutoCloseable {

    private final String user;
    private final String namespace;
    private final List<String> metrics;
    private final List<String> alarms;
    private final Supplier<String> endpoint;
    private final KafkaProducer<String, AuditEvent> producer;
    private final CallerCredentials caller;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    /** Each flip's reason, by alarm, in order. */
    private final Map<String, List<String>> flips = new ConcurrentHashMap<>();
    private final AtomicInteger refusedCalls = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param endpoint the HTTP API to call at each moment (the caller switches it as instances come and go)
     */
    ClusterTraffic(final TestInfrastructure infrastructure, final String user, final String namespace,
                   final List<String> metrics, final List<String> alarms, final Supplier<String> endpoint) {
        this(infrastructure.producer(Topics.AUDIT), TestIdentity.get().administrator(), user, namespace, metrics,
            alarms, endpoint);
    }

    /**
     * Traffic into a cluster of Trailwatch's on a Kafka of its own.
     *
     * @param producer publishes the audit events (idempotent, acks=all); closed with this traffic
     * @param caller   who calls the HTTP API
     */
    ClusterTraffic(final KafkaProducer<String, AuditEvent> producer, final CallerCredentials caller,
                   final String user, final String namespace, final List<String> metrics, final List<String> alarms,
                   final Supplier<String> endpoint) {
        this.caller = caller;
        this.user = user;
        this.namespace = namespace;
        this.metrics = metrics;
        this.alarms = alarms;
        this.endpoint = endpoint;
        this.producer = producer;
        alarms.forEach(alarm -> flips.put(alarm, new ArrayList<>()));
        thread = new Thread(this::run, "cluster-traffic");
        thread.start();
    }

    private void run() {
        long tick = 0;
        while (running) {
            publishAuditEvent();
            if (tick % 5 == 0) {
                final long second = tick / 5;
                call(() -> putMetricData());
                final String alarm = alarms.get((int) (second % alarms.size()));
                final List<String> done = flips.get(alarm);
                final String reason = user + " flip " + done.size() + " of " + alarm;
                final StateValue state = done.size() % 2 == 0 ? StateValue.ALARM : StateValue.OK;
                if (call(() -> setAlarmState(alarm, state, reason))) {
                    done.add(reason);
                }
            }
            tick++;
            try {
                Thread.sleep(200); // the pace of the traffic, not a wait for a condition
            } catch (final InterruptedException e) {
                return;
            }
        }
    }

    private void publishAuditEvent() {
        final AuditEvent event = AuditEvent.newBuilder()
            .setEventVersion("1.11")
            .setEventID(UUID.randomUUID().toString())
            .setEventTime(Instant.now())
            .setEventSource("s3.amazonaws.com")
            .setEventName("PutObject")
            .setAwsRegion("eu-west-1")
            .setSourceIPAddress("198.51.100.21")
            .setUserIdentity(UserIdentity.newBuilder().setType("IAMUser").setUserName(user)
                .setAccountId("123456789012").build())
            .setRequestParameters("{\"bucketName\":\"instances-bucket\"}")
            .setEventType("AwsApiCall")
            .setEventCategory("Management")
            .build();
        producer.send(new ProducerRecord<>(Topics.AUDIT.name(), event.getEventID().toString(), event),
            (metadata, error) -> {
                if (error == null) {
                    acknowledged.add(event.getEventID().toString());
                } else {
                    failure.compareAndSet(null, error);
                }
            });
    }

    private void putMetricData() {
        try (CloudWatchClient cloudWatch = AwsClients.cloudWatch(endpoint.get(), caller)) {
            cloudWatch.putMetricData(put -> put.namespace(namespace).metricData(metrics.stream()
                .map(metric -> MetricDatum.builder().metricName(metric).value(1.0).unit(StandardUnit.COUNT).build())
                .toList()));
        }
    }

    private void setAlarmState(final String alarm, final StateValue state, final String reason) {
        try (CloudWatchClient cloudWatch = AwsClients.cloudWatch(endpoint.get(), caller)) {
            cloudWatch.setAlarmState(set -> set.alarmName(alarm).stateValue(state).stateReason(reason));
        }
    }

    /**
     * Makes the call, again (up to a minute) while an instance refuses it: one joining or leaving.
     *
     * @return whether it succeeded
     */
    private boolean call(final Runnable call) {
        final Instant giveUp = Instant.now().plusSeconds(60);
        while (running) {
            try {
                call.run();
                return true;
            } catch (final RuntimeException refused) {
                refusedCalls.incrementAndGet();
                if (Instant.now().isAfter(giveUp)) {
                    failure.compareAndSet(null, refused);
                    return false;
                }
            }
            try {
                Thread.sleep(200); // a client's back-off before calling again
            } catch (final InterruptedException e) {
                return false;
            }
        }
        return false;
    }

    /** Waits until {@code count} more audit events than now were acknowledged, and every call so far succeeded. */
    void awaitMore(final int count) {
        final int target = acknowledged.size() + count;
        await(count + " more events acknowledged").atMost(Duration.ofMinutes(1))
            .until(() -> acknowledged.size() >= target || failure.get() != null);
        assertThat(failure.get()).as("the traffic's calls").isNull();
    }

    /** The calls an instance refused and that were made again. */
    int refusedCalls() {
        return refusedCalls.get();
    }

    /** Ids of the audit events the broker acknowledged. */
    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** The reasons of the SetAlarmState flips made, by alarm, in order. */
    Map<String, List<String>> flips() {
        return flips;
    }

    /** Stops the traffic after its call in flight, and flushes what was published. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(70_000);
        producer.flush();
        producer.close();
        assertThat(failure.get()).as("the traffic's calls").isNull();
    }
}
