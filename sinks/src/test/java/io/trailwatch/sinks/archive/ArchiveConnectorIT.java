package io.trailwatch.sinks.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.schemas.Codec;
import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.Topics;
import io.trailwatch.sinks.archive.digest.SigningKey;
import io.trailwatch.sinks.archive.store.ObjectStore;
import io.trailwatch.sinks.archive.validation.LogFileValidator;
import io.trailwatch.sinks.archive.validation.ValidationResult;
import io.trailwatch.stack.ConnectWorker;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.TestObjectStorage;
import io.trailwatch.testkit.UniqueNames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive connector in a real Kafka Connect worker (a child JVM, standalone), reading the real broker and
 * registry and writing to a real S3 API (S3Proxy): what lands in the bucket is exactly what was published, whatever
 * happens to the worker.
 */
class ArchiveConnectorIT {

    private static final Duration ARCHIVED_WITHIN = Duration.ofSeconds(90);

    @TempDir
    static Path keys;

    private static TestInfrastructure kafka;
    private static TestObjectStorage s3;

    private final List<ConnectWorker> workers = new ArrayList<>();
    private Topic<String, AuditEvent> topic;
    private String bucket;
    private ObjectStore store;
    private String deadLetterTopic;

    @TempDir
    Path workDir;

    @BeforeAll
    static void infrastructure() {
        kafka = TestInfrastructure.get();
        s3 = TestObjectStorage.get();
        SigningKey.generateIfMissing(keys.resolve("digest-signing-key.pem"));
    }

    @BeforeEach
    void topicAndBucket() {
        topic = UniqueNames.topic(Topics.AUDIT);
        kafka.createTopics(topic);
        bucket = s3.newBucket("archive");
        store = ArchiveFixtures.store(s3, bucket);
        deadLetterTopic = UniqueNames.topic("archive-dlq");
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(ConnectWorker::close);
        store.close();
    }

    private Map<String, String> connector(final String name, final Map<String, String> overrides) {
        final Map<String, String> config = new HashMap<>();
        config.put("name", name);
        config.put("connector.class", ArchiveSinkConnector.class.getName());
        config.put("tasks.max", "2");
        config.put("topics", topic.name());
        config.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put(ArchiveSinkConfig.SCHEMA_REGISTRY_URL, kafka.registryUrl());
        config.put(ArchiveSinkConfig.S3_BUCKET, bucket);
        config.put(ArchiveSinkConfig.S3_ENDPOINT, s3.endpoint());
        config.put(ArchiveSinkConfig.S3_ACCESS_KEY_ID, s3.accessKeyId());
        config.put(ArchiveSinkConfig.S3_SECRET_ACCESS_KEY, s3.secretAccessKey());
        config.put(ArchiveSinkConfig.S3_PATH_STYLE, "true");
        config.put(ArchiveSinkConfig.FLUSH_MAX_RECORDS, "40");
        config.put(ArchiveSinkConfig.ROTATE_INTERVAL_MS, "3000");
        config.put(ArchiveSinkConfig.FLUSH_IDLE_MS, "1000");
        config.put(ArchiveSinkConfig.DIGEST_INTERVAL_MS, "3000");
        config.put(ArchiveSinkConfig.DIGEST_DELAY_MS, "1000");
        config.put(ArchiveSinkConfig.DIGEST_SIGNING_KEY_FILE, keys.resolve("digest-signing-key.pem").toString());
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", deadLetterTopic);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        config.putAll(overrides);
        return config;
    }

    private ConnectWorker startWorker(final String dir, final Map<String, String>... connectors) {
        return startWorkerWith(dir, Map.of(), connectors);
    }

    /** A worker with these worker settings: connectors may not override their clients' ({@code ...override.policy=None}). */
    private ConnectWorker startWorkerWith(final String dir, final Map<String, String> workerConfig,
                                          final Map<String, String>... connectors) {
        final ConnectWorker.Builder builder = ConnectWorker.builder().bootstrapServers(kafka.bootstrapServers())
            .workDir(workDir.resolve(dir)).pluginPath(Path.of(System.getProperty("trailwatch.connect.plugin.path")))
            .jvmOptions(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        workerConfig.forEach(builder::workerConfig);
        for (final Map<String, String> connector : connectors) {
            builder.connector(connector);
        }
        final ConnectWorker worker = builder.build().start();
        workers.add(worker);
        for (final Map<String, String> connector : connectors) {
            worker.awaitRunning(connector.get("name"), Duration.ofSeconds(90));
        }
        return worker;
    }

    private List<String> publish(final int from, final int to) {
        final List<Map.Entry<String, AuditEvent>> events = IntStream.range(from, to)
            .mapToObj(ArchiveFixtures::event)
            .map(event -> Map.entry(event.getEventID(), event))
            .collect(Collectors.toList());
        kafka.produceAll(topic, events);
        return events.stream().map(Map.Entry::getKey).toList();
    }

    private void awaitArchived(final List<String> published, final Duration within) {
        await("archive holds every published event").atMost(within).pollInterval(Duration.ofMillis(500))
            .until(() -> Set.copyOf(ArchiveFixtures.archivedEventIds(store)).containsAll(published));
        assertThat(ArchiveFixtures.archivedEventIds(store)).as("each event exactly once, nothing else")
            .containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void archivesEachEventOnceAsCloudTrailLogFilesAndAlarmHistoryBesideThem() throws Exception {
        final Topic<String, AlarmStateChange> alarms = UniqueNames.topic(Topics.ALARMS);
        kafka.createTopics(alarms);
        final Map<String, String> alarmConnector = connector("alarms-" + topic.name(), Map.of("topics", alarms.name(),
            ArchiveSinkConfig.FORMAT, ArchiveFormat.ALARM_HISTORY, ArchiveSinkConfig.S3_PREFIX, "alarm-history/",
            ArchiveSinkConfig.ACCOUNT_ID, "999999999999", ArchiveSinkConfig.DIGEST_ENABLED, "false", "tasks.max", "1"));
        startWorker("worker", connector("archive-" + topic.name(), Map.of()), alarmConnector);
        final List<String> published = publish(0, 500);
        kafka.produceAll(alarms, List.of(
            Map.entry("HighErrors", ArchiveFixtures.alarmChange("HighErrors", AlarmStateValue.OK, AlarmStateValue.ALARM)),
            Map.entry("HighErrors", ArchiveFixtures.alarmChange("HighErrors", AlarmStateValue.ALARM, AlarmStateValue.OK))));

        awaitArchived(published, ARCHIVED_WITHIN);

        final List<String> logFiles = store.listAll("AWSLogs/").stream().map(summary -> summary.key())
            .filter(key -> key.contains("/CloudTrail/")).toList();
        assertThat(logFiles).allMatch(key -> key.matches("AWSLogs/(\\d{12})/CloudTrail/([a-z0-9-]+)/\\d{4}/\\d{2}/\\d{2}/"
            + "\\1_CloudTrail_\\2_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz"));
        assertThat(logFiles.stream().map(key -> key.split("/")[1] + "/" + key.split("/")[3]).distinct())
            .as("partitioned by account and region").hasSize(6);
        assertThat(pythonReadsEventIds()).as("Python's gzip and json read the files on disk as CloudTrail logs")
            .containsExactlyInAnyOrderElementsOf(published);

        await("alarm history archived").atMost(ARCHIVED_WITHIN).until(() -> ArchiveFixtures.archivedRecords(store,
            "alarm-history/", "CloudWatch-AlarmHistory", "AlarmHistoryItems").size() == 2);
        final List<JsonNode> history = ArchiveFixtures.archivedRecords(store, "alarm-history/",
            "CloudWatch-AlarmHistory", "AlarmHistoryItems");
        assertThat(history).extracting(item -> item.path("HistorySummary").asText())
            .containsExactlyInAnyOrder("Alarm updated from OK to ALARM", "Alarm updated from ALARM to OK");
        assertThat(store.listAll("alarm-history/AWSLogs/999999999999/CloudWatch-AlarmHistory/us-east-1/"))
            .isNotEmpty();

        // Digests cover everything once their period is over: validate-logs finds the archive intact.
        final Instant end = Instant.now().plusSeconds(5);
        await("digests of the whole run").atMost(Duration.ofSeconds(60)).until(() -> validate(end).logFilesValid()
            >= logFiles.size());
        final StringWriter output = new StringWriter();
        final ValidationResult result = new LogFileValidator(store, "",
            LogFileValidator.publicKeysInBucket(store, ""), new PrintWriter(output), false)
            .validate(end.minusSeconds(600), end);
        assertThat(result.valid()).as(output.toString()).isTrue();

        tamperedArchiveIsCaughtByValidateLogs(logFiles);
    }

    /** Every kind of tampering on the real S3 API, each reported with CloudTrail's message. */
    private void tamperedArchiveIsCaughtByValidateLogs(final List<String> logFiles) throws Exception {
        final Instant start = Instant.now().minusSeconds(600);
        final String modified = logFiles.get(0);
        final String deleted = logFiles.get(1);
        final String moved = logFiles.get(2);
        final String movedTo = moved.replace(".json.gz", "-moved.json.gz");
        final String inserted = moved.substring(0, moved.lastIndexOf('/') + 1) + "forged_CloudTrail.json.gz";
        // Each chain needs a digest after the one edited or deleted: digests keep coming every interval.
        await("two digests in every chain").atMost(Duration.ofSeconds(60)).until(() -> digestKeys().stream()
            .collect(Collectors.groupingBy(ArchiveConnectorIT::chainOf, Collectors.counting())).values().stream()
            .allMatch(count -> count >= 2));
        final List<String> digests = digestKeys();
        // Recent digests of two chains (periods after the run, so no file is listed only there).
        final String firstChain = chainOf(digests.get(0));
        final List<String> chain = digests.stream().filter(key -> chainOf(key).equals(firstChain)).toList();
        final String modifiedDigest = chain.get(chain.size() - 2);
        final List<String> otherChain = digests.stream().filter(key -> !chainOf(key).equals(firstChain))
            .filter(key -> chainOf(key).equals(chainOf(digests.get(digests.size() - 1)))).toList();
        final String deletedDigest = otherChain.get(otherChain.size() - 2);

        final var original = store.get(modified).orElseThrow();
        store.put(modified, Compression.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8), 6),
            original.metadata());
        store.delete(deleted);
        store.put(movedTo, store.get(moved).orElseThrow().body(), Map.of());
        store.delete(moved);
        store.put(inserted, Compression.gzip("{\"Records\":[{\"eventID\":\"forged\"}]}"
            .getBytes(StandardCharsets.UTF_8), 6), Map.of());
        final var digest = store.get(modifiedDigest).orElseThrow();
        final String edited = new String(Compression.gunzip(digest.body()), StandardCharsets.UTF_8) + " ";
        store.put(modifiedDigest, Compression.gzip(edited.getBytes(StandardCharsets.UTF_8), 6), digest.metadata());
        store.delete(deletedDigest);

        // Inserted and moved files are caught once a digest written after them leaves them out.
        final String[] output = {""};
        await("a digest after the tampering").atMost(Duration.ofSeconds(60)).until(() -> {
            final StringWriter text = new StringWriter();
            new LogFileValidator(store, "", LogFileValidator.publicKeysInBucket(store, ""), new PrintWriter(text),
                false).validate(start, Instant.now());
            output[0] = text.toString();
            return output[0].contains(uri(inserted) + "\tINVALID: not listed in any digest file");
        });
        assertThat(output[0])
            .contains("Log file\t" + uri(modified) + "\tINVALID: hash value doesn't match")
            .contains("Log file\t" + uri(deleted) + "\tINVALID: not found")
            .contains("Log file\t" + uri(moved) + "\tINVALID: not found")
            .contains("Log file\t" + uri(movedTo) + "\tINVALID: not listed in any digest file")
            .contains("Digest file\t" + uri(modifiedDigest) + "\tINVALID: signature verification failed")
            .contains("Digest file\t" + uri(deletedDigest) + "\tINVALID: not found")
            .containsPattern("\\d+/\\d+ digest files valid, 2/\\d+ digest files INVALID");
    }

    private List<String> digestKeys() {
        return store.listAll("AWSLogs/").stream().map(summary -> summary.key())
            .filter(key -> key.contains("/CloudTrail-Digest/")).sorted().toList();
    }

    /** {@code AWSLogs/<account>/CloudTrail-Digest/<region>}: one chain. */
    private static String chainOf(final String digestKey) {
        return String.join("/", List.of(digestKey.split("/")).subList(0, 4));
    }

    private String uri(final String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Test
    void aWorkerKilledMidStreamAndRestartedLeavesEachEventOnce() throws Exception {
        // The killed worker's consumer leaves the group only when its session expires: keep that short (the
        // workers' setting, as connectors may not override their clients').
        final Map<String, String> shortSessions = Map.of("consumer.session.timeout.ms", "6000",
            "consumer.heartbeat.interval.ms", "1000");
        final Map<String, String> config = connector("crash-" + topic.name(), Map.of());
        final ConnectWorker first = startWorkerWith("first", shortSessions, config);
        final List<String> published = new ArrayList<>(publish(0, 300));
        await("some files uploaded").atMost(ARCHIVED_WITHIN).until(() -> ArchiveFixtures.archivedEventIds(store).size()
            >= 40);
        published.addAll(publish(300, 400));
        first.kill();
        published.addAll(publish(400, 700));

        startWorkerWith("second", shortSessions, config);
        published.addAll(publish(700, 800));

        awaitArchived(published, ARCHIVED_WITHIN);
    }

    @Test
    void twoTasksWritingTheSamePartitionsAtOnceLeaveEachEventOnce() throws Exception {
        // Two workers, each sure it owns every partition (separate consumer groups): the zombie case at its worst.
        final ConnectWorker successor = startWorker("successor", connector("successor-" + topic.name(),
            Map.of(ArchiveSinkConfig.FLUSH_MAX_RECORDS, "37")));
        final ConnectWorker zombie = startWorker("zombie", connector("zombie-" + topic.name(),
            Map.of(ArchiveSinkConfig.FLUSH_MAX_RECORDS, "53", ArchiveSinkConfig.FLUSH_IDLE_MS, "700")));
        final List<String> published = new ArrayList<>();
        for (int chunk = 0; chunk < 6; chunk++) {
            published.addAll(publish(chunk * 100, chunk * 100 + 100));
        }

        awaitArchived(published, ARCHIVED_WITHIN);
        final String logs = Files.readString(successor.logFile()) + Files.readString(zombie.logFile());
        assertThat(logs).as("the two writers met on the same batches and one adopted the other's cut")
            .containsPattern("were cut at \\d+ by another writer");
    }

    @Test
    void aQuietPartitionIsDeliveredByTheIdleFlushAndBadRecordsGoToTheDeadLetterQueue() throws Exception {
        startWorker("quiet", connector("quiet-" + topic.name(), Map.of(
            ArchiveSinkConfig.ROTATE_INTERVAL_MS, String.valueOf(TimeUnit.HOURS.toMillis(1)),
            ArchiveSinkConfig.FLUSH_MAX_RECORDS, "100000",
            ArchiveSinkConfig.FLUSH_IDLE_MS, "2000")));
        final Topic<byte[], byte[]> raw = new Topic<>(topic.name(), Codec.bytes(), Codec.bytes(), 6, Map.of());
        kafka.produce(raw, "junk".getBytes(StandardCharsets.UTF_8), "not avro at all".getBytes(StandardCharsets.UTF_8));
        final AuditEvent orphan = ArchiveFixtures.event(1);
        orphan.setRecipientAccountId(null);
        orphan.getUserIdentity().setAccountId(null);
        kafka.produce(topic, orphan.getEventID(), orphan);

        // One event, then silence: only the idle flush can deliver it (records and time would wait an hour).
        final List<String> published = publish(0, 1);
        awaitArchived(published, Duration.ofSeconds(30));

        final List<ConsumerRecord<byte[], byte[]>> dead = kafka.consumeRaw(deadLetterTopic, 2, Duration.ofSeconds(60));
        assertThat(dead).extracting(record -> header(record, "__connect.errors.exception.message"))
            .anyMatch(reason -> reason.contains("not Confluent wire format"))
            .anyMatch(reason -> reason.contains("has no account: recipientAccountId and userIdentity.accountId are "
                + "both missing"));
        assertThat(dead).extracting(record -> header(record, "__connect.errors.topic")).containsOnly(topic.name());
    }

    private ValidationResult validate(final Instant end) {
        return new LogFileValidator(store, "", LogFileValidator.publicKeysInBucket(store, ""),
            new PrintWriter(new StringWriter()), false).validate(end.minusSeconds(600), end);
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** eventIDs as Python's own gzip and json modules read them from the files S3Proxy keeps on disk. */
    private List<String> pythonReadsEventIds() throws Exception {
        final String script = """
            import glob, gzip, json, sys
            for path in sorted(glob.glob(sys.argv[1] + '/AWSLogs/*/CloudTrail/*/*/*/*/*.json.gz')):
                with gzip.open(path, 'rt', encoding='utf-8') as f:
                    for record in json.load(f)['Records']:
                        assert record['eventVersion'] and record['userIdentity']['type'], record
                        print(record['eventID'])
            """;
        final Process python = new ProcessBuilder("/usr/bin/python3", "-c", script, s3.bucketDir(bucket).toString())
            .redirectErrorStream(true).start();
        final String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(output).isZero();
        return output.lines().filter(line -> !line.isBlank()).toList();
    }
}
