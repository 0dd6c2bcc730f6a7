package io.trailwatch.bench;

import io.trailwatch.processors.TrailwatchTopology;
import io.trailwatch.app.http.HttpApi;
import io.trailwatch.app.http.access.HostAllowList;
import io.trailwatch.app.stack.Features;
import io.trailwatch.app.stack.IdentityStack;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.identity.IdentityKey;
import io.trailwatch.identity.NewAccessKey;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.stack.FreePorts;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench/run ingest}: what AWS's protocols cost on the way in. Trailwatch runs as {@code up} runs it (the
 * processors and every feature behind the gated HTTP API). For each workload (PutMetricData with batches of datums,
 * PutLogEvents with batches of events), the same records are published in the same run by a plain Kafka producer
 * (the baseline: a Kafka client of the same settings, one batch per "call", waiting for the acknowledgements as the
 * API does) and by the AWS SDK for Java v2 against Trailwatch's endpoint (signing, HTTP, decoding, validation, the
 * same producer settings), each from several client threads; then the SDK again, paced at half its peak, for the
 * request latency a loaded but not saturated endpoint gives.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "PutMetricData and PutLogEvents through the AWS SDK for Java v2 against a plain Kafka producer of "
        + "the same records, in the same run.")
final class IngestBench implements Callable<Integer> {

    private static final java.lang.management.ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    static final ResourceNames NAMES = new ResourceNames("000000000000", "us-east-1");

    @Option(names = "--threads", defaultValue = "4", description = "Client threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--batch", defaultValue = "1000",
        description = "Datums per PutMetricData call and events per PutLogEvents call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seconds", defaultValue = "20", description = "Seconds of each phase (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "10",
        description = "Seconds of unmeasured load first, for the JIT (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        try (BenchEnvironment env = new BenchEnvironment()) {
            env.createTopics(Topics.all());
            final KafkaAccess kafka = KafkaAccess.plaintext(env.bootstrapServers());
            final int port = FreePorts.pick();
            final ProcessorsConfig config = new ProcessorsConfig(Map.of(
                ProcessorsConfig.BOOTSTRAP_SERVERS, env.bootstrapServers(),
                ProcessorsConfig.SCHEMA_REGISTRY_URL, env.registryUrl(),
                ProcessorsConfig.APPLICATION_ID, "bench-ingest",
                ProcessorsConfig.STATE_DIR, env.stateDir("bench-ingest").toString(),
                ProcessorsConfig.APPLICATION_SERVER, "127.0.0.1:" + port));
            try (IdentityStack identity = new IdentityStack(kafka, env.serdes(), IdentityKey.random(), null, NAMES,
                     new HostAllowList("127.0.0.1", Set.of()), false);
                 ProcessorsRuntime runtime = TrailwatchTopology.runtime(config).start();
                 Features features = Features.start(runtime, config, kafka, env.serdes(), env.admin(),
                     identity.access());
                 HttpApi http = HttpApi.start("127.0.0.1", port, List.of(), features.routes(), identity.access())) {
                identity.authenticate(runtime.router());
                if (!runtime.awaitRunning(Duration.ofMinutes(2))) {
                    throw new IllegalStateException("the processors did not start: " + runtime.state());
                }
                final NewAccessKey key = LookupBench.administrator(identity.identities());
                final String endpoint = "http://127.0.0.1:" + http.port();
                final List<IngestWorkload> workloads = List.of(new MetricIngest(env, endpoint, key, batch).workload(),
                    new LogIngest(env, endpoint, key, batch).workload());
                final Table table = new Table("workload", "path", "load avg", "calls/s", "items/s", "MB/s (records)",
                    "request p50 / p99", "client CPU/call", "HTTP threads CPU/call", "ratio to producer");
                for (final IngestWorkload workload : workloads) {
                    out.printf("%s: warming up...%n", workload.name());
                    out.flush();
                    measure(workload.producerCall(), Duration.ofSeconds(warmupSeconds), 0);
                    measure(workload.awsCall(), Duration.ofSeconds(warmupSeconds), 0);
                    final Result producer = measure(workload.producerCall(), Duration.ofSeconds(seconds), 0);
                    row(table, workload, "Kafka producer", producer, producer);
                    final Result aws = measure(workload.awsCall(), Duration.ofSeconds(seconds), 0);
                    row(table, workload, "AWS SDK (" + workload.protocol() + ")", aws, producer);
                    final Result paced = measure(workload.awsCall(), Duration.ofSeconds(seconds),
                        aws.callsPerSecond() / 2);
                    row(table, workload, "AWS SDK at half its peak", paced, producer);
                }
                out.printf("%d client threads, %d items per call, %d s per phase, %d available processors:%n",
                    threads, batch, seconds, Runtime.getRuntime().availableProcessors());
                table.print(out);
            }
        }
        return CommandLine.ExitCode.OK;
    }

    private void row(final Table table, final IngestWorkload workload, final String path, final Result result,
                     final Result baseline) {
        table.row(workload.name(), path, String.format("%.2f", result.loadAverage()),
            String.format("%,.0f", result.callsPerSecond()),
            String.format("%,.0f", result.callsPerSecond() * workload.itemsPerCall()),
            String.format("%.1f", result.callsPerSecond() * workload.recordBytesPerCall() / 1e6),
            result.latencies().percentile(50) + " / " + result.latencies().percentile(99) + " ms",
            String.format("%.1f ms", result.clientCpuMs()), String.format("%.1f ms", result.httpCpuMs()),
            String.format("%.2f", result.callsPerSecond() / baseline.callsPerSecond()));
    }

    /**
     * Calls per second over the phase, each call's latency, and the CPU per call of the client threads (SDK or
     * producer, signing and compression included) and of the HTTP server's threads (decoding, validation, sending).
     */
    record Result(double callsPerSecond, Latencies latencies, double loadAverage, double clientCpuMs,
                  double httpCpuMs) { }

    /**
     * Runs {@code call} from every client thread for the duration, as fast as it answers, or at {@code rate} calls
     * per second in all when it is above zero (each thread waits for its next slot, so latency is not queueing).
     */
    private Result measure(final IngestWorkload.Call call, final Duration duration, final double rate)
        throws Exception {
        final Latencies latencies = new Latencies();
        final AtomicLong calls = new AtomicLong();
        final long start = System.nanoTime();
        final long end = start + duration.toNanos();
        final long intervalNanos = rate > 0 ? (long) (threads * 1e9 / rate) : 0;
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        final AtomicLong clientCpu = new AtomicLong();
        final ThreadCpu.Snapshot cpuAtStart = ThreadCpu.take();
        try {
            final List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int thread = t;
                running.add(pool.submit(() -> {
                    final long cpuBefore = CPU.getCurrentThreadCpuTime();
                    long next = start + (intervalNanos * thread) / threads;
                    while (System.nanoTime() < end) {
                        if (intervalNanos > 0) {
                            final long wait = next - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                            next += intervalNanos;
                        }
                        final long before = System.nanoTime();
                        call.run(thread);
                        latencies.record((System.nanoTime() - before) / 1_000_000);
                        calls.incrementAndGet();
                    }
                    clientCpu.addAndGet(CPU.getCurrentThreadCpuTime() - cpuBefore);
                    return null;
                }));
            }
            for (final Future<?> each : running) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
        final double elapsed = (System.nanoTime() - start) / 1e9;
        final long http = ThreadCpu.between(cpuAtStart, ThreadCpu.take(), "none", 0).group(ThreadCpu.Group.HTTP);
        final double perCall = Math.max(1, calls.get()) * 1e6;
        return new Result(calls.get() / elapsed, latencies,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), clientCpu.get() / perCall,
            http / perCall);
    }
}
