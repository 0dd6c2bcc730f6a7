package io.trailwatch.app.cli;

import io.trailwatch.schemas.kafka.KafkaAccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.UserIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** All or nothing: one transaction for every record, aborted when Kafka refuses any of them. */
class AuditTransactionTest {

    private static final Instant TIME = Instant.parse("2026-11-21T10:00:00Z");

    private static List<AuditEvent> events(final int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> AuditEvent.newBuilder()
            .setEventID("e-" + i).setEventTime(TIME).setEventSource("s3.amazonaws.com").setEventName("ListBuckets")
            .setAwsRegion("eu-west-1").setSourceIPAddress("198.51.100.1")
            .setUserIdentity(UserIdentity.newBuilder().setType("IAMUser").build()).build()).toList();
    }

    private static List<ProducerRecord<byte[], byte[]>> records(final List<AuditEvent> events) {
        return events.stream().map(event -> new ProducerRecord<>("trailwatch.audit", null,
            event.getEventTime().toEpochMilli(), event.getEventID().getBytes(StandardCharsets.UTF_8),
            event.getEventName().getBytes(StandardCharsets.UTF_8))).toList();
    }

    /** Completes every send but the n-th, which Kafka refuses; a commit after a refusal fails, as Kafka's does. */
    private static final class RefusingProducer extends MockProducer<byte[], byte[]> {
        private final int refused;
        private int sends;

        RefusingProducer(final int refused) {
            super(false, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.refused = refused;
        }

        @Override
        public synchronized Future<RecordMetadata> send(final ProducerRecord<byte[], byte[]> record) {
            final Future<RecordMetadata> future = super.send(record);
            if (++sends == refused) {
                errorNext(new RecordTooLargeException("The message is 2000000 bytes when serialized"));
            } else {
                completeNext();
            }
            return future;
        }

        @Override
        public void commitTransaction() {
            if (sends >= refused) {
                throw new KafkaException("Cannot execute transactional method because we are in an error state");
            }
            super.commitTransaction();
        }
    }

    @Test
    void publishesEveryRecordInOneCommittedTransaction() throws Exception {
        final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        final List<AuditEvent> events = events(3);

        new AuditTransaction(KafkaAccess.plaintext("kafka:9092"), config -> producer).publish(records(events), events);

        assertThat(producer.transactionInitialized()).isTrue();
        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(producer.history()).hasSize(3);
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aRecordKafkaRefusesAbortsTheTransactionAndIsNamed() {
        final RefusingProducer producer = new RefusingProducer(2);
        final List<AuditEvent> events = events(3);

        final AuditTransaction.Failure failure = catchThrowableOfType(AuditTransaction.Failure.class,
            () -> new AuditTransaction(KafkaAccess.plaintext("kafka:9092"), config -> producer).publish(records(events), events));

        assertThat(failure.exitCode()).isEqualTo(1);
        assertThat(failure.getMessage()).isEqualTo("record 2 of 3 (eventID e-2): refused by Kafka at kafka:9092: "
            + "The message is 2000000 bytes when serialized; nothing was published");
        assertThat(producer.transactionCommitted()).isFalse();
        assertThat(producer.transactionAborted()).isTrue();
        assertThat(producer.history()).isEmpty();
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void noAnswerFromKafkaIsCannotReach() {
        final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactionException = new TimeoutException("Timeout expired after 4000ms while awaiting "
            + "InitProducerId");
        final List<AuditEvent> events = events(1);

        final AuditTransaction.Failure failure = catchThrowableOfType(AuditTransaction.Failure.class,
            () -> new AuditTransaction(KafkaAccess.plaintext("kafka:9092"), config -> producer).publish(records(events), events));

        assertThat(failure.exitCode()).isEqualTo(1);
        assertThat(failure.getMessage()).isEqualTo("cannot reach Kafka at kafka:9092 (no answer within 4 s); "
            + "nothing was published");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void everyWaitIsBoundedSoTheWholeCallGivesUpWithin15Seconds() {
        final Map<String, Object> config = new AuditTransaction(KafkaAccess.plaintext("kafka:9092")).producerConfig();

        assertThat(config).containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)
            .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
            .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
        final Duration maxBlock = Duration.ofMillis((Integer) config.get(ProducerConfig.MAX_BLOCK_MS_CONFIG));
        // The blocking steps: initTransactions, the first send (metadata), commitTransaction.
        assertThat(maxBlock.multipliedBy(3)).isLessThanOrEqualTo(Duration.ofSeconds(15));
        assertThat((Integer) config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).isGreaterThanOrEqualTo(
            (Integer) config.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG) + (Integer) config.get(ProducerConfig.LINGER_MS_CONFIG));
        assertThat((Integer) config.get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)).isEqualTo(15_000);
    }
}
