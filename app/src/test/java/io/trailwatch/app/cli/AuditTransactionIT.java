package io.trailwatch.app.cli;

import io.trailwatch.app.TopicKeys;
import io.trailwatch.schemas.kafka.KafkaAccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.UserIdentity;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code trailwatch publish audit}'s transaction against the real broker: when Kafka refuses one record after others
 * were written, the transaction is aborted, and a read_committed reader sees none of them.
 */
class AuditTransactionIT {

    private static TestInfrastructure infrastructure;

    @BeforeAll
    static void start() {
        infrastructure = TestInfrastructure.get();
        infrastructure.createTopics(Topics.AUDIT);
    }

    /** Writes every record to the broker, but refuses the n-th, as Kafka refuses a record, after flushing the others. */
    private static final class RefusingProducer extends KafkaProducer<byte[], byte[]> {
        private final int refused;
        private int sends;

        RefusingProducer(final Map<String, Object> config, final int refused) {
            super(config, new ByteArraySerializer(), new ByteArraySerializer());
            this.refused = refused;
        }

        @Override
        public Future<RecordMetadata> send(final ProducerRecord<byte[], byte[]> record, final Callback callback) {
            if (++sends == refused) {
                flush(); // the records before are on the broker, in the open transaction
                return CompletableFuture.failedFuture(new RecordTooLargeException("refused by the test"));
            }
            return super.send(record, callback);
        }
    }

    @Test
    void aRecordRefusedHalfwayLeavesNothingForReadCommittedReaders() {
        final String ids = UniqueNames.of("cli-abort");
        final List<AuditEvent> events = IntStream.rangeClosed(1, 4).mapToObj(i -> AuditEvent.newBuilder()
            .setEventID(ids + "-" + i).setEventTime(Instant.now()).setEventSource("s3.amazonaws.com")
            .setEventName("ListBuckets").setAwsRegion("eu-west-1").setSourceIPAddress("198.51.100.1")
            .setUserIdentity(UserIdentity.newBuilder().setType("IAMUser").build()).build()).toList();
        final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        // Registering a subject for the first time can conflict with another test class doing the same: retried.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            records.clear();
            records.addAll(AuditTransaction.encode(events, infrastructure.registryUrl()));
            return true;
        });

        // On a loaded machine the shared broker's transaction coordinator may not answer within the CLI's 4 s the
        // first time (the first transactional producer creates __transaction_state): that attempt published nothing,
        // so it is tried again.
        final AuditTransaction.Failure failure = await().atMost(Duration.ofSeconds(90)).until(
            () -> catchThrowableOfType(AuditTransaction.Failure.class, () -> new AuditTransaction(
                KafkaAccess.plaintext(infrastructure.bootstrapServers()), config -> new RefusingProducer(config, 3))
                .publish(records, events)),
            refused -> refused == null || !refused.getMessage().startsWith("cannot reach Kafka"));

        assertThat(failure.exitCode()).isEqualTo(1);
        assertThat(failure.getMessage()).isEqualTo("record 3 of 4 (eventID " + ids + "-3): refused by Kafka at "
            + infrastructure.bootstrapServers() + ": refused by the test; nothing was published");
        // The first two records reached the log (a read_uncommitted reader sees them), in a transaction that was
        // aborted: a read_committed reader, as the processors are, sees none.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(keys("read_uncommitted"))
            .filteredOn(key -> key.contains(ids)).hasSize(2));
        assertThat(keys("read_committed")).noneMatch(key -> key.contains(ids));
    }

    /** The keys of the audit topic up to its end for a reader of that isolation level, as text of the raw bytes. */
    private static List<String> keys(final String isolation) {
        return TopicKeys.upToEnd(infrastructure.bootstrapServers(), Topics.AUDIT.name(), isolation);
    }
}
