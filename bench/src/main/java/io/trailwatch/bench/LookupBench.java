package io.trailwatch.bench;

import io.trailwatch.app.history.EventHistoryRoutes;
import io.trailwatch.app.http.HttpApi;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.processors.history.EventQuery;
import io.trailwatch.processors.history.LocalHistory;
import io.trailwatch.processors.history.LookupAttribute;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.schemas.Topics;
import io.trailwatch.stack.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench/run lookup}: the event history. Publishes N synthetic audit events spread over a time span, runs
 * the processors until they have indexed all of them (the indexing rate), then measures typical lookups (one
 * attribute, Username, plus a one-hour range, 50 results a page) through the HTTP API with concurrent clients
 * (lookups per second, p50 and p99) and in-process without HTTP.
 */
@Command(name = "lookup", mixinStandardHelpOptions = true,
    description = "Event history: indexing rate, lookups per second and lookup latency over N stored events.")
public final class LookupBench implements Callable<Integer> {

    private static final String APPLICATION_ID = "bench-lookup";
    private static final String PASS_THROUGH_ID = "bench-lookup-pass-through";

    @Option(names = "--events", defaultValue = "1000000", description = "Audit events to store (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--span-hours", defaultValue = "168",
        description = "Hours the events' times spread over, ending now (default: ${DEFAULT-VALUE}).")
    int spanHours;

    @Option(names = "--users", description = "Callers (default: events / (span-hours x 60), so that a caller's hour "
        + "holds about 60 events and a typical query fills its page of 50).")
    Integer users;

    @Option(names = "--stream-threads", defaultValue = "2", description = "Stream threads (default: ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(names = "--clients", defaultValue = "4",
        description = "Concurrent HTTP clients issuing lookups (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "30", description = "Seconds of lookups (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "90",
        description = "Seconds of lookups over HTTP before the measured ones (default: ${DEFAULT-VALUE}): over 10 "
            + "million events the first minute runs at about two thirds of the steady rate while the JIT compiles and "
            + "the stores' files are first mapped.")
    int warmupSeconds;

    @Option(names = "--no-pass-through",
        description = "Skip the plain exactly-once consume-and-produce of the same events that is otherwise timed "
            + "first, the baseline the indexing rate is compared with under the same machine load.")
    boolean noPassThrough;

    private static final double QUIET_CORES = 0.3;
    private static final int QUIET_WINDOW_SECONDS = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final int callers = users != null ? users : (int) Math.max(1, events / (spanHours * 60L));
        final Instant newest = Instant.now();
        final Table table = new Table("measure", "value");
        try (BenchEnvironment env = new BenchEnvironment()) {
            env.createTopics(Topics.all());
            out.printf("publishing %,d audit events (%,d callers over %d h)...%n", events, callers, spanHours);
            out.flush();
            final long publishStart = System.nanoTime();
            final long bytes = publish(env, new AuditTraffic(42, callers, newest, Duration.ofHours(spanHours).toMillis()));
            final double publishSeconds = (System.nanoTime() - publishStart) / 1e9;
            table.row("events stored", String.format("%,d (%,d bytes on the topic, %d partitions)", events, bytes,
                Topics.AUDIT.partitions()));
            table.row("publish rate", String.format("%,.0f events/s", events / publishSeconds));

            final boolean passThrough = !noPassThrough;
            final double baseline = passThrough ? passThrough(env) : 0;
            if (passThrough) {
                table.row("pass-through rate (consume -> produce, same settings)",
                    String.format("%,.0f events/s", baseline));
            }

            final int port = FreePorts.pick();
            final Path stateDir = env.stateDir(APPLICATION_ID);
            final ProcessorsConfig config = new ProcessorsConfig(Map.of(
                ProcessorsConfig.BOOTSTRAP_SERVERS, env.bootstrapServers(),
                ProcessorsConfig.SCHEMA_REGISTRY_URL, env.registryUrl(),
                ProcessorsConfig.APPLICATION_ID, APPLICATION_ID,
                ProcessorsConfig.STATE_DIR, stateDir.toString(),
                ProcessorsConfig.NUM_STREAM_THREADS, streamThreads,
                ProcessorsConfig.APPLICATION_SERVER, "127.0.0.1:" + port));
            try (ProcessorsRuntime runtime = new ProcessorsRuntime(config).start()) {
                out.println("indexing...");
                out.flush();
                final long cpuBefore = processCpuNanos();
                final long wallBefore = System.nanoTime();
                final double indexRate = awaitCommitted(env.admin(), APPLICATION_ID);
                final double cores = (processCpuNanos() - cpuBefore) / (double) (System.nanoTime() - wallBefore);
                table.row("indexing rate (stream threads: " + streamThreads + ", exactly-once)",
                    String.format("%,.0f events/s", indexRate) + (passThrough
                        ? String.format(" (%.2f x pass-through)", indexRate / baseline) : ""));
                table.row("CPU while indexing (whole process: broker, processors)", String.format(
                    "%.2f cores, %.0f us per event", cores, cores * 1e6 / indexRate));
                table.row("state on disk", String.format("%,d MB", size(stateDir) / 1_000_000));
                table.row("wait for compactions to settle after indexing", String.format("%d s",
                    awaitQuiet(Duration.ofMinutes(10)).toSeconds()));

                final LookupLoad load = new LookupLoad(callers, newest, spanHours);
                try (HttpApi http = HttpApi.start("127.0.0.1", port, List.of(),
                    List.of(EventHistoryRoutes.create(runtime, env.serdes(), config.history())))) {
                    out.println("lookups over HTTP...");
                    out.flush();
                    // Warm-up at full load, so the JIT has compiled the lookup path before it is measured, and the
                    // stores' files are mapped and cached as a running instance's are.
                    load.http(http.port(), clients, Duration.ofSeconds(warmupSeconds));
                    final LookupLoad.Result result = load.http(http.port(), clients, Duration.ofSeconds(seconds));
                    result.report(table, "HTTP, " + clients + " clients");
                }
                out.println("lookups in-process...");
                out.flush();
                final LocalHistory local = new LocalHistory(runtime.streams(), env.serdes(), config.history(),
                    Clock.systemUTC());
                load.inProcess(local, Duration.ofSeconds(5));
                load.inProcess(local, Duration.ofSeconds(Math.max(5, seconds / 2)))
                    .report(table, "in-process, 1 thread");
            }
        }
        table.print(out);
        return CommandLine.ExitCode.OK;
    }

    /** Publishes the events as fast as the producer goes; returns the bytes written. */
    private long publish(final BenchEnvironment env, final AuditTraffic traffic) {
        final Serializer<String> keys = Topics.AUDIT.keySerde(env.serdes()).serializer();
        final Serializer<AuditEvent> values = Topics.AUDIT.valueSerde(env.serdes()).serializer();
        final AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, 20,
            ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < events && failure.get() == null; i++) {
                final AuditEvent event = traffic.next();
                final byte[] value = values.serialize(Topics.AUDIT.name(), event);
                bytes += value.length;
                producer.send(new ProducerRecord<>(Topics.AUDIT.name(), keys.serialize(Topics.AUDIT.name(),
                    event.getEventID()), value), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("publishing failed", failure.get());
        }
        return bytes;
    }

    /**
     * The baseline: the same events consumed and produced unchanged to another topic, with the processors' settings
     * (exactly-once, commit interval, stream threads), in the same run and so under the same machine load.
     */
    private double passThrough(final BenchEnvironment env) throws Exception {
        final String copies = PASS_THROUGH_ID + "-copies";
        env.admin().createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(copies, Topics.AUDIT.partitions(),
            (short) 1))).all().get();
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.AUDIT.name(), Consumed.with(Topics.AUDIT.keySerde(env.serdes()),
                Topics.AUDIT.valueSerde(env.serdes())))
            .to(copies, Produced.with(Topics.AUDIT.keySerde(env.serdes()), Topics.AUDIT.valueSerde(env.serdes())));
        final ProcessorsConfig config = new ProcessorsConfig(Map.of(
            ProcessorsConfig.BOOTSTRAP_SERVERS, env.bootstrapServers(),
            ProcessorsConfig.SCHEMA_REGISTRY_URL, env.registryUrl(),
            ProcessorsConfig.APPLICATION_ID, PASS_THROUGH_ID,
            ProcessorsConfig.STATE_DIR, env.stateDir(PASS_THROUGH_ID).toString(),
            ProcessorsConfig.NUM_STREAM_THREADS, streamThreads));
        spec.commandLine().getOut().println("pass-through...");
        spec.commandLine().getOut().flush();
        try (KafkaStreams streams = new KafkaStreams(builder.build(), config.streamsProperties())) {
            streams.start();
            return awaitCommitted(env.admin(), PASS_THROUGH_ID);
        }
    }

    /**
     * Waits until the application's committed offsets on the audit topic reach its end, and returns the rate from
     * their first commit on, so that startup does not count.
     */
    private double awaitCommitted(final Admin admin, final String applicationId) throws Exception {
        final List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < Topics.AUDIT.partitions(); p++) {
            partitions.add(new TopicPartition(Topics.AUDIT.name(), p));
        }
        final Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        long end = 0;
        for (final var offset : admin.listOffsets(latest).all().get().values()) {
            end += offset.offset();
        }
        long firstCommitted = -1;
        long firstAt = 0;
        while (true) {
            final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get();
            long done = 0;
            for (final TopicPartition partition : partitions) {
                final OffsetAndMetadata offset = committed.get(partition);
                done += offset == null ? 0 : offset.offset();
            }
            final long now = System.nanoTime();
            if (done > 0 && firstCommitted < 0) {
                firstCommitted = done;
                firstAt = now;
            }
            if (done >= end) {
                return (done - firstCommitted) / ((now - firstAt) / 1e9);
            }
            Thread.sleep(200);
        }
    }

    /**
     * Waits until the process is nearly idle (under {@value #QUIET_CORES} cores over {@value #QUIET_WINDOW_SECONDS}
     * seconds), at most {@code limit}: after a bulk load RocksDB goes on compacting gigabytes for minutes, and
     * lookups measured beside that would measure the compaction. Returns how long it waited.
     */
    private static Duration awaitQuiet(final Duration limit) throws InterruptedException {
        final long start = System.nanoTime();
        while (System.nanoTime() - start < limit.toNanos()) {
            final long cpuBefore = processCpuNanos();
            final long wallBefore = System.nanoTime();
            Thread.sleep(Duration.ofSeconds(QUIET_WINDOW_SECONDS).toMillis());
            final double cores = (processCpuNanos() - cpuBefore) / (double) (System.nanoTime() - wallBefore);
            if (cores < QUIET_CORES) {
                break;
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** CPU time this process (broker, processors, HTTP server and clients alike) has used, in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    private static long size(final Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The typical query: one caller's events in a random hour of the span, 50 a page. */
    private static final class LookupLoad {

        private final int callers;
        private final Instant newest;
        private final long spanMillis;
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private static final byte[] EVENT_ID = "\"EventId\":".getBytes(StandardCharsets.UTF_8);
        /** Seeds each run's queries apart: a measured run that replayed its warm-up's would read what is cached. */
        private final Random seeds = new Random(7);

        LookupLoad(final int callers, final Instant newest, final int spanHours) {
            this.callers = callers;
            this.newest = newest;
            this.spanMillis = Duration.ofHours(spanHours - 1).toMillis();
        }

        /**
         * Blocking {@link HttpURLConnection}s on keep-alive connections, one per client thread, so all of a client's
         * work runs on its own thread and its CPU can be told apart from the server's (the JDK's asynchronous
         * {@code HttpClient} works on threads of its own).
         */
        Result http(final int port, final int clients, final Duration duration) throws InterruptedException {
            final long cpuBefore = processCpuNanos();
            final Latencies micros = new Latencies();
            final AtomicLong results = new AtomicLong();
            final AtomicLong clientCpuNanos = new AtomicLong();
            final AtomicReference<String> failure = new AtomicReference<>();
            final long deadline = System.nanoTime() + duration.toNanos();
            final List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                final Random random = new Random(seeds.nextLong());
                final Thread thread = new Thread(() -> {
                    final long cpuStart = THREADS.getCurrentThreadCpuTime();
                    while (System.nanoTime() < deadline && failure.get() == null) {
                        final int user = random.nextInt(callers);
                        final Instant start = newest.minusMillis(Duration.ofHours(1).toMillis()
                            + (long) (random.nextDouble() * spanMillis));
                        final URI uri = URI.create("http://127.0.0.1:" + port + "/v1/events?Username="
                            + AuditTraffic.user(user) + "&startTime=" + start + "&endTime=" + start.plus(Duration.ofHours(1))
                            + "&maxResults=50");
                        final long began = System.nanoTime();
                        try {
                            final HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                            final int status = connection.getResponseCode();
                            final byte[] body;
                            // Read to the end and closed, so the connection goes back to the keep-alive cache.
                            try (InputStream in = status == 200 ? connection.getInputStream()
                                : connection.getErrorStream()) {
                                body = in == null ? new byte[0] : in.readAllBytes();
                            }
                            micros.record((System.nanoTime() - began) / 1_000);
                            if (status != 200) {
                                failure.compareAndSet(null, status + " " + new String(body, StandardCharsets.UTF_8));
                            }
                            results.addAndGet(count(body, EVENT_ID));
                        } catch (final IOException e) {
                            failure.compareAndSet(null, e.toString());
                        }
                    }
                    clientCpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
                }, "lookup-client-" + c);
                thread.start();
                threads.add(thread);
            }
            for (final Thread thread : threads) {
                thread.join();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("lookup failed: " + failure.get());
            }
            return new Result(micros, results.get(), duration, processCpuNanos() - cpuBefore, clientCpuNanos.get());
        }

        Result inProcess(final LocalHistory local, final Duration duration) {
            final long cpuBefore = processCpuNanos();
            final Latencies micros = new Latencies();
            final Random random = new Random(seeds.nextLong());
            long results = 0;
            final long deadline = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < deadline) {
                final Instant start = newest.minusMillis(Duration.ofHours(1).toMillis()
                    + (long) (random.nextDouble() * spanMillis));
                final EventQuery query = new EventQuery(Map.of(LookupAttribute.USERNAME,
                    List.of(AuditTraffic.user(random.nextInt(callers)))), start, start.plus(Duration.ofHours(1)), 50, null);
                final long began = System.nanoTime();
                results += local.search(query).page().hits().size();
                micros.record((System.nanoTime() - began) / 1_000);
            }
            return new Result(micros, results, duration, processCpuNanos() - cpuBefore, 0);
        }

        private static int count(final byte[] text, final byte[] needle) {
            int count = 0;
            for (int at = 0; at <= text.length - needle.length; at++) {
                if (Arrays.equals(text, at, at + needle.length, needle, 0, needle.length)) {
                    count++;
                    at += needle.length - 1;
                }
            }
            return count;
        }

        /**
         * @param cpuNanos       CPU the whole process used meanwhile, clients included
         * @param clientCpuNanos CPU of the client threads alone (0 when the clients are not apart from the server)
         */
        record Result(Latencies micros, long results, Duration duration, long cpuNanos, long clientCpuNanos) {

            void report(final Table table, final String how) {
                table.row("lookups/s (" + how + ")", String.format("%,.0f", micros.count()
                    / (duration.toMillis() / 1000.0)));
                table.row("latency p50 / p99 (" + how + ")", String.format("%.2f ms / %.2f ms",
                    micros.percentile(50) / 1000.0, micros.percentile(99) / 1000.0));
                table.row("events per lookup (" + how + ")", String.format("%.1f",
                    micros.count() == 0 ? 0 : (double) results / micros.count()));
                table.row("CPU per lookup (" + how + ", whole process)", String.format("%.2f ms",
                    micros.count() == 0 ? 0 : cpuNanos / 1e6 / micros.count()));
                if (clientCpuNanos > 0) {
                    table.row("CPU per lookup (" + how + ", all but the clients)", String.format("%.2f ms",
                        micros.count() == 0 ? 0 : (cpuNanos - clientCpuNanos) / 1e6 / micros.count()));
                }
            }
        }
    }
}
