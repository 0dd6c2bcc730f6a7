package io.trailwatch.app.cli;

import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.registry.SchemaRegistryException;
import io.trailwatch.schemas.serde.AvroSerdeConfig;
import io.trailwatch.schemas.serde.SerdeContext;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Publishes validated audit events to {@code trailwatch.audit} all or nothing: every record in one Kafka transaction,
 * committed only when every record was accepted, so a consumer reading read_committed (the processors, the archive,
 * {@code tail}) sees all of them or none.
 *
 * <p>Nothing waits long on a Kafka or a registry that is not there: a registry request gives up after
 * {@link #REGISTRY_TIMEOUT}, and each blocking step of the producer (finding the transaction coordinator, the topic's
 * metadata, the commit) after {@link #MAX_BLOCK}, so an unreachable broker is reported after about 5 s and a broker
 * lost halfway within 15 s. The broker aborts a transaction left open longer than {@link #TRANSACTION_TIMEOUT}, as
 * when the command is killed halfway.
 *
 * <p>The CLI's {@code publish} and CloudTrail Data's PutAuditEvents both publish through it.
 */
public final class AuditTransaction {

    static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(5);
    static final Duration MAX_BLOCK = Duration.ofSeconds(4);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(8);
    static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

    /** Why nothing was published: a one-line message for the user, and the exit code. */
    public static final class Failure extends Exception {
        private final int exitCode;

        Failure(final String message, final int exitCode) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    private static final String CLI_CLIENT_ID = "trailwatch-cli-publish";

    private final KafkaAccess kafka;
    private final String bootstrapServers;
    private final String clientId;
    private final Function<Map<String, Object>, Producer<byte[], byte[]>> producers;

    AuditTransaction(final KafkaAccess kafka) {
        this(kafka, CLI_CLIENT_ID);
    }

    /** @param clientId the producer's client id, and the prefix of its transactional ids */
    public AuditTransaction(final KafkaAccess kafka, final String clientId) {
        this(kafka, clientId,
            config -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** With another producer than Kafka's, for tests. */
    AuditTransaction(final KafkaAccess kafka,
                     final Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
        this(kafka, CLI_CLIENT_ID, producers);
    }

    private AuditTransaction(final KafkaAccess kafka, final String clientId,
                             final Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
        this.kafka = kafka;
        this.bootstrapServers = kafka.bootstrapServers();
        this.clientId = clientId;
        this.producers = producers;
    }

    /**
     * Encodes the events for {@code trailwatch.audit} (keyed by eventID, stamped with the event time), registering
     * their schemas in the registry as any producer of the topic would.
     */
    static List<ProducerRecord<byte[], byte[]>> encode(final List<AuditEvent> events, final String registryUrl)
        throws Failure {
        final SerdeContext serdes;
        try {
            serdes = SerdeContext.fromConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl,
                AvroSerdeConfig.REQUEST_TIMEOUT_MS, (int) REGISTRY_TIMEOUT.toMillis()));
        } catch (final ConfigException e) {
            throw new Failure("--schema-registry-url " + registryUrl + ": " + e.getMessage(), 2);
        }
        return encode(events, serdes, registryUrl);
    }

    /** As {@link #encode(List, String)}, with the serdes of a running instance. */
    public static List<ProducerRecord<byte[], byte[]>> encode(final List<AuditEvent> events,
                                                              final SerdeContext serdes, final String registryUrl)
        throws Failure {
        final Serializer<String> keys;
        final Serializer<AuditEvent> values;
        try {
            keys = Topics.AUDIT.keySerde(serdes).serializer();
            values = Topics.AUDIT.valueSerde(serdes).serializer();
        } catch (final ConfigException e) {
            throw new Failure("--schema-registry-url " + registryUrl + ": " + e.getMessage(), 2);
        }
        final String topic = Topics.AUDIT.name();
        final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            final AuditEvent event = events.get(i);
            try {
                records.add(new ProducerRecord<>(topic, null, event.getEventTime().toEpochMilli(),
                    keys.serialize(topic, event.getEventID()), values.serialize(topic, event)));
            } catch (final SchemaRegistryException e) {
                if (e.httpStatus() < 0) {
                    throw new Failure("cannot reach the schema registry at " + registryUrl + " ("
                        + (e.getCause() == null ? e.getMessage() : cause(e.getCause())) + "); nothing was published", 1);
                }
                throw new Failure("the schema registry at " + registryUrl + " refused the audit event schema: "
                    + e.getMessage() + "; nothing was published", 1);
            } catch (final IllegalArgumentException e) {
                throw new Failure("--schema-registry-url " + registryUrl + " is not a usable URL: " + e.getMessage(), 2);
            } catch (final KafkaException e) {
                throw new Failure(PublishCommand.recordName(i, events.size(), event.getEventID())
                    + ": cannot be encoded: " + cause(e) + "; nothing was published", 1);
            }
        }
        return records;
    }

    /** The producer's settings: transactional, and bounded in every wait (see the class comment). */
    Map<String, Object> producerConfig() {
        final Map<String, Object> config = new HashMap<>(kafka.clientConfig(Map.of()));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        // Unique per run: two runs at once must not fence each other; nothing is resumed across runs.
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, clientId + "-" + UUID.randomUUID());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
        return config;
    }

    /**
     * Publishes the records in one transaction: all of them, or, on any failure, none (the transaction is aborted,
     * or never committed and then aborted by the broker).
     *
     * @throws Failure naming the broker, the record when Kafka refused one, and the problem
     */
    public void publish(final List<ProducerRecord<byte[], byte[]>> records, final List<AuditEvent> events)
        throws Failure {
        final Producer<byte[], byte[]> producer;
        try {
            producer = producers.apply(producerConfig());
        } catch (final KafkaException e) {
            final Throwable root = root(e);
            if (root instanceof ConfigException && !String.valueOf(root.getMessage()).contains("resolvable")) {
                throw new Failure("--bootstrap-servers " + bootstrapServers + ": " + cause(root), 2);
            }
            throw new Failure(unreachable(e), 1);
        }
        boolean open = false;
        RuntimeException failure = null;
        try {
            try {
                producer.initTransactions();
            } catch (final TimeoutException e) {
                failure = e;
                throw new Failure("cannot reach Kafka at " + bootstrapServers + " (no answer within "
                    + MAX_BLOCK.toSeconds() + " s); nothing was published", 1);
            }
            producer.beginTransaction();
            open = true;
            final List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            try {
                for (final ProducerRecord<byte[], byte[]> record : records) {
                    final Future<RecordMetadata> future = producer.send(record);
                    sent.add(future);
                    if (failureOf(future) != null) {
                        break; // refused at once (no topic, too large): the rest would be refused as well
                    }
                }
            } catch (final KafkaException e) {
                failure = e;
                throw refused(sent, events, e);
            }
            final Failure refused = refused(sent, events, null);
            if (refused != null) {
                throw refused;
            }
            try {
                producer.commitTransaction();
                open = false;
            } catch (final TimeoutException e) {
                failure = e;
                throw new Failure("Kafka at " + bootstrapServers + " did not confirm the transaction of "
                    + records.size() + " record" + (records.size() == 1 ? "" : "s") + " within "
                    + MAX_BLOCK.toSeconds() + " s (" + cause(e) + "): they may or may not have been published", 1);
            } catch (final KafkaException e) {
                failure = e;
                throw refused(sent, events, e);
            }
        } catch (final KafkaException e) {
            failure = e;
            throw new Failure("Kafka at " + bootstrapServers + " did not take the records: " + cause(e)
                + "; nothing was published", 1);
        } finally {
            close(producer, open && !(failure instanceof TimeoutException));
        }
    }

    /**
     * Why the records were refused: the first record Kafka refused, named, or (with {@code failure} given) the
     * failure itself; null when no record was refused and no failure given.
     */
    private Failure refused(final List<Future<RecordMetadata>> sent, final List<AuditEvent> events,
                            final KafkaException failure) {
        for (int i = 0; i < sent.size(); i++) {
            final Throwable why = failureOf(sent.get(i));
            if (why == null || why instanceof TransactionAbortedException) {
                continue; // not failed, or failed only because another record's failure aborted the transaction
            }
            if (why instanceof TimeoutException && String.valueOf(why.getMessage()).contains("not present in metadata")) {
                return new Failure("Kafka at " + bootstrapServers + " has no topic " + Topics.AUDIT.name()
                    + " (trailwatch up creates it); nothing was published", 1);
            }
            return new Failure(PublishCommand.recordName(i, events.size(), events.get(i).getEventID())
                + ": refused by Kafka at " + bootstrapServers + ": " + cause(why) + "; nothing was published", 1);
        }
        return failure == null ? null : new Failure("Kafka at " + bootstrapServers + " did not take the records: "
            + cause(failure) + "; nothing was published", 1);
    }

    /** The failure of a send that completed with one, or null. */
    private static Throwable failureOf(final Future<RecordMetadata> future) {
        if (!future.isDone()) {
            return null;
        }
        try {
            future.get();
            return null;
        } catch (final ExecutionException e) {
            return e.getCause();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Closes the producer, aborting a transaction still open when the broker answers. After a timeout it is not
     * waited for again: the transaction, never committed, is aborted by the broker after its timeout.
     */
    private static void close(final Producer<byte[], byte[]> producer, final boolean abort) {
        if (abort) {
            try {
                producer.abortTransaction();
            } catch (final KafkaException | IllegalStateException e) {
                // a fatal error, or no answer: the transaction is abandoned, never committed, and aborted by the broker
            }
        }
        try {
            producer.close(CLOSE_TIMEOUT);
        } catch (final KafkaException e) {
            // nothing more to do about a producer that does not close cleanly
        }
    }

    private String unreachable(final Throwable e) {
        return "cannot reach Kafka at " + bootstrapServers + " (" + cause(e) + "); nothing was published";
    }

    /**
     * Why, in one line: "connection refused" or "unknown host" for the network errors that carry no message, or the
     * innermost message.
     */
    static String cause(final Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedChannelException) {
                return t.getMessage() == null || t.getMessage().isBlank() ? "connection refused" : oneLine(t);
            }
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return t.getMessage() == null ? "unknown host" : "unknown host " + oneLine(t);
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = oneLine(t);
            }
        }
        return message != null ? message : root(e).getClass().getSimpleName();
    }

    private static String oneLine(final Throwable e) {
        return e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static Throwable root(final Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
