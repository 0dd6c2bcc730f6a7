package io.trailwatch.app.http.access;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import io.trailwatch.schemas.text.Printable;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each call to Trailwatch's API on the audit trail, as CloudTrail records calls to AWS's APIs. Sent
 * asynchronously (a call does not wait for its record, as AWS's do not wait for CloudTrail), idempotently and
 * acknowledged by every in-sync replica; a record that cannot be written is logged and counted.
 */
public final class SelfAudit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SelfAudit.class);

    private final Producer<String, AuditEvent> producer;
    private final boolean dataEvents;
    private final AtomicLong failed = new AtomicLong();

    public SelfAudit(final Producer<String, AuditEvent> producer, final boolean dataEvents) {
        this.producer = producer;
        this.dataEvents = dataEvents;
    }

    /**
     * @param dataEvents whether data-plane calls (publishing events, metrics, logs) are recorded too; off by
     *                   default, as CloudTrail's data events are opt-in
     */
    public static SelfAudit toKafka(final KafkaAccess kafka, final SerdeContext serdes, final boolean dataEvents) {
        return new SelfAudit(new KafkaProducer<>(kafka.clientConfig(Map.of(
            ProducerConfig.CLIENT_ID_CONFIG, "trailwatch-self-audit",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, 5)),
            Topics.AUDIT.keySerde(serdes).serializer(), Topics.AUDIT.valueSerde(serdes).serializer()), dataEvents);
    }

    public boolean recordsDataEvents() {
        return dataEvents;
    }

    public void record(final AuditEvent event) {
        producer.send(new ProducerRecord<>(Topics.AUDIT.name(), event.getEventID(), event), (metadata, error) -> {
            if (error != null) {
                failed.incrementAndGet();
                LOG.warn("Could not record {} by {} on the audit trail: {}", Printable.escape(event.getEventName()),
                    Printable.escape(String.valueOf(event.getUserIdentity().getArn())), error.toString());
            }
        });
    }

    /** Records that could not be written since start. */
    public long failedRecords() {
        return failed.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
