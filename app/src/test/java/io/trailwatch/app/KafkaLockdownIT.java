package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.cli.CallerCredentials;
import io.trailwatch.app.stack.LocalStack;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.ingest.TrailwatchPublisher;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.definitions.ConfigFile;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import io.trailwatch.stack.FreePorts;
import io.trailwatch.testkit.UniqueNames;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The data plane of the local stack, as an outsider meets it: its own embedded broker requires SASL/SCRAM and
 * ACLs. An anonymous or unknown producer writes nothing; a publisher's access key writes the trail and nothing
 * else, and what it writes raises an alarm; a reader's key reads alarms but not the trail. The second client
 * listener, SASL/PLAIN for librdkafka before 2.6.1 (whose SCRAM Kafka 4 refuses), takes the same keys under the same
 * ACLs: Debian's kcat and python3-confluent-kafka (librdkafka 2.0.2) publish through it.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ_WRITE)
@ResourceLock(WholeStack.LOCK)
class KafkaLockdownIT {

    /** Debian's interpreter: the one that sees Debian's python3-confluent-kafka and python3-avro. */
    private static final String PYTHON = "/usr/bin/python3";
    private static final String KCAT = "kcat";

    private static LocalStack stack;
    private static Path dataDir;
    private static SerdeContext serdes;
    private static String bucket;
    private static String alarm;
    private static Path scripts;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("trailwatch-kafka-lockdown");
        bucket = UniqueNames.of("locked-bucket");
        alarm = "LockedBucketDeleted";
        final String yaml = RunningTrailwatch.bucketAlarmYaml(alarm, bucket);
        final List<DefinitionEntry> definitions = ConfigFile.parse(
            new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "lockdown");
        final int[] ports = FreePorts.pick(4);
        stack = new LocalStack().start(new LocalStack.Options(dataDir, null, null, ports[0], ports[1], "127.0.0.1",
            ports[2], definitions, Map.of(), LocalStack.HttpAccess.DEFAULTS, ports[3]));
        assertThat(stack.awaitProcessors(Duration.ofMinutes(2))).isTrue();
        assertThat(stack.plainBootstrapServers()).isEqualTo("127.0.0.1:" + ports[3]);
        serdes = SerdeContext.forRegistry(stack.registryUrl());
        scripts = Files.createTempDirectory("kafka-lockdown-scripts");
        try (InputStream in = KafkaLockdownIT.class.getResourceAsStream("/interop/produce_audit_via_registry_proxy.py")) {
            Files.copy(in, scripts.resolve("produce.py"));
        }
        Files.writeString(scripts.resolve("AuditEvent.avsc"), AuditEvent.getClassSchema().toString(true));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void trailwatchsOwnPrincipalIsKeptOwnerOnly() throws Exception {
        assertThat(stack.kafka().secured()).isTrue();
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("kafka-client.properties")))
            .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(dataDir.resolve("kafka-client.properties"))).contains("SCRAM-SHA-512");
    }

    @Test
    void aPlaintextOrUnknownProducerWritesNothing() throws Exception {
        final String eventId = UUID.randomUUID().toString();
        final KafkaAccess anonymous = KafkaAccess.plaintext(stack.bootstrapServers());
        final KafkaAccess unknown = KafkaAccess.scram(stack.bootstrapServers(), "AKIAUNKNOWNUNKNOWN00",
            "not-a-secret-of-anyone");
        for (final KafkaAccess outsider : List.of(anonymous, unknown)) {
            try (KafkaProducer<byte[], byte[]> producer = producer(outsider)) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.AUDIT.name(),
                    eventId.getBytes(StandardCharsets.UTF_8), encoded(deleteBucket(eventId, "forged"))))
                    .get(20, TimeUnit.SECONDS)).as(outsider.toString()).isNotNull();
            }
        }
        assertThat(auditIds()).doesNotContain(eventId);
    }

    @Test
    void aPublishersKeyWritesTheTrailAndRaisesTheAlarmButNothingElse() throws Exception {
        final CallerCredentials publisher = keyOf(ManagedPolicies.TRAILWATCH_PUBLISHER);
        final KafkaAccess asPublisher = KafkaAccess.scram(stack.bootstrapServers(), publisher.accessKeyId(),
            publisher.secretAccessKey());
        final String eventId = UUID.randomUUID().toString();
        // Its SCRAM credential and ACLs follow the key within a reconciliation pass.
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (TrailwatchPublisher client = TrailwatchPublisher.builder().kafka(asPublisher)
                .schemaRegistryUrl(stack.registryUrl()).producerConfig(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000)
                .producerConfig(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000)
                .producerConfig(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000).build()) {
                client.publish(deleteBucket(eventId, bucket)).get(15, TimeUnit.SECONDS);
                return true;
            }
        });
        assertThat(auditIds()).contains(eventId);

        try (KafkaProducer<byte[], byte[]> producer = producer(asPublisher)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.ALARMS.name(), new byte[] {1},
                new byte[] {0})).get(20, TimeUnit.SECONDS)).hasMessageContaining("TopicAuthorization");
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(asPublisher)) {
            consumer.subscribe(List.of(Topics.AUDIT.name()));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                .hasMessageContaining("Not authorized");
        }

        final AlarmStateChange raised = Awaitility.await().atMost(Duration.ofSeconds(120))
            .until(() -> alarmChanges().stream().filter(change -> change.getState().getValue()
                == AlarmStateValue.ALARM).findFirst().orElse(null), change -> change != null);
        assertThat(raised.getAlarmName()).isEqualTo(alarm);
    }

    @Test
    void aReadersKeyReadsAlarmsButNotTheTrailOfAnotherGroup() throws Exception {
        final CallerCredentials reader = keyOf(ManagedPolicies.READ_ONLY_ACCESS);
        final KafkaAccess asReader = KafkaAccess.scram(stack.bootstrapServers(), reader.accessKeyId(),
            reader.secretAccessKey());
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(asReader)) {
                return consumer.partitionsFor(Topics.ALARMS.name(), Duration.ofSeconds(5)).size()
                    == Topics.ALARMS.partitions();
            }
        });
        try (KafkaProducer<byte[], byte[]> producer = producer(asReader)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.AUDIT.name(), new byte[] {1},
                new byte[] {0})).get(20, TimeUnit.SECONDS)).hasMessageContaining("TopicAuthorization");
        }
    }

    @Test
    void anAdministratorsKeyReadsAnyTopicButTheDefinitionsWhichHoldConnectionSecrets() throws Exception {
        final CallerCredentials admin = administrator();
        final KafkaAccess asAdministrator = KafkaAccess.scram(stack.bootstrapServers(), admin.accessKeyId(),
            admin.secretAccessKey());
        final org.apache.kafka.common.TopicPartition alarms = new org.apache.kafka.common.TopicPartition(
            Topics.ALARMS.name(), 0);
        final org.apache.kafka.common.TopicPartition config = new org.apache.kafka.common.TopicPartition(
            Topics.CONFIG.name(), 0);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(asAdministrator)) {
            consumer.assign(List.of(alarms));
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> consumer.position(alarms, Duration.ofSeconds(5)) >= 0);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(asAdministrator)) {
            consumer.assign(List.of(config));
            consumer.seekToBeginning(List.of(config));
            assertThatThrownBy(() -> {
                for (int i = 0; i < 25; i++) {
                    consumer.poll(Duration.ofMillis(200));
                }
            }).isInstanceOf(org.apache.kafka.common.errors.TopicAuthorizationException.class);
        }
    }

    @Test
    void kcatLogsInOverPlainWithAPublishersKeyAndIsHeldToItsAcls() throws Exception {
        final CallerCredentials publisher = keyOf(ManagedPolicies.TRAILWATCH_PUBLISHER);
        // Logged in at once (the identity service checks the password); the topics it may describe, the trail
        // among them, follow its ACLs within a reconciliation pass.
        final ExternalClient metadata = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> kcat(
            publisher.accessKeyId(), publisher.secretAccessKey(), null, "-L"), listed -> listed.exitCode() == 0
            && listed.output().contains("topic \"" + Topics.AUDIT.name() + "\""));
        assertThat(metadata.output()).doesNotContain("topic \"" + Topics.IDENTITY.name() + "\"");

        // An audit event in Confluent's wire format (Avro under the registry's schema id), one message per file as
        // kcat produces files: it reaches the event history as any publisher's.
        final String key = UUID.randomUUID().toString();
        final Path message = Files.createTempFile("kcat-audit", ".avro");
        Files.write(message, encoded(deleteBucket(key, UniqueNames.of("kcat-bucket"))));
        final ExternalClient produced = kcat(publisher.accessKeyId(), publisher.secretAccessKey(), null,
            "-P", "-t", Topics.AUDIT.name(), "-k", key, message.toString());
        assertThat(produced.exitCode()).as(produced.output()).isZero();
        assertThat(auditIds()).contains(key);
        assertThat(Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> historyEvent("DeleteBucket", "bob",
            key), event -> event != null).path("EventSource").asText()).isEqualTo("s3.amazonaws.com");

        final ExternalClient alarms = kcat(publisher.accessKeyId(), publisher.secretAccessKey(), "forged\n", "-P",
            "-t", Topics.ALARMS.name(), "-k", key);
        assertThat(alarms.exitCode()).as(alarms.output()).isNotZero();
        assertThat(alarms.output()).containsIgnoringCase("Topic authorization failed");

        final ExternalClient wrongSecret = kcat(publisher.accessKeyId(),
            TestSecrets.otherThan(publisher.secretAccessKey()), null, "-L");
        assertThat(wrongSecret.exitCode()).as(wrongSecret.output()).isNotZero();
        assertThat(wrongSecret.output()).contains("Authentication failed");
    }

    @Test
    void debiansPythonAvroProducerPublishesOverPlainAndTheEventReachesTheHistory() throws Exception {
        final CallerCredentials publisher = keyOf(ManagedPolicies.TRAILWATCH_PUBLISHER);
        final String eventId = UUID.randomUUID().toString();
        final String bucketName = UniqueNames.of("plain-bucket");
        final String registry = "http://127.0.0.1:" + stack.httpPort() + "/registry";
        // Its ACLs follow the key within a reconciliation pass.
        final ExternalClient published = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
            ExternalClient.run(Duration.ofSeconds(90), Map.of("KAFKA_SASL_USERNAME", publisher.accessKeyId(),
                "KAFKA_SASL_PASSWORD", publisher.secretAccessKey()), null, List.of(PYTHON,
                scripts.resolve("produce.py").toString(), stack.plainBootstrapServers(), registry,
                publisher.accessKeyId() + ":" + publisher.secretAccessKey(),
                scripts.resolve("AuditEvent.avsc").toString(), Topics.AUDIT.name(), bucketName, eventId)),
            run -> run.exitCode() == 0);
        assertThat(published.output()).contains("published " + eventId);

        // Trailwatch decodes it: LookupEvents finds it by the name the script gives its caller.
        final JsonNode found = Awaitility.await().atMost(Duration.ofSeconds(60)).until(
            () -> historyEvent("DeleteBucket", "python-proxy", eventId), event -> event != null);
        assertThat(found.path("CloudTrailEvent").asText()).contains(bucketName);
    }

    // ---- helpers

    /** kcat over the PLAIN listener as the key (the password in the command line is a test's). */
    private static ExternalClient kcat(final String username, final String password, final String stdin,
                                       final String... args) throws Exception {
        final List<String> command = new ArrayList<>(List.of(KCAT, "-b", stack.plainBootstrapServers(), "-m", "15",
            "-X", "security.protocol=SASL_PLAINTEXT", "-X", "sasl.mechanisms=PLAIN", "-X", "sasl.username=" + username,
            "-X", "sasl.password=" + password, "-X", "message.timeout.ms=15000"));
        command.addAll(List.of(args));
        return ExternalClient.run(Duration.ofSeconds(60), Map.of(), stdin, command);
    }

    /** The event with that id in the history (LookupEvents as the administrator), or null. */
    private static JsonNode historyEvent(final String eventName, final String userName, final String eventId)
        throws Exception {
        final var found = TestIdentity.send("GET", "http://127.0.0.1:" + stack.httpPort() + "/v1/events?EventName="
            + eventName + "&Username=" + URLEncoder.encode(userName, StandardCharsets.UTF_8) + "&maxResults=50", null,
            administrator());
        if (found.statusCode() != 200) {
            return null;
        }
        for (final JsonNode event : new ObjectMapper().readTree(found.body()).path("Events")) {
            if (eventId.equals(event.path("EventId").asText())) {
                return event;
            }
        }
        return null;
    }

    private static CallerCredentials administrator() {
        return CallerCredentials.resolve("trailwatch", dataDir.resolve("credentials"), Map.of()).credentials();
    }

    private static CallerCredentials keyOf(final String policy) throws Exception {
        final CallerCredentials admin = administrator();
        final String user = UniqueNames.of("kafka-user");
        final String endpoint = "http://127.0.0.1:" + stack.httpPort();
        assertThat(TestIdentity.send("POST", endpoint + "/v1/users/" + user, null, admin).statusCode()).isEqualTo(200);
        assertThat(TestIdentity.send("POST", endpoint + "/v1/users/" + user + "/attached-policies",
            "{\"PolicyArn\":\"" + policy + "\"}", admin).statusCode()).isEqualTo(204);
        final String created = TestIdentity.send("POST", endpoint + "/v1/users/" + user + "/access-keys", null, admin)
            .body();
        final var key = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created).path("AccessKey");
        return new CallerCredentials(key.path("AccessKeyId").asText(), key.path("SecretAccessKey").asText(), user);
    }

    private static KafkaProducer<byte[], byte[]> producer(final KafkaAccess access) {
        return new KafkaProducer<>(access.clientConfig(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            ProducerConfig.RETRIES_CONFIG, 0, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false)),
            new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(final KafkaAccess access) {
        return new KafkaConsumer<>(access.clientConfig(Map.of(ConsumerConfig.GROUP_ID_CONFIG,
            UniqueNames.of("outsider"), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
            new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static byte[] encoded(final AuditEvent event) {
        return Topics.AUDIT.valueSerde(serdes).serializer().serialize(Topics.AUDIT.name(), event);
    }

    /** Event ids on the trail, read as Trailwatch itself. */
    private static List<String> auditIds() {
        final List<String> ids = new ArrayList<>();
        readAll(Topics.AUDIT.name(), record -> ids.add(Topics.AUDIT.keySerde(serdes).deserializer()
            .deserialize(Topics.AUDIT.name(), record.key())));
        return ids;
    }

    private static List<AlarmStateChange> alarmChanges() {
        final List<AlarmStateChange> changes = new ArrayList<>();
        readAll(Topics.ALARMS.name(), record -> changes.add(Topics.ALARMS.valueSerde(serdes).deserializer()
            .deserialize(Topics.ALARMS.name(), record.value())));
        return changes;
    }

    private static void readAll(final String topic,
                                final java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(stack.kafka().clientConfig(Map.of(
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            final var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(500)).forEach(sink);
            }
        }
    }

    private static AuditEvent deleteBucket(final String eventId, final String bucketName) {
        final AuditEvent event = RunningTrailwatch.deleteBucket(bucketName, Instant.now());
        event.setEventID(eventId);
        return event;
    }
}
