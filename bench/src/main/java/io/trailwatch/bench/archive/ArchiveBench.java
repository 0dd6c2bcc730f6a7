package io.trailwatch.bench.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.UserIdentity;
import io.trailwatch.bench.BenchEnvironment;
import io.trailwatch.bench.Latencies;
import io.trailwatch.bench.Table;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.AvroSerializer;
import io.trailwatch.sinks.archive.ArchiveConnectors;
import io.trailwatch.sinks.archive.ArchiveFormat;
import io.trailwatch.sinks.archive.Compression;
import io.trailwatch.sinks.archive.ArchiveSinkConfig;
import io.trailwatch.sinks.archive.BatchManifest;
import io.trailwatch.sinks.archive.LogFileLayout;
import io.trailwatch.sinks.archive.digest.SigningKey;
import io.trailwatch.sinks.archive.store.ObjectStore;
import io.trailwatch.sinks.archive.store.ObjectSummary;
import io.trailwatch.sinks.archive.store.S3ObjectStore;
import io.trailwatch.sinks.archive.store.S3Settings;
import io.trailwatch.stack.ConnectWorker;
import io.trailwatch.stack.S3ProxyServer;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench/run archive}: the archive connector in a real Connect worker (child JVM) writing to S3Proxy.
 * Throughput: a backlog of events drained into log files (events/s). Latency: events published at a steady rate,
 * from the producer's timestamp to the last-modified time of the log file holding them.
 */
@Command(name = "archive", mixinStandardHelpOptions = true,
    description = "Audit events archived to object storage: events/s, and publish-to-object-visible latency.")
public final class ArchiveBench implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--backlog", defaultValue = "1000000", description = "Events in the drained backlog (default: ${DEFAULT-VALUE}).")
    int backlog;

    @Option(names = "--rate", defaultValue = "20000", description = "Events/s in the latency run (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", defaultValue = "60", description = "Length of the latency run (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--tasks", defaultValue = "2", description = "Connector tasks (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--gzip-level", defaultValue = "6", description = "gzip level of the log files (default: ${DEFAULT-VALUE}).")
    int gzipLevel;

    @Option(names = "--flush-idle-ms", defaultValue = "1000", description = "Idle flush of the connector (default: "
        + "${DEFAULT-VALUE}; the connector's own default is 10000). At the end of a drain, each partition's last "
        + "partial batch waits this long for more records: a wait, not work, so the drain keeps it short.")
    long flushIdleMs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        try (BenchEnvironment env = new BenchEnvironment()) {
            env.createTopics(List.of(Topics.AUDIT));
            final Path dir = env.stateDir("archive");
            final Path key = dir.resolve("digest-signing-key.pem");
            SigningKey.generateIfMissing(key);
            try (S3ProxyServer s3 = S3ProxyServer.builder().dataDir(dir.resolve("s3")).bucket("bench").build().start();
                 KafkaProducer<byte[], byte[]> producer = producer(env)) {
                final S3Settings settings = new S3Settings(s3.endpoint(), "us-east-1", "bench", s3.accessKeyId(),
                    s3.secretAccessKey(), true);
                final AvroSerializer<AuditEvent> serializer = new AvroSerializer<>(env.serdes(), false);
                out.println("Publishing a backlog of " + backlog + " events...");
                out.flush();
                final Map<Integer, Long> backlogEnd = new ConcurrentHashMap<>();
                for (int i = 0; i < backlog; i++) {
                    final AuditEvent event = event(i);
                    producer.send(new ProducerRecord<>(Topics.AUDIT.name(), event.getEventID().getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(Topics.AUDIT.name(), event)), (metadata, error) -> {
                            if (metadata != null) {
                                backlogEnd.merge(metadata.partition(), metadata.offset(), Math::max);
                            }
                        });
                }
                producer.flush();

                final Map<String, String> connector = new HashMap<>(ArchiveConnectors.audit(Topics.AUDIT.name(), settings,
                    env.registryUrl(), key, Duration.ofHours(1)));
                connector.put("tasks.max", String.valueOf(tasks));
                connector.put(ArchiveSinkConfig.GZIP_LEVEL, String.valueOf(gzipLevel));
                connector.put(ArchiveSinkConfig.FLUSH_IDLE_MS, String.valueOf(flushIdleMs));
                try (ObjectStore store = S3ObjectStore.open(settings);
                     ConnectWorker worker = ConnectWorker.builder().bootstrapServers(env.bootstrapServers())
                         .workDir(dir.resolve("connect")).pluginPath(pluginPath()).connector(connector)
                         .jvmOptions(List.of("-Xmx2g")).build().start()) {
                    worker.awaitRunning(ArchiveConnectors.AUDIT_CONNECTOR, Duration.ofMinutes(2));
                    final long drainStart = System.nanoTime();
                    final SustainedRate sustained = new SustainedRate(backlog);
                    awaitUploaded(store, backlogEnd, Duration.ofMinutes(10), sustained::observe);
                    final double drainSeconds = (System.nanoTime() - drainStart) / 1e9;

                    out.println("Publishing " + rate + " events/s for " + seconds + " s...");
                    out.flush();
                    final Map<Integer, Map<Long, Long>> published = publishPaced(producer, serializer);
                    final Map<Integer, Long> liveEnd = new HashMap<>();
                    published.forEach((partition, offsets) -> liveEnd.put(partition,
                        offsets.keySet().stream().mapToLong(Long::longValue).max().orElse(-1)));
                    awaitUploaded(store, liveEnd, Duration.ofMinutes(5));
                    final Latencies latencies = latencies(store, published);

                    final double cpuPath = cpuPathPerSecond(new ArchiveSinkConfig(connector), env);
                    new Table("run", "events", "seconds", "events/s", "p50 publish->visible ms", "p99 ms")
                        .row("connector CPU path, 1 thread (decode, JSON, gzip, SHA-256)", CPU_PATH_EVENTS, "-",
                            Math.round(cpuPath), "-", "-")
                        .row("backlog drain (" + tasks + " tasks, gzip " + gzipLevel + ")", backlog,
                            String.format("%.1f", drainSeconds), Math.round(backlog / drainSeconds), "-", "-")
                        .row("  of which 10% -> 90% archived (no start-up, no last batches)", backlog * 8 / 10,
                            String.format("%.1f", sustained.seconds()), Math.round(sustained.rate()), "-", "-")
                        .row("steady " + rate + "/s", latencies.count(), seconds, rate, latencies.percentile(50),
                            latencies.percentile(99))
                        .print(out);
                }
            }
        }
        return 0;
    }

    private static final int CPU_PATH_EVENTS = 200_000;

    /**
     * What one core does of the connector's own work: decode the Confluent wire format, render CloudTrail JSON,
     * gzip and hash it, measured in this JVM after a warm-up round (best of three).
     */
    private static double cpuPathPerSecond(final ArchiveSinkConfig config, final BenchEnvironment env) {
        final ArchiveFormat format = ArchiveFormat.of(config, env.serdes());
        final AvroSerializer<AuditEvent> serializer = new AvroSerializer<>(env.serdes(), false);
        final List<byte[]> values = new java.util.ArrayList<>(CPU_PATH_EVENTS);
        for (int i = 0; i < CPU_PATH_EVENTS; i++) {
            values.add(serializer.serialize(Topics.AUDIT.name(), event(i)));
        }
        double best = 0;
        for (int round = 0; round < 4; round++) {
            final long start = System.nanoTime();
            final java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream(64 * 1024 * 1024);
            for (final byte[] value : values) {
                json.writeBytes(format.decode(Topics.AUDIT.name(), value).json());
            }
            final byte[] uncompressed = json.toByteArray();
            Compression.sha256Hex(uncompressed);
            Compression.gzip(uncompressed, config.gzipLevel());
            best = Math.max(best, CPU_PATH_EVENTS / ((System.nanoTime() - start) / 1e9));
        }
        return best;
    }

    private Map<Integer, Map<Long, Long>> publishPaced(final KafkaProducer<byte[], byte[]> producer,
                                                       final AvroSerializer<AuditEvent> serializer) throws InterruptedException {
        final Map<Integer, Map<Long, Long>> published = new ConcurrentHashMap<>();
        final long start = System.nanoTime();
        final long total = (long) rate * seconds;
        for (long i = 0; i < total; i++) {
            final long due = start + i * 1_000_000_000L / rate;
            final long wait = due - System.nanoTime();
            if (wait > 1_000_000) {
                Thread.sleep(wait / 1_000_000);
            }
            final AuditEvent event = event((int) (backlog + i));
            producer.send(new ProducerRecord<>(Topics.AUDIT.name(), event.getEventID().getBytes(StandardCharsets.UTF_8),
                serializer.serialize(Topics.AUDIT.name(), event)), (metadata, error) -> {
                    if (metadata != null) {
                        published.computeIfAbsent(metadata.partition(), p -> new ConcurrentHashMap<>())
                            .put(metadata.offset(), metadata.timestamp());
                    }
                });
        }
        producer.flush();
        return published;
    }

    /** Per published offset: the last-modified time of the files of its batch minus its producer timestamp. */
    private static Latencies latencies(final ObjectStore store, final Map<Integer, Map<Long, Long>> published) {
        final LogFileLayout layout = new LogFileLayout("", "CloudTrail");
        final Map<String, Instant> modified = new HashMap<>();
        for (final ObjectSummary summary : store.listAll("AWSLogs/")) {
            modified.put(summary.key(), summary.lastModified());
        }
        final Latencies latencies = new Latencies();
        published.forEach((partition, offsets) -> {
            final long first = offsets.keySet().stream().mapToLong(Long::longValue).min().orElse(0);
            for (final ObjectSummary manifestKey : store.listAll(layout.batchPartitionPrefix(Topics.AUDIT.name(), partition))) {
                final BatchManifest manifest = BatchManifest.parse(store.get(manifestKey.key()).orElseThrow().body());
                if (manifest.endOffset() < first) {
                    continue;
                }
                final long visible = manifest.files().stream().map(file -> modified.get(file.key()))
                    .filter(java.util.Objects::nonNull).mapToLong(Instant::toEpochMilli).max().orElse(-1);
                for (long offset = manifest.startOffset(); offset <= manifest.endOffset(); offset++) {
                    final Long sent = offsets.get(offset);
                    if (sent != null && visible > 0) {
                        latencies.record(Math.max(0, visible - sent));
                    }
                }
            }
        });
        return latencies;
    }

    private static void awaitUploaded(final ObjectStore store, final Map<Integer, Long> endOffsets,
                                      final Duration timeout) throws Exception {
        awaitUploaded(store, endOffsets, timeout, archived -> { });
    }

    /** Also tells {@code progress} how many records of the topic (from offset 0) are archived, at each poll. */
    private static void awaitUploaded(final ObjectStore store, final Map<Integer, Long> endOffsets,
                                      final Duration timeout, final java.util.function.LongConsumer progress)
        throws Exception {
        final LogFileLayout layout = new LogFileLayout("", "CloudTrail");
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean done = true;
            long archived = 0;
            for (final Map.Entry<Integer, Long> end : endOffsets.entrySet()) {
                final long through = store.get(layout.headKey(Topics.AUDIT.name(), end.getKey()))
                    .map(head -> readEnd(head.body())).orElse(-1L);
                done &= through >= end.getValue();
                archived += through + 1;
            }
            progress.accept(archived);
            if (done) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("archive did not catch up within " + timeout);
    }

    private static long readEnd(final byte[] head) {
        try {
            final JsonNode node = JSON.readTree(head);
            return node.path("endOffset").asLong(-1);
        } catch (final java.io.IOException e) {
            return -1;
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(final BenchEnvironment env) {
        final Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Path pluginPath() {
        final String property = System.getProperty("trailwatch.connect.plugin.path");
        if (property != null) {
            return Path.of(property);
        }
        try {
            final Path jar = Path.of(ArchiveBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            final Path plugins = jar.getParent().resolve("connect-plugins");
            if (!Files.isDirectory(plugins)) {
                throw new IllegalStateException("no connector plugin at " + plugins + "; build with bench/run");
            }
            return plugins;
        } catch (final java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A realistic CloudTrail record (about 700 bytes of JSON) across 10 accounts and 4 regions. */
    private static AuditEvent event(final int i) {
        final String account = String.format("%012d", 100_000_000_000L + i % 10);
        return AuditEvent.newBuilder()
            .setEventID(UUID.randomUUID().toString())
            .setEventTime(Instant.now())
            .setEventSource("s3.amazonaws.com")
            .setEventName(i % 3 == 0 ? "PutObject" : "GetObject")
            .setAwsRegion(List.of("us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2").get(i % 4))
            .setSourceIPAddress("198.51.100." + i % 250)
            .setUserAgent("aws-sdk-java/2.25.0 Linux/6.1 OpenJDK_64-Bit_Server_VM/17")
            .setUserIdentity(UserIdentity.newBuilder().setType("AssumedRole").setPrincipalId("AROAEXAMPLE:session-" + i % 50)
                .setArn("arn:aws:sts::" + account + ":assumed-role/app/session-" + i % 50).setAccountId(account)
                .setAccessKeyId("ASIAEXAMPLE" + i % 100).build())
            .setRequestParameters("{\"bucketName\":\"data-" + account + "\",\"key\":\"objects/" + i + ".parquet\"}")
            .setResponseElements(null)
            .setRequestID(Long.toHexString(i * 2_654_435_761L))
            .setReadOnly(i % 3 != 0)
            .setEventType("AwsApiCall")
            .setManagementEvent(false)
            .setRecipientAccountId(account)
            .setEventCategory("Data")
            .build();
    }

    /**
     * The drain's rate between 10% and 90% of the backlog archived: the connector at work, without the tasks'
     * start-up (consumer group join, first fetches) or the last partial batches.
     */
    private static final class SustainedRate {

        private final long backlog;
        private long tenPercentAt = -1;
        private long ninetyPercentAt = -1;

        SustainedRate(final long backlog) {
            this.backlog = backlog;
        }

        void observe(final long archived) {
            final long now = System.nanoTime();
            if (tenPercentAt < 0 && archived >= backlog / 10) {
                tenPercentAt = now;
            }
            if (ninetyPercentAt < 0 && archived >= backlog * 9 / 10) {
                ninetyPercentAt = now;
            }
        }

        double seconds() {
            return (ninetyPercentAt - tenPercentAt) / 1e9;
        }

        double rate() {
            return backlog * 0.8 / seconds();
        }
    }
}
