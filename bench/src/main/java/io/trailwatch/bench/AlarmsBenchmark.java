package io.trailwatch.bench;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.processors.TrailwatchTopology;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.definitions.DefinitionWriter;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.schemas.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code bench/run alarms}: many active metric alarms on high-resolution (10 s) periods. Every period, each alarm's
 * statistic is published the moment the period ends (as the aggregator emits it with no grace) and breaches in
 * every other period, so every period is one transition of every alarm. Measured: the latency from the end of a
 * breaching period to its ALARM record on {@code trailwatch.alarms} (read committed), and the throughput of a burst
 * of transitions. With {@code --topics N}, every alarm's AlarmActions and OKActions name one of N notification topics,
 * each with one http subscription on a receiver in this JVM ({@link ActionDeliveries}): also measured, the latency
 * from the end of the breaching period to the receiver's request, and deliveries per second in the burst.
 */
@Command(name = "alarms", mixinStandardHelpOptions = true,
    description = "Alarm latency (end of a breaching period to the ALARM record) and throughput.")
public final class AlarmsBenchmark implements Callable<Integer> {

    private static final int PERIOD_SECONDS = 10;
    private static final double THRESHOLD = 50;
    private static final String NAMESPACE = "Bench";
    /** The processors' default application id, which their threads' names contain. */
    private static final String PROCESSORS_ID = "trailwatch-processors";

    @Option(names = "--alarms", defaultValue = "10000", description = "Active alarms (default: ${DEFAULT-VALUE}).")
    int alarms;

    @Option(names = "--periods", defaultValue = "8",
        description = "Measured periods published in real time; half of them breach (default: ${DEFAULT-VALUE}).")
    int periods;

    // 16: on this 2-core machine the JIT still compiled 2 to 3 s per 10-s period up to the ninth period, and under
    // 0.7 s from the fourteenth (each period's line prints it), so earlier periods measure the compiler's start.
    @Option(names = "--warmup-periods", defaultValue = "16",
        description = "Periods published first, reported apart: the processors load and compile the definitions, "
            + "create the alarms' state, and the JIT compiles the hot paths (default: ${DEFAULT-VALUE}).")
    int warmupPeriods;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--commit-interval-ms", paramLabel = "MS",
        description = "The processors' transaction commit interval (default: Trailwatch's own).")
    Long commitIntervalMs;

    @CommandLine.Mixin
    StreamsSettings streamsSettings;

    @Option(names = "--breaching", paramLabel = "N",
        description = "How many of the alarms breach in every other period; the others stay OK, evaluated every "
            + "period all the same (default: all of them, the worst case).")
    Integer breaching;

    @Option(names = "--burst-periods", defaultValue = "3",
        description = "Periods published at once for the throughput burst (default: ${DEFAULT-VALUE}).")
    int burstPeriods;

    @Option(names = "--topics", defaultValue = "0", paramLabel = "N",
        description = "Route every alarm's actions (ALARM and OK) to one of N notification topics, each with one "
            + "http subscription on a receiver in this JVM, and measure to the receiver's request (default: "
            + "${DEFAULT-VALUE}, no actions).")
    int topics;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<Long, Latencies> byPeriod = new ConcurrentHashMap<>();
    private final AtomicInteger transitions = new AtomicInteger();
    private final AtomicLong lastTransitionMs = new AtomicLong();
    /** The period end of each ALARM transition, by transition id: what a delivery's latency is measured from. */
    private final Map<String, Long> alarmPeriodEnds = new ConcurrentHashMap<>();
    private ActionDeliveries actions;
    private long lastEnd;
    private StreamProducerTotals previousTotals = StreamProducerTotals.NONE;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final int moving = breaching == null ? alarms : Math.min(breaching, alarms);
        try (BenchEnvironment env = new BenchEnvironment();
             ActionDeliveries routed = topics > 0 ? new ActionDeliveries(topics) : null) {
            actions = routed;
            env.createTopics(Topics.all());
            out.printf("defining %d alarms%s%n", alarms, actions == null ? "" : ", their actions on " + topics
                + " topics with one http subscription each");
            out.flush();
            try (DefinitionWriter writer = new DefinitionWriter(env.bootstrapServers(), env.serdes())) {
                if (actions != null) {
                    writer.put(actions.definitions()); // first: loaded once the last alarm is
                }
                writer.put(definitions());
            }
            final Map<String, Object> processorsConfig = new HashMap<>(Map.of(
                ProcessorsConfig.BOOTSTRAP_SERVERS, env.bootstrapServers(),
                ProcessorsConfig.SCHEMA_REGISTRY_URL, env.registryUrl(),
                ProcessorsConfig.STATE_DIR, env.stateDir("alarms").toString(),
                ProcessorsConfig.NUM_STREAM_THREADS, threads));
            if (commitIntervalMs != null) {
                processorsConfig.put(ProcessorsConfig.COMMIT_INTERVAL_MS, commitIntervalMs);
            }
            streamsSettings.addTo(processorsConfig);
            try (ProcessorsRuntime runtime = TrailwatchTopology.runtime(new ProcessorsConfig(processorsConfig)).start();
                 KafkaProducer<String, MetricStatistics> producer = producer(env)) {
                if (!runtime.awaitRunning(Duration.ofMinutes(5))) {
                    throw new IllegalStateException("processors did not start: " + runtime.state());
                }
                awaitDefinitions(runtime);
                if (actions != null) {
                    actions.start(env, runtime);
                }
                final CountDownLatch positioned = new CountDownLatch(1);
                final Thread reader = new Thread(() -> read(env, positioned), "bench-alarms-reader");
                reader.setDaemon(true);
                reader.start();
                positioned.await();

                final List<Long> breachingEnds = realTime(producer, out, moving, runtime);
                // The first period moves every alarm out of INSUFFICIENT_DATA; then only the breaching ones move.
                final long realTimeTransitions = alarms + (long) moving * (warmupPeriods + periods - 1);
                if (!awaitTransitions(realTimeTransitions, Duration.ofMinutes(3))) {
                    out.println("not every transition arrived within 3 minutes");
                }
                // Every transition runs one action (OK or ALARM): one request each.
                if (actions != null && !awaitDeliveries(realTimeTransitions, Duration.ofMinutes(5))) {
                    out.printf("not every transition's request arrived within 5 minutes: %d of %d%n",
                        actions.requests(), realTimeTransitions);
                }
                final long lastRealTimeEnd = lastEnd;
                out.println();
                out.println("Latency from the end of a breaching period to its ALARM record on trailwatch.alarms:");
                periodTable(breachingEnds, "breaching", moving, "ALARM records", byPeriod).print(out);
                if (actions != null) {
                    printDeliveryLatency(out, breachingEnds, moving);
                }

                final int before = transitions.get();
                final int requestsBefore = actions == null ? 0 : actions.requests();
                final String loadBefore = loadAverage();
                final ThreadCpu.Snapshot cpuBefore = ThreadCpu.take();
                final long[] gcBefore = gcCountAndMillis();
                final long burstStart;
                try (StreamThreadPhases phases = new StreamThreadPhases(PROCESSORS_ID,
                    StreamThreadPhases.ALARM_PHASES)) {
                    burstStart = burst(producer, lastRealTimeEnd);
                    if (!awaitTransitions(before + (long) alarms * burstPeriods, Duration.ofMinutes(5))) {
                        out.println("the burst's transitions did not all arrive within 5 minutes");
                    }
                    final ThreadCpu.Snapshot cpuAfter = ThreadCpu.take();
                    final ThreadCpu.Split cpu = ThreadCpu.between(cpuBefore, cpuAfter, PROCESSORS_ID, 0);
                    final long burstTransitions = transitions.get() - before;
                    out.println();
                    out.printf("Burst CPU: processors' threads %d ms (%.1f µs per transition), whole process %d ms; "
                        + "load average before %s, after %s%n", cpu.group(ThreadCpu.Group.PROCESSORS) / 1_000_000,
                        cpu.group(ThreadCpu.Group.PROCESSORS) / 1000.0 / Math.max(1, burstTransitions),
                        cpu.processNanos() / 1_000_000, loadBefore, loadAverage());
                    out.println("Stream threads' CPU in the burst by phase (charged every 5 ms to the phase on the "
                        + "thread's stack):");
                    phases.print(out, burstTransitions, "transition");
                    out.println("The process's CPU in the burst by thread kind (the broker, the registry client, the "
                        + "benchmark's producer and consumer and the JVM's own threads are in this process too):");
                    ThreadCpu.kindsTable(cpuBefore, cpuAfter, 12, burstTransitions, "transition").print(out);
                    final long[] gcAfter = gcCountAndMillis();
                    out.printf("Garbage collections in the burst: %d, %d ms of pauses%n", gcAfter[0] - gcBefore[0],
                        gcAfter[1] - gcBefore[1]);
                }
                final long burstMs = lastTransitionMs.get() - burstStart;
                out.println();
                out.println("Throughput: statistics of " + burstPeriods + " periods for every alarm published at once:");
                new Table("alarms", "transitions", "seconds", "transitions/s")
                    .row(alarms, (long) alarms * burstPeriods, String.format("%.1f", burstMs / 1000.0),
                        Math.round((double) alarms * burstPeriods * 1000 / burstMs))
                    .print(out);
                if (actions != null) {
                    printDeliveryThroughput(out, requestsBefore, burstStart);
                }
            }
        }
        return CommandLine.ExitCode.OK;
    }

    /** Collections so far and the milliseconds they took, over every collector of this JVM. */
    private static long[] gcCountAndMillis() {
        long count = 0;
        long millis = 0;
        for (final java.lang.management.GarbageCollectorMXBean collector
            : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /** Per breaching period, from its end to the subscriber's request of each ALARM transition. */
    private void printDeliveryLatency(final PrintWriter out, final List<Long> breachingEnds, final int moving) {
        final Map<Long, Latencies> delivered = new ConcurrentHashMap<>();
        alarmPeriodEnds.forEach((transition, end) -> {
            final Long received = actions.receivedMs(transition);
            if (received != null) {
                delivered.computeIfAbsent(end, e -> new Latencies()).record(received - end);
            }
        });
        out.println();
        out.println("Latency from the end of a breaching period to the subscriber's request (http, " + moving
            + " breaching alarms on " + topics + " topics):");
        periodTable(breachingEnds, "topics", topics, "requests", delivered).print(out);
    }

    /** Latencies per breaching period (warm-up ones apart), then of all measured periods. */
    private Table periodTable(final List<Long> breachingEnds, final String secondColumn, final int secondValue,
                              final String countColumn, final Map<Long, Latencies> byEnd) {
        final Table table = new Table("alarms", secondColumn, "period", "phase", countColumn, "p50 ms", "p99 ms",
            "max ms");
        final Latencies measured = new Latencies();
        for (int i = 0; i < breachingEnds.size(); i++) {
            final long end = breachingEnds.get(i);
            final boolean warmup = i < (warmupPeriods + 1) / 2;
            final Latencies period = byEnd.getOrDefault(end, new Latencies());
            table.row(alarms, secondValue, Instant.ofEpochMilli(end - PERIOD_SECONDS * 1000L),
                warmup ? "warm-up" : "measured", period.count(), period.percentile(50), period.percentile(99),
                period.percentile(100));
            if (!warmup) {
                period.forEach(measured::record);
            }
        }
        return table.row(alarms, secondValue, "all measured", "", measured.count(), measured.percentile(50),
            measured.percentile(99), measured.percentile(100));
    }

    /** Deliveries per second of the burst: its transitions' requests, from its start to the last one received. */
    private void printDeliveryThroughput(final PrintWriter out, final int requestsBefore, final long burstStart)
        throws InterruptedException {
        final long expected = requestsBefore + (long) alarms * burstPeriods;
        if (!awaitDeliveries(expected, Duration.ofMinutes(10))) {
            out.println("the burst's requests did not all arrive within 10 minutes");
        }
        final long delivered = actions.requests() - requestsBefore;
        final long ms = Math.max(1, actions.lastReceivedMs() - burstStart);
        out.println();
        out.println("Deliveries: the burst's transitions, one http request each, to the last request received:");
        new Table("alarms", "topics", "requests", "seconds", "deliveries/s")
            .row(alarms, topics, delivered, String.format("%.1f", ms / 1000.0), Math.round(delivered * 1000.0 / ms))
            .print(out);
    }

    /** Whether the receiver has had {@code count} requests within the timeout. */
    private boolean awaitDeliveries(final long count, final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (actions.requests() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return actions.requests() >= count;
    }

    private List<DefinitionEntry> definitions() {
        final List<DefinitionEntry> entries = new ArrayList<>(alarms);
        for (int i = 0; i < alarms; i++) {
            final String routed = actions == null ? "" : """
                , "AlarmActions": ["%1$s"], "OKActions": ["%1$s"]""".formatted(actions.topicArn(i));
            // Missing data keeps the state: only the published statistics move the alarms.
            entries.add(MetricAlarmDefinition.TYPE.entry("""
                {"AlarmName": "load-%1$d", "Namespace": "%2$s", "MetricName": "Load",
                 "Dimensions": [{"Name": "InstanceId", "Value": "i-%1$d"}], "Statistic": "Maximum", "Period": %3$d,
                 "EvaluationPeriods": 1, "Threshold": %4$s, "ComparisonOperator": "GreaterThanThreshold",
                 "TreatMissingData": "ignore"%5$s}""".formatted(i, NAMESPACE, PERIOD_SECONDS, THRESHOLD, routed)));
        }
        return entries;
    }

    private void awaitDefinitions(final ProcessorsRuntime runtime) throws InterruptedException {
        final String last = DefinitionKind.METRIC_ALARM.key("load-" + (alarms - 1));
        final long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!runtime.hasDefinition(last)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the processors did not load the definitions in 2 minutes");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Publishes each period's statistics at its end, for {@code periods} periods; returns the ends of the
     * breaching ones.
     */
    private List<Long> realTime(final KafkaProducer<String, MetricStatistics> producer, final PrintWriter out,
                                final int moving, final ProcessorsRuntime runtime) throws InterruptedException {
        final long periodMs = PERIOD_SECONDS * 1000L;
        // Two periods of warm-up before the first measured one, so startup work is out of the way.
        long end = (Math.floorDiv(System.currentTimeMillis(), periodMs) + 2) * periodMs;
        final List<Long> breaching = new ArrayList<>();
        for (int period = 0; period < warmupPeriods + periods; period++, end += periodMs) {
            lastEnd = end;
            final long wait = end - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait); // until the period ends
            }
            final boolean breaches = period % 2 == 0;
            publish(producer, end - periodMs, breaches ? THRESHOLD * 2 : 0, moving);
            if (breaches) {
                breaching.add(end);
            }
            final StreamProducerTotals totals = StreamProducerTotals.of(runtime.streams());
            out.printf("period ending %s: %s published in %d ms; previous period's stream producers: %s%n",
                Instant.ofEpochMilli(end), breaches ? "breaching" : "recovering", System.currentTimeMillis() - end,
                totals.since(previousTotals));
            previousTotals = totals;
            out.flush();
        }
        return breaching;
    }

    /**
     * Waits until {@code burstPeriods} periods after the real-time ones have ended, then publishes them for every
     * alarm at once, alternating, as fast as possible; returns when publishing started.
     */
    private long burst(final KafkaProducer<String, MetricStatistics> producer, final long lastRealTimeEnd)
        throws InterruptedException {
        final long periodMs = PERIOD_SECONDS * 1000L;
        // The burst's periods start where the real-time ones stopped, or at the period under way when waiting for the
        // actions' requests took longer: older periods are behind the alarms' evaluation and would move none of them.
        final long first = Math.max(lastRealTimeEnd, Math.floorDiv(System.currentTimeMillis(), periodMs) * periodMs);
        final long end = first + burstPeriods * periodMs;
        final long wait = end - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait); // until the burst's periods are complete
        }
        final long start = System.currentTimeMillis();
        for (int i = 0; i < burstPeriods; i++) {
            // The real-time phase ended in OK: the first burst period breaches, and they alternate from there.
            publish(producer, first + i * periodMs, i % 2 == 0 ? THRESHOLD * 2 : 0, alarms);
        }
        return start;
    }

    /** One period's statistic for every alarm: {@code value} for the first {@code moving}, 0 for the others. */
    private void publish(final KafkaProducer<String, MetricStatistics> producer, final long periodStartMs,
                         final double movingValue, final int moving) {
        for (int i = 0; i < alarms; i++) {
            final double value = i < moving ? movingValue : 0;
            final List<Dimension> dimensions = List.of(new Dimension("InstanceId", "i-" + i));
            final MetricStatistics statistics = MetricStatistics.newBuilder().setNamespace(NAMESPACE)
                .setMetricName("Load").setDimensions(dimensions).setUnit("None")
                .setPeriodStart(Instant.ofEpochMilli(periodStartMs)).setPeriodSeconds(PERIOD_SECONDS)
                .setSampleCount(1).setSum(value).setMinimum(value).setMaximum(value).setAverage(value).build();
            producer.send(new ProducerRecord<>(Topics.METRIC_STATS.name(), MetricIdentity.of(statistics).key(),
                statistics));
        }
        producer.flush();
    }

    /** Reads every state change from the end of the topic on, timing the ALARM ones. */
    private void read(final BenchEnvironment env, final CountDownLatch positioned) {
        try (KafkaConsumer<String, AlarmStateChange> consumer = consumer(env)) {
            positioned.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                for (final ConsumerRecord<String, AlarmStateChange> record : consumer.poll(Duration.ofMillis(100))) {
                    final long now = System.currentTimeMillis();
                    final AlarmStateChange change = record.value();
                    transitions.incrementAndGet();
                    lastTransitionMs.set(now);
                    if (change.getState().getValue() == AlarmStateValue.ALARM) {
                        final long end = breachingPeriodEnd(change.getState().getReasonData());
                        byPeriod.computeIfAbsent(end, e -> new Latencies()).record(now - end);
                        if (actions != null) {
                            alarmPeriodEnds.put(change.getId(), end);
                        }
                    }
                }
            }
        }
    }

    /** The end of the period the ALARM evaluated: its reason data's startDate plus the period. */
    private static long breachingPeriodEnd(final String reasonData) {
        final int at = reasonData.indexOf("\"startDate\":\"");
        final String date = reasonData.substring(at + 13, at + 13 + 28);
        final Instant start = Instant.parse(date.substring(0, 23) + "Z");
        return start.toEpochMilli() + PERIOD_SECONDS * 1000L;
    }

    /** The 1, 5 and 15 minute load averages, as Linux reports them. */
    private static String loadAverage() {
        try {
            final String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (final java.io.IOException e) {
            return "unknown";
        }
    }

    /** Whether the count of transitions read reached {@code count} within the timeout. */
    private boolean awaitTransitions(final long count, final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (transitions.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return transitions.get() >= count;
    }

    private static KafkaProducer<String, MetricStatistics> producer(final BenchEnvironment env) {
        return new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.BATCH_SIZE_CONFIG, 131_072,
            ProducerConfig.ACKS_CONFIG, "all"),
            Topics.METRIC_STATS.keySerde(env.serdes()).serializer(),
            Topics.METRIC_STATS.valueSerde(env.serdes()).serializer());
    }

    private static KafkaConsumer<String, AlarmStateChange> consumer(final BenchEnvironment env) {
        final KafkaConsumer<String, AlarmStateChange> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
            Topics.ALARMS.keySerde(env.serdes()).deserializer(), Topics.ALARMS.valueSerde(env.serdes()).deserializer());
        final List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALARMS.name()).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
