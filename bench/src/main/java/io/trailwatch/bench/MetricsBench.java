package io.trailwatch.bench;

import io.trailwatch.avro.MetricDatum;
import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.processors.aggregation.AggregationSettings;
import io.trailwatch.processors.aggregation.MetricAggregationTopology;
import io.trailwatch.processors.metrics.query.StatisticsRetention;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.schemas.Topics;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.TimeWindows;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Metric aggregation through the real broker: N datapoints over K series, aggregated by Trailwatch and, on the same
 * input, by a plain Kafka Streams windowed count (the baseline); then a live phase measuring the latency from a
 * period's end to its MetricStatistics record.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = "Aggregation throughput against a plain windowed count, period-close latency, heap per series.")
final class MetricsBench implements Callable<Integer> {

    @Option(names = "--series", defaultValue = "100000", description = "Active series (default: ${DEFAULT-VALUE}).")
    int series;

    @Option(names = "--datapoints", defaultValue = "2000000", description = "Datapoints (default: ${DEFAULT-VALUE}).")
    int datapoints;

    @Option(names = "--live-seconds", defaultValue = "150",
        description = "Length of the live latency phase (default: ${DEFAULT-VALUE}).")
    int liveSeconds;

    @Option(names = "--live-rate", defaultValue = "20000", description = "Datapoints/s in the live phase.")
    int liveRate;

    @CommandLine.Mixin
    StreamsSettings streamsSettings;

    @Option(names = "--grace-ms", defaultValue = "500", description = "Aggregation grace (default: ${DEFAULT-VALUE}).")
    long graceMs;

    @Option(names = "--late-minutes", defaultValue = "0.10",
        description = "Share of datapoints arriving 1 to 10 minutes late (default: ${DEFAULT-VALUE}).")
    double lateMinutes;

    @Option(names = "--late-hours", defaultValue = "0.01",
        description = "Share of datapoints arriving 1 to 24 hours late (default: ${DEFAULT-VALUE}).")
    double lateHours;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        try (BenchEnvironment env = new BenchEnvironment()) {
            env.createTopics(Topics.all());
            final Instant now = Instant.now();
            out.printf("generating %,d datapoints over %,d series, %.0f%% 1-10 min late, %.0f%% 1-24 h late...%n",
                datapoints, series, lateMinutes * 100, lateHours * 100);
            out.flush();
            final List<ProducerRecord<byte[], byte[]>> load = MetricLoad.generate(env.serdes(), series, datapoints,
                now.minus(Duration.ofMinutes(30)), now.minus(Duration.ofMinutes(1)), 42,
                new MetricLoad.Lateness(lateMinutes, lateHours));
            final double produceRate = produce(env, load);
            out.printf("loaded at %,.0f datapoints/s%n", produceRate);

            final long heapBefore = usedHeapAfterGc();
            final Measured trailwatch = catchUp(env, "trailwatch-aggregation", MetricAggregationTopology.build(
                env.serdes(), AggregationSettings.DEFAULTS.withGrace(Duration.ofMillis(graceMs)),
                StatisticsRetention.CLOUDWATCH), true);
            final long heapWithState = trailwatch.heapWhileRunning() - heapBefore;
            final long stateBytes = directorySize(env.stateDir("trailwatch-aggregation"));
            final Revisions revisions = revisions(env);
            final Measured baseline = catchUp(env, "baseline-windowed-count", windowedCount(), false);

            final Latencies latencies = livePhase(env, out);

            final Table table = new Table("measure", "value");
            table.row("datapoints / series", String.format("%,d / %,d", datapoints, series));
            table.row("Trailwatch aggregation (datapoints/s)", String.format("%,.0f", trailwatch.rate()));
            table.row("baseline windowed count (datapoints/s)", String.format("%,.0f", baseline.rate()));
            table.row("ratio to baseline", String.format("%.2f", trailwatch.rate() / baseline.rate()));
            table.row("stream threads' CPU per datapoint (µs): Trailwatch / baseline", String.format("%.1f / %.1f",
                trailwatch.cpuMicrosPerDatapoint(datapoints), baseline.cpuMicrosPerDatapoint(datapoints)));
            table.row("late datapoints (1-10 min / 1-24 h)", String.format("%.0f%% / %.0f%%", lateMinutes * 100,
                lateHours * 100));
            table.row("statistics emitted: first / corrections", String.format("%,d / %,d", revisions.first(),
                revisions.corrections()));
            table.row("corrections emitted per second of aggregation",
                String.format("%,.0f", revisions.corrections() / trailwatch.seconds()));
            table.row("state on disk per series (bytes: open periods, statistics kept, staged corrections)",
                String.format("%,d", stateBytes / series));
            table.row("period end -> MetricStatistics p50 (ms), grace " + graceMs + " ms", latencies.percentile(50));
            table.row("period end -> MetricStatistics p99 (ms), grace " + graceMs + " ms", latencies.percentile(99));
            table.row("periods measured in the live phase", latencies.count());
            table.row("heap per active series (bytes, state in RocksDB)",
                String.format("%,d", Math.max(0, heapWithState) / series));
            table.print(out);
        }
        return 0;
    }

    /**
     * @param streamCpuNanos CPU of the application's stream threads and their producers' I/O threads while it caught
     *                       up: steadier from run to run than the rate, which the machine's other work moves
     */
    private record Measured(double rate, double seconds, long heapWhileRunning, long streamCpuNanos) {

        double cpuMicrosPerDatapoint(final long datapoints) {
            return streamCpuNanos / 1000.0 / datapoints;
        }
    }

    private record Revisions(long first, long corrections) { }

    /** Counts the committed statistics by revision: first emissions, and corrections by late datapoints. */
    private static Revisions revisions(final BenchEnvironment env) {
        long first = 0;
        long corrections = 0;
        try (KafkaConsumer<String, MetricStatistics> stats = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            Topics.METRIC_STATS.keySerde(env.serdes()).deserializer(),
            Topics.METRIC_STATS.valueSerde(env.serdes()).deserializer())) {
            final List<TopicPartition> partitions = stats.partitionsFor(Topics.METRIC_STATS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            stats.assign(partitions);
            stats.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = stats.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> stats.position(partition) < ends.get(partition))) {
                for (final ConsumerRecord<String, MetricStatistics> record : stats.poll(Duration.ofMillis(200))) {
                    if (record.value().getRevision() == 0) {
                        first++;
                    } else {
                        corrections++;
                    }
                }
            }
        }
        return new Revisions(first, corrections);
    }

    private static long directorySize(final java.nio.file.Path directory) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(directory)) {
            return files.filter(java.nio.file.Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static double produce(final BenchEnvironment env, final List<ProducerRecord<byte[], byte[]>> records) {
        final long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 131_072,
            ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
            new ByteArraySerializer(), new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
        return records.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** Runs the topology from the start of the input until it has committed every offset; returns datapoints/s. */
    private Measured catchUp(final BenchEnvironment env, final String applicationId, final Topology topology,
                             final boolean trailwatchConfig) throws Exception {
        final Properties props = trailwatchConfig
            ? new ProcessorsConfig(trailwatchSettings(env, applicationId)).streamsProperties()
            : baselineProperties(env, applicationId);
        final Map<TopicPartition, Long> ends = endOffsets(env);
        final java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        final long start;
        long heap;
        final ThreadCpu.Snapshot cpuBefore;
        final ThreadCpu.Snapshot cpuAfter;
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.setStateListener((next, previous) -> {
                if (next == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            streams.start();
            running.await();
            // Timed from RUNNING: start-up and the first rebalance are not aggregation.
            start = System.nanoTime();
            cpuBefore = ThreadCpu.take();
            while (!caughtUp(env, applicationId, ends)) {
                TimeUnit.MILLISECONDS.sleep(200); // polling committed offsets: the admin API has no wait
            }
            cpuAfter = ThreadCpu.take();
            heap = usedHeapAfterGc();
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        return new Measured(datapoints / seconds, seconds, heap,
            ThreadCpu.between(cpuBefore, cpuAfter, applicationId, 0).group(ThreadCpu.Group.PROCESSORS));
    }

    private Map<String, Object> trailwatchSettings(final BenchEnvironment env, final String applicationId)
        throws java.io.IOException {
        final Map<String, Object> settings = new HashMap<>(Map.of(
            ProcessorsConfig.BOOTSTRAP_SERVERS, env.bootstrapServers(),
            ProcessorsConfig.SCHEMA_REGISTRY_URL, env.registryUrl(),
            ProcessorsConfig.APPLICATION_ID, applicationId,
            ProcessorsConfig.STATE_DIR, env.stateDir(applicationId).toString()));
        streamsSettings.addTo(settings);
        return settings;
    }

    private static Properties baselineProperties(final BenchEnvironment env, final String applicationId)
        throws java.io.IOException {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, env.stateDir(applicationId).toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    /** The baseline: count per key in 60 s windows with the same grace, on the raw bytes. */
    private Topology windowedCount() {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.METRICS.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(60), Duration.ofMillis(graceMs)))
            .count();
        return builder.build();
    }

    private static Map<TopicPartition, Long> endOffsets(final BenchEnvironment env) throws Exception {
        final Map<TopicPartition, OffsetSpec> request = env.admin().describeTopics(List.of(Topics.METRICS.name()))
            .allTopicNames().get().get(Topics.METRICS.name()).partitions().stream()
            .collect(Collectors.toMap(p -> new TopicPartition(Topics.METRICS.name(), p.partition()), p -> OffsetSpec.latest()));
        return env.admin().listOffsets(request).all().get().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> ((ListOffsetsResult.ListOffsetsResultInfo) e.getValue()).offset()));
    }

    private static boolean caughtUp(final BenchEnvironment env, final String group, final Map<TopicPartition, Long> ends)
        throws Exception {
        final Map<TopicPartition, OffsetAndMetadata> committed = env.admin().listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get();
        return ends.entrySet().stream().allMatch(end -> {
            final OffsetAndMetadata offset = committed.get(end.getKey());
            return offset != null && offset.offset() >= end.getValue();
        });
    }

    /**
     * Live data at a steady rate over a thousand series, half of it high-resolution; every MetricStatistics (1 s to
     * 60 s periods) is timed from the period's end to its arrival.
     */
    private Latencies livePhase(final BenchEnvironment env, final PrintWriter out) throws Exception {
        out.printf("live phase: %,d datapoints/s for %d s...%n", liveRate, liveSeconds);
        out.flush();
        final Latencies latencies = new Latencies();
        final String applicationId = "trailwatch-live";
        final Properties props = new ProcessorsConfig(Map.of(ProcessorsConfig.BOOTSTRAP_SERVERS, env.bootstrapServers(),
            ProcessorsConfig.SCHEMA_REGISTRY_URL, env.registryUrl(), ProcessorsConfig.APPLICATION_ID, applicationId,
            ProcessorsConfig.STATE_DIR, env.stateDir(applicationId).toString())).streamsProperties();
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "latest");
        final Instant begin = Instant.now();
        try (KafkaStreams streams = new KafkaStreams(MetricAggregationTopology.build(env.serdes(),
                AggregationSettings.DEFAULTS.withGrace(Duration.ofMillis(graceMs)), StatisticsRetention.CLOUDWATCH), props);
             KafkaConsumer<String, MetricStatistics> stats = new KafkaConsumer<>(Map.of(
                 ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
                 ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                 Topics.METRIC_STATS.keySerde(env.serdes()).deserializer(),
                 Topics.METRIC_STATS.valueSerde(env.serdes()).deserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                 ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5),
                 new ByteArraySerializer(), new ByteArraySerializer())) {
            streams.start();
            final List<TopicPartition> partitions = stats.partitionsFor(Topics.METRIC_STATS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            stats.assign(partitions);
            stats.seekToEnd(partitions);
            partitions.forEach(stats::position);
            final var keys = Topics.METRICS.keySerde(env.serdes()).serializer();
            final var values = Topics.METRICS.valueSerde(env.serdes()).serializer();
            final SplittableRandom random = new SplittableRandom(7);
            final Instant end = begin.plusSeconds(liveSeconds);
            long sent = 0;
            while (Instant.now().isBefore(end)) {
                final long target = (long) (Duration.between(begin, Instant.now()).toMillis() / 1000.0 * liveRate);
                for (; sent < target; sent++) {
                    final var datum = MetricDatum.newBuilder(MetricLoad.datum(random.nextInt(1000), Instant.now(), random))
                        .setStorageResolution(sent % 2 == 0 ? 1 : 60).build();
                    producer.send(new ProducerRecord<>(Topics.METRICS.name(),
                        keys.serialize(Topics.METRICS.name(), MetricIdentity.of(datum).key()),
                        values.serialize(Topics.METRICS.name(), datum)));
                }
                for (final ConsumerRecord<String, MetricStatistics> record : stats.poll(Duration.ofMillis(20))) {
                    final MetricStatistics statistics = record.value();
                    if (statistics.getPeriodStart().isAfter(begin.plusSeconds(5))) {
                        final long periodEnd = statistics.getPeriodStart().toEpochMilli()
                            + statistics.getPeriodSeconds() * 1000L;
                        latencies.record(System.currentTimeMillis() - periodEnd);
                    }
                }
            }
        }
        return latencies;
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
