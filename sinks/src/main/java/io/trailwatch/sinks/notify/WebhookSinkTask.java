package io.trailwatch.sinks.notify;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.schemas.registry.SchemaRegistryException;
import io.trailwatch.schemas.serde.AvroDeserializer;
import io.trailwatch.schemas.serde.SerdeContext;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alarm state changes to a webhook, each transition once: in order, synchronously (so the offsets Connect
 * commits after {@link #put} returns only cover delivered records), skipping those already delivered before a
 * restart, those whose notifications a mute rule held back (their release, same id, is delivered) and those of
 * alarms with actions disabled. What cannot be delivered goes to the dead-letter topic with the reason.
 */
public final class WebhookSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSinkTask.class);
    private static final long REGISTRY_RETRY_MS = 1_000;

    private final CountDownLatch stopping = new CountDownLatch(1);
    private AvroDeserializer<AlarmStateChange> decoder;
    private Payloads payloads;
    private WebhookClient client;
    private DeliveredTransitions delivered;
    private ErrantRecordReporter deadLetters;

    @Override
    public String version() {
        return WebhookSinkConnector.VERSION;
    }

    @Override
    public void start(final Map<String, String> properties) {
        final WebhookSinkConfig config = new WebhookSinkConfig(properties);
        deadLetters = context.errantRecordReporter();
        if (deadLetters == null) {
            throw new ConnectException("the worker offers no dead-letter reporting (Connect 2.6 or later is needed)");
        }
        // The URL and, for a registry that authenticates, its credentials and trust store (serde settings).
        decoder = new AvroDeserializer<>(SerdeContext.fromConfig(properties), AlarmStateChange.class);
        payloads = new Payloads(config.format(), config.routingKey());
        client = new WebhookClient(config.url(), config.retryPolicy(), config.requestTimeout(),
            wait -> stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS));
        delivered = new DeliveredTransitions(config.deliveredBootstrapServers(), config.deliveredClientSettings(),
            config.deliveredTopic(),
            properties.getOrDefault("name", "webhook"));
    }

    @Override
    public void put(final Collection<SinkRecord> records) {
        for (final SinkRecord record : records) {
            try {
                handle(record);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("interrupted delivering " + record.topic() + "-" + record.kafkaPartition()
                    + "@" + record.kafkaOffset(), e);
            }
        }
    }

    private void handle(final SinkRecord record) throws InterruptedException {
        if (record.value() == null) {
            deadLetter(record, null, "value is null (a tombstone): not an AlarmStateChange");
            return;
        }
        final AlarmStateChange change;
        try {
            change = decoder.deserialize(record.topic(), bytes(record));
        } catch (final SchemaRegistryException e) {
            // The registry, not the record, failed (unknown ids come wrapped as SerializationException): retry.
            context.timeout(REGISTRY_RETRY_MS);
            throw new RetriableException("schema registry unavailable; retrying: " + e.getMessage(), e);
        } catch (final RuntimeException e) {
            deadLetter(record, null, "not an AlarmStateChange: " + e.getMessage());
            return;
        }
        if (delivered.handled(change.getId())) {
            return;
        }
        if (!change.getMutedBy().isEmpty()) {
            LOG.info("Holding back {} {} -> {}: muted by {}", change.getAlarmName(), change.getPreviousState().getValue(),
                change.getState().getValue(), change.getMutedBy());
            return;
        }
        if (!change.getConfiguration().getActionsEnabled()) {
            return;
        }
        final Optional<String> body = payloads.of(change);
        if (body.isEmpty()) {
            return;
        }
        try {
            client.deliver(change.getId(), body.get());
            delivered.record(change.getId(), "delivered");
        } catch (final DeliveryFailedException e) {
            deadLetter(record, change.getId(), e.getMessage());
        }
    }

    private void deadLetter(final SinkRecord record, final String transitionId, final String reason) {
        LOG.error("Sending {}-{}@{} to the dead-letter topic: {}", record.topic(), record.kafkaPartition(),
            record.kafkaOffset(), reason);
        try {
            deadLetters.report(record, new ConnectException(reason)).get();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted dead-lettering a record", e);
        } catch (final java.util.concurrent.ExecutionException e) {
            throw new ConnectException("cannot dead-letter a record: " + reason, e);
        }
        if (transitionId != null) {
            delivered.record(transitionId, "dead-lettered");
        }
    }

    private static byte[] bytes(final SinkRecord record) {
        if (record.value() instanceof byte[]) {
            return (byte[]) record.value();
        }
        throw new IllegalArgumentException("expected raw bytes (value.converter=org.apache.kafka.connect.converters."
            + "ByteArrayConverter), got " + record.value().getClass().getName());
    }

    @Override
    public void stop() {
        stopping.countDown();
        if (delivered != null) {
            delivered.close();
        }
    }
}
