package io.trailwatch.bench;

import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.stack.EmbeddedKafkaBroker;
import io.trailwatch.processors.runtime.TopicSetup;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench/run kafka-security}: what SASL/SCRAM-SHA-512 and ACLs cost a publisher and a reader. Two embedded
 * brokers in the same run, one plaintext and open, one as {@code trailwatch up} secures it (SCRAM, StandardAuthorizer),
 * where the publisher is a SCRAM user of its own with the ACLs {@code TrailwatchPublisher} gives (write the metrics
 * topic) and the reader one that may read it. The same pre-encoded metric records are produced (idempotent,
 * acks=all) and consumed on each, the phases alternating so that the machine's drift shows beside the difference.
 */
@Command(name = "kafka-security", mixinStandardHelpOptions = true,
    description = "Produce and consume throughput on a plaintext broker and on a SASL/SCRAM + ACL broker, same run.")
final class KafkaSecurityBench implements Callable<Integer> {

    private static final String SUPER_USER = "trailwatch";
    private static final String PUBLISHER = "AKIABENCHPUBLISHER01";
    private static final String SECRET = "bench-publisher-secret-of-forty-chars-xx";
    private static final String GROUP = "bench-reader";

    @Option(names = "--records", defaultValue = "1000000",
        description = "Records per phase (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of both brokers (default: ${DEFAULT-VALUE}).")
    int rounds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final Path dir = Files.createTempDirectory("trailwatch-bench-security");
        try (BenchEnvironment env = new BenchEnvironment();
             EmbeddedKafkaBroker open = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("open")).build().start();
             EmbeddedKafkaBroker secured = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("secured"))
                 .superUser(SUPER_USER, SECRET).build().start()) {
            final List<ProducerRecord<byte[], byte[]>> load = MetricLoad.generate(env.serdes(), 1000, records,
                Instant.now().minusSeconds(3600), Instant.now(), 42);
            final long bytes = load.stream().mapToLong(r -> r.key().length + r.value().length).sum();
            final KafkaAccess plain = KafkaAccess.plaintext(open.bootstrapServers());
            try (Admin admin = Admin.create(plain.clientConfig(Map.of()))) {
                TopicSetup.ensure(admin, List.of(Topics.METRICS));
            }
            final KafkaAccess publisher = secure(secured);
            final Table table = new Table("round", "broker", "load avg", "produce records/s", "produce MB/s",
                "consume records/s");
            final List<Double> ratios = new ArrayList<>();
            // Unmeasured: the JIT compiles the clients' and the brokers' paths before any phase counts.
            phase(plain, load, "warm-open");
            phase(publisher, load, "warm-secured");
            for (int round = 1; round <= rounds; round++) {
                final double[] plainRates = phase(plain, load, "open-" + round);
                row(table, round, "plaintext, no ACLs", plainRates, bytes / (double) records);
                final double[] securedRates = phase(publisher, load, "secured-" + round);
                row(table, round, "SASL/SCRAM-SHA-512 + ACLs", securedRates, bytes / (double) records);
                ratios.add(securedRates[0] / plainRates[0]);
                ratios.add(securedRates[1] / plainRates[1]);
            }
            out.printf("%,d metric records per phase (%,d bytes), %d available processors:%n", records, bytes,
                Runtime.getRuntime().availableProcessors());
            table.print(out);
            out.printf("secured / plaintext, produce and consume by round: %s%n", ratios.stream()
                .map(r -> String.format("%.2f", r)).toList());
        }
        return CommandLine.ExitCode.OK;
    }

    /**
     * The secured broker as Trailwatch leaves it for a publisher: its SCRAM user (an access key id and secret) may
     * write and read the metrics topic and use its consumer group, nothing else.
     */
    private static KafkaAccess secure(final EmbeddedKafkaBroker broker) throws Exception {
        final KafkaAccess superUser = KafkaAccess.scram(broker.bootstrapServers(), SUPER_USER, SECRET);
        try (Admin admin = Admin.create(superUser.clientConfig(Map.of()))) {
            TopicSetup.ensure(admin, List.of(Topics.METRICS));
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(PUBLISHER,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), SECRET))).all().get(30, TimeUnit.SECONDS);
            final String principal = "User:" + PUBLISHER;
            admin.createAcls(List.of(
                allow(ResourceType.TOPIC, Topics.METRICS.name(), principal, AclOperation.WRITE),
                allow(ResourceType.TOPIC, Topics.METRICS.name(), principal, AclOperation.READ),
                allow(ResourceType.GROUP, GROUP, principal, AclOperation.READ))).all().get(30, TimeUnit.SECONDS);
        }
        return KafkaAccess.scram(broker.bootstrapServers(), PUBLISHER, SECRET);
    }

    private static AclBinding allow(final ResourceType type, final String name, final String principal,
                                    final AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
            new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    /** Produces the load and consumes it back: records per second of each. */
    private double[] phase(final KafkaAccess kafka, final List<ProducerRecord<byte[], byte[]>> load,
                           final String name) throws Exception {
        final long produceStart = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientConfig(Map.of(
            ProducerConfig.CLIENT_ID_CONFIG, "bench-" + name,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (final ProducerRecord<byte[], byte[]> record : load) {
                producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value()));
            }
            producer.flush();
        }
        final double produce = load.size() / ((System.nanoTime() - produceStart) / 1e9);
        final long consumeStart = System.nanoTime();
        long consumed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.clientConfig(Map.of(
            ConsumerConfig.GROUP_ID_CONFIG, GROUP,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000)), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.METRICS.name()));
            final long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (consumed < load.size() && System.nanoTime() < deadline) {
                consumed += consumer.poll(Duration.ofMillis(500)).count();
            }
            consumer.commitSync();
        }
        final double consume = load.size() / ((System.nanoTime() - consumeStart) / 1e9);
        return new double[] {produce, consume};
    }

    private static void row(final Table table, final int round, final String broker, final double[] rates,
                            final double bytesPerRecord) {
        table.row(round, broker, String.format("%.2f", ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage()), String.format("%,.0f", rates[0]),
            String.format("%.1f", rates[0] * bytesPerRecord / 1e6), String.format("%,.0f", rates[1]));
    }
}
