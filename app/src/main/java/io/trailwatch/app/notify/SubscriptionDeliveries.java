package io.trailwatch.app.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.definitions.DefinitionStore;
import io.trailwatch.app.events.ApiDestinationInvoker;
import io.trailwatch.processors.notify.DeliverySettings;
import io.trailwatch.processors.notify.Notification;
import io.trailwatch.processors.notify.NotificationTopicArns;
import io.trailwatch.processors.notify.SmtpSettings;
import io.trailwatch.processors.notify.SubscriptionDefinition;
import io.trailwatch.processors.rules.destinations.ApiDestinationDefinition;
import io.trailwatch.processors.rules.destinations.ApiDestinationInvocation;
import io.trailwatch.processors.rules.destinations.ConnectionDefinition;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import io.trailwatch.sinks.notify.DeliveredTransitions;
import io.trailwatch.sinks.notify.DeliveryFailedException;
import io.trailwatch.sinks.notify.RetryPolicy;
import io.trailwatch.sinks.notify.Retrying;
import io.trailwatch.sinks.notify.WebhookClient;
import io.trailwatch.sinks.notify.WebhookSinkConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@code trailwatch.notifications} to their subscriptions (http and https: SNS's envelope; email: a mail
 * through the SMTP server; slack: a Slack message; pagerduty: a PagerDuty Events v2 event, {@link ChatMessages}) and to
 * the API destinations of rule targets ({@link ApiDestinationInvoker}, under each
 * target's retry policy, dead-lettered to the target's own topic when it has one), each once, as the notifier
 * connector delivers
 * alarm changes ({@link DeliveredTransitions}, {@link WebhookClient}): in order per subscription (per record key),
 * different subscriptions in parallel, at most {@link DeliverySettings#concurrency()} requests at once
 * ({@link DeliveryLanes}), the delivery id as {@code Idempotency-Key}. The consumer keeps polling while lanes
 * deliver: a subscription whose endpoint fails or hangs holds one lane, not the others nor the poll; once it has
 * {@link #LANE_LIMIT} messages waiting, its later ones are left on the partition and read again when it catches up
 * ({@link PartitionProgress}). A delivery is recorded as handled once its endpoint has answered, without waiting for
 * Kafka, and those records are flushed before offsets are committed, each partition's only up to its oldest message
 * not done, and whenever a partition is taken away ({@link PartitionHandOver}); the handled set is read again whenever
 * partitions are assigned, so a restart or a rebalance to another
 * instance neither repeats nor loses one, and a crash or a rebalance repeats only the requests in flight (each with
 * its key). What still fails after the retries goes to
 * {@code trailwatch.notifications.deadletter} with the reason in headers. Instances share the work as one consumer
 * group.
 */
public final class SubscriptionDeliveries implements AutoCloseable {

    static final String GROUP = "trailwatch-notifications";
    /** The dead letters' headers: why, and where the notification was. */
    public static final String REASON_HEADER = "trailwatch.errors.reason";
    static final String SOURCE_HEADER = "trailwatch.errors.source";
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionDeliveries.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> JSON_BODY = Map.of("Content-Type", "application/json");
    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(3);
    /** Messages one subscription may have waiting in memory; more are read again when it has caught up. */
    static final int LANE_LIMIT = 32;

    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<byte[], byte[]> deadLetters;
    private final org.apache.kafka.common.serialization.Serializer<String> ownKeys;
    private final org.apache.kafka.common.serialization.Serializer<String> ownValues;
    private final DeliveredTransitions delivered;
    private final WebhookClient client;
    private final WebhookClient slack;
    private final WebhookClient pagerDuty;
    /** PagerDuty's Events API v2 endpoint (a local receiver in tests). */
    private final String pagerDutyUrl;
    private final SmtpClient mail;
    private final ApiDestinationInvoker invoker;
    private final Function<String, Optional<SubscriptionDefinition>> subscriptions;
    private final String topic;
    private final NotificationTopicArns arns;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread worker;
    private final DeliveryLanes lanes;
    private final PartitionProgress progress = new PartitionProgress();
    /** Messages all lanes may have waiting; above it the consumer pauses (and still polls, to stay in its group). */
    private final int inMemoryLimit;
    /** How long a rebalance waits for the requests in flight on the partitions it takes away. */
    private final Duration revokeWithin;

    public SubscriptionDeliveries(final KafkaAccess kafka, final SerdeContext serdes, final DefinitionStore definitions,
                                  final NotificationTopicArns arns, final DeliverySettings settings,
                                  final SmtpSettings smtp, final String pagerDutyUrl) {
        this(kafka, serdes, Topics.NOTIFICATIONS.name(), GROUP,
            name -> definitions.get(SubscriptionDefinition.TYPE, name), arns, settings, smtp, pagerDutyUrl,
            (client, sleeper) -> new ApiDestinationInvoker(name -> definitions.get(ApiDestinationDefinition.TYPE, name),
                name -> definitions.get(ConnectionDefinition.TYPE, name), client, settings, sleeper,
                Clock.systemUTC()));
    }

    /** Makes the invoker of API destinations with the deliverer's HTTP client and its stoppable waits. */
    @FunctionalInterface
    interface Invokers {
        ApiDestinationInvoker create(WebhookClient client, Retrying.Sleeper sleeper);
    }

    /**
     * @param topic         where the notifications are
     * @param group         the consumer group the instances share
     * @param subscriptions a subscription's current definition by its name; empty once unsubscribed
     */
    SubscriptionDeliveries(final KafkaAccess kafka, final SerdeContext serdes, final String topic, final String group,
                           final Function<String, Optional<SubscriptionDefinition>> subscriptions,
                           final NotificationTopicArns arns, final DeliverySettings settings,
                           final SmtpSettings smtp, final String pagerDutyUrl, final Invokers invokers) {
        this.subscriptions = subscriptions;
        this.pagerDutyUrl = pagerDutyUrl;
        this.topic = topic;
        this.arns = arns;
        final RetryPolicy retries = new RetryPolicy(settings.maxAttempts(), settings.backoff(), settings.maxBackoff());
        this.lanes = new DeliveryLanes(settings.concurrency(), () -> stopping.getCount() == 0);
        // Stopping, or the partition revoked, ends a delivery's retries without a verdict: it is neither recorded nor
        // committed, so the next start or owner attempts it again rather than dead-lettering it for a shutdown.
        final Retrying.Sleeper untilStopping = wait -> {
            if (stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new InterruptedException("stopping");
            }
        };
        final Retrying.Sleeper sleeper = lanes.sleeper(untilStopping);
        this.client = new WebhookClient(null, retries, settings.requestTimeout(), sleeper);
        // Slack takes about one message a second per webhook: its retries wait at least a second. PagerDuty asks
        // integrations to keep retrying 429 and 5xx: its deliveries get twice the attempts.
        final Duration slackBackoff = settings.backoff().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
            : settings.backoff();
        this.slack = new WebhookClient(null, new RetryPolicy(settings.maxAttempts(), slackBackoff,
            slackBackoff.compareTo(settings.maxBackoff()) > 0 ? slackBackoff : settings.maxBackoff()),
            settings.requestTimeout(), sleeper);
        this.pagerDuty = new WebhookClient(null, new RetryPolicy(settings.maxAttempts() * 2, settings.backoff(),
            settings.maxBackoff()), settings.requestTimeout(), sleeper);
        this.mail = new SmtpClient(smtp, settings.requestTimeout(), new Retrying(retries, sleeper));
        this.invoker = invokers.create(client, sleeper);
        this.delivered = new DeliveredTransitions(kafka.bootstrapServers(), new HashMap<>(kafka.security()),
            WebhookSinkConfig.DEFAULT_DELIVERED_TOPIC, "subscriptions");
        // Bytes: Trailwatch's own dead-letter topic is in the registry's wire format, a target's dead-letter topic
        // gets plain UTF-8 JSON, as rule targets' topics do.
        this.deadLetters = new KafkaProducer<>(kafka.clientConfig(Map.of(
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.CLIENT_ID_CONFIG, "trailwatch-notification-deadletters")),
            new ByteArraySerializer(), new ByteArraySerializer());
        this.ownKeys = Topics.NOTIFICATIONS_DEADLETTER.keySerde(serdes).serializer();
        this.ownValues = Topics.NOTIFICATIONS_DEADLETTER.valueSerde(serdes).serializer();
        this.consumer = new KafkaConsumer<>(kafka.clientConfig(Map.of(
            ConsumerConfig.GROUP_ID_CONFIG, group,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(50, 8 * settings.concurrency()))),
            Topics.NOTIFICATIONS.keySerde(serdes).deserializer(), Topics.NOTIFICATIONS.valueSerde(serdes).deserializer());
        this.inMemoryLimit = Math.max(1024, LANE_LIMIT * settings.concurrency());
        this.revokeWithin = settings.requestTimeout().plusSeconds(5);
        this.worker = new Thread(this::run, "trailwatch-notifications");
        worker.setDaemon(true);
        worker.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new PartitionHandOver(() -> stopping.getCount() > 0, this::stopLanes,
                delivered::flush, this::commit, progress::forget, delivered::reload));
            while (stopping.getCount() > 0) {
                final ConsumerRecords<String, String> records = consumer.poll(POLL);
                for (final ConsumerRecord<String, String> record : records) {
                    if (progress.take(partition(record), record.offset(), lane(record),
                        lanes.queued(lane(record)) >= LANE_LIMIT)) {
                        deliver(record);
                    }
                }
                lanes.rethrowFailure();
                if (stopping.getCount() == 0) {
                    // Stopped, as a crash would stop it: what is in flight is not committed, and the next start
                    // skips what the delivered set holds.
                    return;
                }
                progress.rewinds(lanes::queued, LANE_LIMIT / 2, consumer::position).forEach(consumer::seek);
                holdBack();
                commit();
            }
        } catch (final WakeupException | InterruptedException stopped) {
            // closing
        } catch (final RuntimeException e) {
            LOG.error("Notification deliveries stopped: {}", e.toString());
        } finally {
            consumer.close(CLOSE_WITHIN);
        }
    }

    /** Pauses reading while the lanes have too much waiting; the poll goes on, so the instance stays in its group. */
    private void holdBack() {
        final int waiting = lanes.size();
        if (waiting >= inMemoryLimit) {
            consumer.pause(consumer.assignment());
        } else if (waiting < inMemoryLimit / 2 && !consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    /** Commits each partition up to its oldest message not done, once what the lanes recorded is written. */
    private void commit() {
        progress.commit(consumer::position, delivered::flush, consumer::commitSync);
    }

    private void stopLanes(final Collection<TopicPartition> partitions) {
        try {
            lanes.revoke(partitions, revokeWithin.toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TopicPartition partition(final ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    /** One subscription's messages (one key) are delivered in order, on one lane. */
    private static String lane(final ConsumerRecord<String, String> record) {
        return record.key() == null ? "" : record.key();
    }

    /** Hands the delivery to its record's lane; the partition is committed only up to it until it is done. */
    private void enqueue(final ConsumerRecord<String, String> record, final DeliveryLanes.Job job) {
        final TopicPartition partition = partition(record);
        progress.started(partition, record.offset());
        lanes.add(lane(record), partition, () -> {
            job.run();
            progress.finished(partition, record.offset());
        });
    }

    /** Reads the notification here, on the consumer's thread; its request goes to its lane. */
    private void deliver(final ConsumerRecord<String, String> record) throws InterruptedException {
        final String value = record.value() == null ? "" : record.value();
        final JsonNode invocation = invocation(value);
        if (invocation != null) {
            invoke(record, invocation);
            return;
        }
        final Notification notification;
        try {
            notification = Notification.fromJson(value);
        } catch (final IllegalArgumentException e) {
            deadLetter(record, Topics.NOTIFICATIONS_DEADLETTER.name(), record.value(), e.getMessage());
            return;
        }
        if (delivered.handled(notification.deliveryId())) {
            return;
        }
        final Optional<SubscriptionDefinition> subscription = subscriptions.apply(notification.subscription());
        if (subscription.isEmpty()) {
            // unsubscribed (or its topic deleted) since it was published: SNS delivers nothing then either
            delivered.recordUnacknowledged(notification.deliveryId(), "unsubscribed");
            return;
        }
        final SubscriptionDefinition to = subscription.get();
        if (notification.isConfirmation() && !(to.pendingConfirmation()
            && Objects.equals(notification.token(), to.confirmationToken()))) {
            delivered.recordUnacknowledged(notification.deliveryId(), "confirmed already");
            return;
        }
        enqueue(record, () -> once(record, notification.deliveryId(), Topics.NOTIFICATIONS_DEADLETTER.name(),
            record.value(), () -> {
            switch (to.kind()) {
                case EMAIL -> mail.send(to.endpoint(), notification);
                case SLACK -> slack.deliver(to.endpoint(), JSON_BODY, notification.deliveryId(),
                    ChatMessages.slack(notification));
                case PAGERDUTY -> {
                    final Optional<String> event = ChatMessages.pagerDuty(notification, to.endpoint());
                    if (event.isPresent()) {
                        pagerDuty.deliver(pagerDutyUrl, JSON_BODY, notification.deliveryId(), event.get());
                    }
                }
                default -> client.deliver(to.endpoint(), SnsEnvelope.headers(notification, arns.subscription(to)),
                    notification.deliveryId(), SnsEnvelope.body(notification));
            }
        }));
    }

    /** The message as an API destination's invocation, or null when it is something else (a notification). */
    private static JsonNode invocation(final String value) {
        try {
            final JsonNode tree = JSON.readTree(value);
            return ApiDestinationInvocation.is(tree) ? tree : null;
        } catch (final java.io.IOException e) {
            return null; // not JSON: the notification reader dead-letters it with its reason
        }
    }

    /**
     * An API destination target's invocation; what still fails goes to the target's DeadLetterConfig topic (the
     * event, as EventBridge sends it to its dead-letter queue), or to Trailwatch's own with the whole message.
     */
    private void invoke(final ConsumerRecord<String, String> record, final JsonNode message)
        throws InterruptedException {
        final ApiDestinationInvocation invocation;
        try {
            invocation = ApiDestinationInvocation.from(message);
        } catch (final IllegalArgumentException e) {
            deadLetter(record, Topics.NOTIFICATIONS_DEADLETTER.name(), record.value(), e.getMessage());
            return;
        }
        if (delivered.handled(invocation.deliveryId())) {
            return;
        }
        final boolean ownQueue = invocation.deadLetterTopic() != null;
        enqueue(record, () -> once(record, invocation.deliveryId(), ownQueue ? invocation.deadLetterTopic()
            : Topics.NOTIFICATIONS_DEADLETTER.name(), ownQueue ? invocation.body() : record.value(),
            () -> invoker.invoke(invocation)));
    }

    /** One delivery attempt run; what fails for good is dead-lettered; either outcome is recorded as handled. */
    @FunctionalInterface
    private interface Send {
        void run() throws DeliveryFailedException, InterruptedException;
    }

    private void once(final ConsumerRecord<String, String> record, final String deliveryId,
                      final String deadLetterTopic, final String deadLetterValue, final Send send)
        throws InterruptedException {
        if (delivered.handled(deliveryId)) {
            return; // the same delivery twice on the partition: the first is done
        }
        try {
            send.run();
            delivered.recordUnacknowledged(deliveryId, "delivered");
        } catch (final DeliveryFailedException e) {
            deadLetter(record, deadLetterTopic, deadLetterValue, e.getMessage());
            delivered.recordUnacknowledged(deliveryId, "dead-lettered");
        }
    }

    /** @throws InterruptedException stopping, or the partition revoked: the next start or owner does it again */
    private void deadLetter(final ConsumerRecord<String, String> record, final String topic, final String value,
                            final String reason) throws InterruptedException {
        LOG.error("Sending notification {}-{}@{} to {}: {}", record.topic(), record.partition(), record.offset(),
            topic, reason);
        final boolean own = Topics.NOTIFICATIONS_DEADLETTER.name().equals(topic);
        final ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic,
            own ? ownKeys.serialize(topic, record.key()) : utf8(record.key()),
            own ? ownValues.serialize(topic, value) : utf8(value));
        letter.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        letter.headers().add(SOURCE_HEADER, (record.topic() + "-" + record.partition() + "@" + record.offset())
            .getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters.send(letter).get(30, TimeUnit.SECONDS);
        } catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot dead-letter a notification: " + reason, e);
        }
    }

    private static byte[] utf8(final String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Stops within seconds, even with the broker already gone (shutdown hooks run together): what is in flight is
     * neither committed nor lost, the next start delivers it; what was answered is recorded (the producer's close
     * sends what it holds).
     */
    @Override
    public void close() {
        stopping.countDown();
        consumer.wakeup();
        final long deadline = System.nanoTime() + CLOSE_WITHIN.toNanos();
        try {
            worker.join(CLOSE_WITHIN.toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lanes.close(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        deadLetters.close(CLOSE_WITHIN);
        delivered.close(CLOSE_WITHIN);
    }
}
