package io.trailwatch.bench;

import io.trailwatch.processors.TrailwatchTopology;
import io.trailwatch.app.history.EventHistory;
import io.trailwatch.app.history.EventHistoryRoutes;
import io.trailwatch.app.http.HttpApi;
import io.trailwatch.app.http.access.AccessControl;
import io.trailwatch.app.http.access.HostAllowList;
import io.trailwatch.app.http.access.SelfAudit;
import io.trailwatch.app.stack.IdentityStack;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.identity.AwsService;
import io.trailwatch.identity.IdentityKey;
import io.trailwatch.identity.IdentityService;
import io.trailwatch.identity.NewAccessKey;
import io.trailwatch.identity.Principal;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.identity.sigv4.SigV4Verifier;
import io.trailwatch.identity.sigv4.SignedRequest;
import io.trailwatch.processors.history.EventQuery;
import io.trailwatch.processors.history.HistoryTopology;
import io.trailwatch.processors.history.LocalHistory;
import io.trailwatch.processors.history.LookupAttribute;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.stack.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
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
 *
 * <p>With {@code --access both} (the default) the HTTP lookups are measured without access control
 * ({@link HttpApi#startWithoutAccessControl}) and with it (an {@link IdentityStack} on the bench's broker, an
 * administrator whose key every client request is signed with by the AWS SDK's SigV4 signer; the server verifies,
 * authorizes and writes a self-audit record to {@code trailwatch.audit} for each, which the processors then index):
 * after a warm-up split between the two, the modes alternate twice (off on off on), each phase with fresh queries of
 * the same mix, so the machine's drift shows beside the difference. {@code --access all} adds a third mode between
 * them, no authentication but a self-audit record per lookup, which tells the record's cost from the signature's.
 * Each phase's CPU is split by thread (HTTP server, processors, self-audit producer, other Java threads, the rest)
 * and the clients' signing is timed on their threads; after the lookups the gate's parts are timed one by one on
 * one thread.
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

    @Option(names = "--seconds", defaultValue = "30",
        description = "Seconds of lookups, of each phase with --access both (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "90",
        description = "Seconds of lookups over HTTP before the measured ones (default: ${DEFAULT-VALUE}): over 10 "
            + "million events the first minute runs at about two thirds of the steady rate while the JIT compiles and "
            + "the stores' files are first mapped. With --access both, half without access control, half with it.")
    int warmupSeconds;

    @Option(names = "--access", defaultValue = "both",
        description = "Access control in front of the HTTP API: off (no authentication: the baseline), on (every "
            + "request SigV4-signed by the clients, verified, authorized and audited by the server), both "
            + "(alternated off on off on after a warm-up split between them) or all (off, audit only, on, twice; "
            + "audit only: no authentication, but a self-audit record per lookup, to tell the record's cost from "
            + "the signature's) (default: ${DEFAULT-VALUE}).")
    String access;

    @Option(names = "--no-pass-through",
        description = "Skip the plain exactly-once consume-and-produce of the same events that is otherwise timed "
            + "first, the baseline the indexing rate is compared with under the same machine load.")
    boolean noPassThrough;

    @Option(names = "--history-only",
        description = "Index with the event history's topology alone (HistoryTopology) instead of Trailwatch's whole "
            + "topology, which also reads every audit event into metric filters, rules and the audit log group: "
            + "what indexing itself costs, against what the trail costs in a running Trailwatch.")
    boolean historyOnly;

    /** Account and region of the bench's identities; requests are signed for the region. */
    private static final ResourceNames NAMES = new ResourceNames("000000000000", "us-east-1");
    private static final double QUIET_CORES = 0.3;
    private static final int QUIET_WINDOW_SECONDS = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        if (!Set.of("both", "all", "on", "off").contains(access)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--access must be both, all, on or off, not " + access);
        }
        final boolean gated = !access.equals("off");
        final boolean open = !access.equals("on");
        final boolean auditOnly = access.equals("all");
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
            try (ProcessorsRuntime runtime = (historyOnly ? new ProcessorsRuntime(config,
                HistoryTopology.build(env.serdes(), config.history())) : TrailwatchTopology.runtime(config)).start()) {
                out.println(historyOnly ? "indexing (the history's topology alone)..." : "indexing...");
                out.flush();
                final long cpuBefore = processCpuNanos();
                final long wallBefore = System.nanoTime();
                final double indexRate;
                final StringWriter byPhase = new StringWriter();
                final ThreadCpu.Snapshot threadsBefore = ThreadCpu.take();
                try (StreamThreadPhases phases = new StreamThreadPhases(APPLICATION_ID,
                    StreamThreadPhases.HISTORY_PHASES)) {
                    indexRate = awaitCommitted(env.admin(), APPLICATION_ID);
                    phases.print(new PrintWriter(byPhase, true), events, "event");
                }
                final Table byKind = ThreadCpu.kindsTable(threadsBefore, ThreadCpu.take(), 14, events, "event");
                final double cores = (processCpuNanos() - cpuBefore) / (double) (System.nanoTime() - wallBefore);
                table.row("indexing rate (" + (historyOnly ? "history alone" : "whole topology") + ", stream threads: "
                    + streamThreads + ", exactly-once)",
                    String.format("%,.0f events/s", indexRate) + (passThrough
                        ? String.format(" (%.2f x pass-through)", indexRate / baseline) : ""));
                table.row("CPU while indexing (whole process: broker, processors)", String.format(
                    "%.2f cores, %.0f us per event", cores, cores * 1e6 / indexRate));
                table.row("state on disk", String.format("%,d MB", size(stateDir) / 1_000_000));
                table.row("wait for compactions to settle after indexing", String.format("%d s",
                    awaitQuiet(Duration.ofMinutes(10)).toSeconds()));

                final LookupLoad load = new LookupLoad(callers, newest, spanHours);
                final Table phases = new Table("phase", "access", "load avg", "lookups/s", "p50 / p99",
                    "server CPU/lookup", "HTTP threads", "processors", "audit producer", "broker, other Java",
                    "GC, JIT, RocksDB",
                    "client CPU/lookup", "signing", "audit records/lookup");
                Table gate = null;
                final LocalHistory local = new LocalHistory(runtime.streams(), env.serdes(), config.history(),
                    Clock.systemUTC());
                final AtomicReference<AuditEvent> template = new AtomicReference<>();
                final KafkaAccess kafka = KafkaAccess.plaintext(env.bootstrapServers());
                try (IdentityStack identity = gated ? new IdentityStack(kafka, env.serdes(), IdentityKey.random(), null,
                    NAMES, new HostAllowList("127.0.0.1", Set.of()), false) : null;
                     SelfAudit copies = auditOnly ? SelfAudit.toKafka(kafka, env.serdes(), false) : null) {
                    final NewAccessKey key = gated ? administrator(identity.identities()) : null;
                    final SigV4Headers signer = gated ? new SigV4Headers(key.key().accessKeyId(),
                        key.secretAccessKey(), AccessControl.SERVICE, NAMES.region()) : null;
                    final EventHistory history = EventHistory.create(runtime, env.serdes(), config.history());
                    try (HttpApi withoutAccess = open ? HttpApi.startWithoutAccessControl("127.0.0.1", port,
                            List.of(), List.of(new EventHistoryRoutes(history))) : null;
                         HttpApi withAccess = gated ? HttpApi.start("127.0.0.1", open ? FreePorts.pick() : port,
                             List.of(), List.of(new EventHistoryRoutes(history)), identity.access()) : null;
                         HttpApi auditedOnly = auditOnly ? HttpApi.startWithoutAccessControl("127.0.0.1",
                             FreePorts.pick(), List.of(), List.of(new EventHistoryRoutes(history),
                                 auditEach(copies, template))) : null) {
                        final List<Mode> modes = new ArrayList<>();
                        if (open) {
                            modes.add(new Mode("off", withoutAccess.port(), null));
                        }
                        if (auditOnly) {
                            modes.add(new Mode("audit only", auditedOnly.port(), null));
                        }
                        if (gated) {
                            modes.add(new Mode("on", withAccess.port(), signer));
                        }
                        out.println("lookups over HTTP...");
                        out.flush();
                        // Warm-up at full load, so the JIT has compiled the lookup path (and the gate's) before it
                        // is measured, and the stores' files are mapped and cached as a running instance's are. The
                        // gated server's first, so that the audit-only one has a real self-audit record to copy.
                        final List<Mode> warmUp = new ArrayList<>(modes);
                        warmUp.sort(java.util.Comparator.comparing(mode -> mode.access().equals("audit only")));
                        for (final Mode mode : warmUp) {
                            if (mode.access().equals("audit only")) {
                                template.set(latestSelfAudit(local).orElseThrow(() -> new IllegalStateException(
                                    "no self-audit record of the gated server's lookups in the history to copy")));
                            }
                            load.http(mode, clients, Duration.ofSeconds(warmupSeconds / modes.size()));
                        }
                        final Map<String, List<LookupLoad.Result>> byMode = new java.util.LinkedHashMap<>();
                        final int rounds = modes.size() > 1 ? 2 : 1;
                        int phase = 0;
                        for (int round = 0; round < rounds; round++) {
                            for (final Mode mode : modes) {
                                phase++;
                                final double loadAverage = ManagementFactory.getOperatingSystemMXBean()
                                    .getSystemLoadAverage();
                                out.printf("  phase %d: access %s (load average %.2f)...%n", phase, mode.access(),
                                    loadAverage);
                                out.flush();
                                final long auditBefore = endOffset(env.admin());
                                final LookupLoad.Result result = load.http(mode, clients,
                                    Duration.ofSeconds(seconds)).withAuditRecords(endOffset(env.admin())
                                    - auditBefore);
                                byMode.computeIfAbsent(mode.access(), m -> new ArrayList<>()).add(result);
                                result.phaseRow(phases, String.valueOf(phase), mode.access(),
                                    String.format("%.2f", loadAverage));
                            }
                        }
                        final Map<String, LookupLoad.Result> merged = new java.util.LinkedHashMap<>();
                        byMode.forEach((mode, results) -> merged.put(mode, LookupLoad.Result.merge(results)));
                        merged.forEach((mode, result) -> {
                            result.report(table, "HTTP, " + clients + " clients, access " + mode);
                            if (rounds > 1) {
                                result.phaseRow(phases, "both", mode, "");
                            }
                        });
                        if (open && gated) {
                            LookupLoad.Result.differenceRow(phases, "on - off", merged.get("on"), merged.get("off"));
                        }
                        if (auditOnly) {
                            LookupLoad.Result.differenceRow(phases, "audit only - off", merged.get("audit only"),
                                merged.get("off"));
                            LookupLoad.Result.differenceRow(phases, "on - audit only", merged.get("on"),
                                merged.get("audit only"));
                        }
                    }
                    out.println("lookups in-process...");
                    out.flush();
                    load.inProcess(local, Duration.ofSeconds(5));
                    load.inProcess(local, Duration.ofSeconds(Math.max(5, seconds / 2)))
                        .report(table, "in-process, 1 thread");
                    if (gated) {
                        out.println("the gate's parts, one at a time...");
                        out.flush();
                        gate = gateParts(identity, key, signer, load, port, env, local);
                    }
                }
                table.print(out);
                out.println();
                out.println("Stream threads' CPU while indexing, by phase (charged every 5 ms to the phase on the "
                    + "thread's stack):");
                out.print(byPhase);
                out.println("The process's CPU while indexing, by thread kind (the broker and the benchmark's own "
                    + "threads are in this process too):");
                byKind.print(out);
                out.println();
                out.println("HTTP lookups by phase (CPU in us per lookup; server = whole process but the clients; "
                    + "latency includes the client's signing):");
                phases.print(out);
                if (gate != null) {
                    out.println();
                    out.println("The gate's parts, each timed alone on one thread (CPU per call):");
                    gate.print(out);
                }
            }
        }
        return CommandLine.ExitCode.OK;
    }

    /** Where the load's requests go, and how they are signed (null: not at all). */
    record Mode(String access, int port, SigV4Headers signer) {
    }

    /** The administrator the clients sign with: a user with AdministratorAccess and a new key. */
    static NewAccessKey administrator(final IdentityService identities) {
        identities.createUser(IdentityStack.ADMINISTRATOR);
        identities.attachUserPolicy(IdentityStack.ADMINISTRATOR, ManagedPolicies.ADMINISTRATOR_ACCESS);
        return identities.createAccessKey(IdentityStack.ADMINISTRATOR);
    }

    /** The newest self-audit record of the bench's administrator in the event history. */
    private static java.util.Optional<AuditEvent> latestSelfAudit(final LocalHistory local) {
        final Instant now = Instant.now();
        return local.search(new EventQuery(Map.of(LookupAttribute.USERNAME, List.of(IdentityStack.ADMINISTRATOR)),
            now.minus(Duration.ofHours(1)), now.plusSeconds(60), 1, null)).page().hits().stream()
            .map(io.trailwatch.processors.history.StoredEvent::event).findFirst();
    }

    /**
     * The audit record without the authentication: after each matched request, a copy of a real self-audit record
     * of a lookup (new id and time) handed to a {@link SelfAudit} of the same settings as the gate's, so that the
     * record's cost (building it, the producer, the broker, indexing it) can be told apart from the signature's.
     */
    private static io.trailwatch.app.http.ApiRoutes auditEach(final SelfAudit audit,
                                                               final AtomicReference<AuditEvent> template) {
        return routes -> routes.afterMatched(ctx -> {
            final AuditEvent record = template.get();
            if (record != null) {
                audit.record(AuditEvent.newBuilder(record).setEventID(UUID.randomUUID().toString())
                    .setEventTime(Instant.now()).setRequestID(UUID.randomUUID().toString()).build());
            }
        });
    }

    /** Records on the audit topic so far (its partitions' end offsets summed). */
    private static long endOffset(final Admin admin) throws Exception {
        final Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        for (int p = 0; p < Topics.AUDIT.partitions(); p++) {
            latest.put(new TopicPartition(Topics.AUDIT.name(), p), OffsetSpec.latest());
        }
        long end = 0;
        for (final var offset : admin.listOffsets(latest).all().get().values()) {
            end += offset.offset();
        }
        return end;
    }

    /**
     * Each part of what access control adds to a lookup, timed alone on this thread (CPU time, after the HTTP phases
     * have compiled it): the client's signing, the server's signature verification (from the headers as received,
     * the request copied into a {@link SignedRequest} as the gate does), the principal and IAM decision, and handing
     * the self-audit record to the producer (Avro serialization, partitioning, appending to a batch). The record's
     * later costs (the producer's network thread, the broker, indexing it) are in the phases' thread split.
     */
    private static Table gateParts(final IdentityStack identity, final NewAccessKey key, final SigV4Headers signer,
                                   final LookupLoad load, final int port, final BenchEnvironment env,
                                   final LocalHistory local) {
        final Table table = new Table("part", "CPU per call");
        final int distinct = 1000;
        final Random random = new Random(11);
        final List<URI> uris = new ArrayList<>();
        final List<Map<String, List<String>>> received = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            final URI uri = load.uri(port, random);
            final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(signer.sign(uri));
            // What HttpURLConnection adds to the lookups' requests, unsigned.
            headers.put("User-Agent", List.of("Java/" + System.getProperty("java.version")));
            headers.put("Accept", List.of("*/*"));
            headers.put("Connection", List.of("keep-alive"));
            uris.add(uri);
            received.add(headers);
        }
        table.row("SigV4 signing of a lookup (client, AWS SDK AwsV4HttpSigner)", String.format("%.1f us",
            cpuMicrosPerCall(i -> signer.sign(uris.get(i % distinct)), Integer.MAX_VALUE)));
        final SigV4Verifier verifier = new SigV4Verifier(Clock.systemUTC(), identity.identities(), NAMES.region());
        final Set<String> services = Set.of(AccessControl.SERVICE);
        table.row("SigV4 verification (server: SignedRequest copied from the headers, SigV4Verifier.verify)",
            String.format("%.1f us", cpuMicrosPerCall(i -> {
                final URI uri = uris.get(i % distinct);
                verifier.verify(SignedRequest.of("GET", uri.getRawPath(), uri.getRawQuery(), received.get(i % distinct),
                    new byte[0]), services);
            }, Integer.MAX_VALUE)));
        final IdentityService identities = identity.identities();
        final String action = AwsService.CLOUDTRAIL.read("LookupEvents").iamAction();
        table.row("principal of the key and IAM decision (" + action + ", AdministratorAccess)",
            String.format("%.1f us", cpuMicrosPerCall(i -> {
                final Principal principal = identities.principal(key.key().accessKeyId()).orElseThrow();
                if (!identities.authorize(principal, action, ResourceNames.ANY).allowed()) {
                    throw new IllegalStateException("the administrator may not " + action);
                }
            }, Integer.MAX_VALUE)));
        final java.util.Optional<AuditEvent> audited = latestSelfAudit(local);
        if (audited.isEmpty()) {
            table.row("self-audit record handed to the producer", "no self-audit record in the history");
            return table;
        }
        final AuditEvent record = audited.get();
        final List<AuditEvent> copies = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            copies.add(AuditEvent.newBuilder(record).setEventID(UUID.randomUUID().toString()).build());
        }
        try (SelfAudit audit = SelfAudit.toKafka(KafkaAccess.plaintext(env.bootstrapServers()), env.serdes(),
            false)) {
            table.row("self-audit record handed to the producer (" + record.getEventName() + ": SelfAudit.record, "
                + "Avro serialization, append to a batch)", String.format("%.1f us",
                cpuMicrosPerCall(i -> audit.record(copies.get(i % distinct)), 10_000)));
        }
        return table;
    }

    /**
     * CPU time per call on this thread: a second of calls to warm up, then calls for two seconds (at most
     * {@code maxCalls} of them, for calls that write).
     */
    private static double cpuMicrosPerCall(final java.util.function.IntConsumer call, final int maxCalls) {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int i = 0;
        final long warm = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (System.nanoTime() < warm && i < maxCalls / 5) {
            call.accept(i++);
        }
        final long cpuBefore = threads.getCurrentThreadCpuTime();
        final long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        int calls = 0;
        while (System.nanoTime() < end && calls < maxCalls) {
            call.accept(i++);
            calls++;
        }
        return (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e3 / calls;
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

        /** The typical query's URI: a random caller's events in a random hour of the span, 50 a page. */
        URI uri(final int port, final Random random) {
            final int user = random.nextInt(callers);
            final Instant start = newest.minusMillis(Duration.ofHours(1).toMillis()
                + (long) (random.nextDouble() * spanMillis));
            return URI.create("http://127.0.0.1:" + port + "/v1/events?Username=" + AuditTraffic.user(user)
                + "&startTime=" + start + "&endTime=" + start.plus(Duration.ofHours(1)) + "&maxResults=50");
        }

        /**
         * Blocking {@link HttpURLConnection}s on keep-alive connections, one per client thread, so all of a client's
         * work runs on its own thread and its CPU can be told apart from the server's (the JDK's asynchronous
         * {@code HttpClient} works on threads of its own). With a signer each request is SigV4-signed first, on the
         * client's thread; its latency counts from before the signing.
         */
        Result http(final Mode mode, final int clients, final Duration duration) throws InterruptedException {
            final SigV4Headers signer = mode.signer();
            final Latencies micros = new Latencies();
            final AtomicLong results = new AtomicLong();
            final AtomicLong clientCpuNanos = new AtomicLong();
            final AtomicLong signCpuNanos = new AtomicLong();
            final AtomicReference<String> failure = new AtomicReference<>();
            final List<Random> randoms = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                randoms.add(new Random(seeds.nextLong()));
            }
            final ThreadCpu.Snapshot before = ThreadCpu.take();
            final long deadline = System.nanoTime() + duration.toNanos();
            final List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                final Random random = randoms.get(c);
                final Thread thread = new Thread(() -> {
                    final long cpuStart = THREADS.getCurrentThreadCpuTime();
                    long signing = 0;
                    while (System.nanoTime() < deadline && failure.get() == null) {
                        final URI uri = uri(mode.port(), random);
                        final long began = System.nanoTime();
                        // Timed in both modes, so that the timing's own cost (two clock reads) is the same in both.
                        final long signStart = THREADS.getCurrentThreadCpuTime();
                        final Map<String, List<String>> signature = signer == null ? Map.of() : signer.sign(uri);
                        signing += THREADS.getCurrentThreadCpuTime() - signStart;
                        try {
                            final HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                            for (final Map.Entry<String, List<String>> header : signature.entrySet()) {
                                if (!header.getKey().equalsIgnoreCase("Host")) { // set by the connection, the same
                                    header.getValue().forEach(value -> connection.addRequestProperty(header.getKey(),
                                        value));
                                }
                            }
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
                    signCpuNanos.addAndGet(signing);
                }, "lookup-client-" + c);
                thread.start();
                threads.add(thread);
            }
            for (final Thread thread : threads) {
                thread.join();
            }
            final ThreadCpu.Snapshot after = ThreadCpu.take();
            if (failure.get() != null) {
                throw new IllegalStateException("lookup failed (access " + mode.access() + "): " + failure.get());
            }
            final ThreadCpu.Split split = ThreadCpu.between(before, after, APPLICATION_ID, clientCpuNanos.get());
            return new Result(micros, results.get(), duration, split.processNanos(), clientCpuNanos.get(),
                signCpuNanos.get(), split, 0);
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
            return new Result(micros, results, duration, processCpuNanos() - cpuBefore, 0, 0, null, 0);
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
         * @param signCpuNanos   CPU of the client threads in signing requests
         * @param split          the process's CPU by kind of thread (null in-process)
         * @param auditRecords   records written to the audit topic meanwhile
         */
        record Result(Latencies micros, long results, Duration duration, long cpuNanos, long clientCpuNanos,
                      long signCpuNanos, ThreadCpu.Split split, long auditRecords) {

            Result withAuditRecords(final long records) {
                return new Result(micros, results, duration, cpuNanos, clientCpuNanos, signCpuNanos, split, records);
            }

            /** Several phases' results as one: their lookups, time and CPU summed. */
            static Result merge(final List<Result> parts) {
                if (parts.size() == 1) {
                    return parts.get(0);
                }
                final Latencies micros = new Latencies();
                long results = 0;
                Duration duration = Duration.ZERO;
                long cpu = 0;
                long client = 0;
                long sign = 0;
                long audit = 0;
                long process = 0;
                long other = 0;
                final Map<ThreadCpu.Group, Long> groups = new java.util.EnumMap<>(ThreadCpu.Group.class);
                for (final Result part : parts) {
                    part.micros().forEach(micros::record);
                    results += part.results();
                    duration = duration.plus(part.duration());
                    cpu += part.cpuNanos();
                    client += part.clientCpuNanos();
                    sign += part.signCpuNanos();
                    audit += part.auditRecords();
                    process += part.split().processNanos();
                    other += part.split().otherNanos();
                    part.split().groups().forEach((group, nanos) -> groups.merge(group, nanos, Long::sum));
                }
                return new Result(micros, results, duration, cpu, client, sign,
                    new ThreadCpu.Split(process, groups, other), audit);
            }

            private double perLookupMicros(final long nanos) {
                return micros.count() == 0 ? 0 : nanos / 1e3 / micros.count();
            }

            private double rate() {
                return micros.count() / (duration.toMillis() / 1000.0);
            }

            /**
             * CPU per lookup in us: server (all but the clients), its split (HTTP, processors, self-audit producer,
             * other Java, not Java), client, signing; then audit records per lookup.
             */
            private double[] perLookup() {
                return new double[] {
                    perLookupMicros(cpuNanos - clientCpuNanos),
                    perLookupMicros(split.group(ThreadCpu.Group.HTTP)),
                    perLookupMicros(split.group(ThreadCpu.Group.PROCESSORS)),
                    perLookupMicros(split.group(ThreadCpu.Group.SELF_AUDIT)),
                    perLookupMicros(split.group(ThreadCpu.Group.OTHER_JAVA)),
                    perLookupMicros(split.otherNanos()),
                    perLookupMicros(clientCpuNanos),
                    perLookupMicros(signCpuNanos),
                    micros.count() == 0 ? 0 : (double) auditRecords / micros.count()};
            }

            void phaseRow(final Table table, final String phase, final String access, final String loadAverage) {
                final double[] cpu = perLookup();
                table.row(phase, access, loadAverage, String.format("%,.0f", rate()),
                    String.format("%.2f / %.2f ms", micros.percentile(50) / 1000.0, micros.percentile(99) / 1000.0),
                    String.format("%,.0f us", cpu[0]), String.format("%,.0f us", cpu[1]),
                    String.format("%,.0f us", cpu[2]), String.format("%,.0f us", cpu[3]),
                    String.format("%,.0f us", cpu[4]), String.format("%,.0f us", cpu[5]),
                    String.format("%,.0f us", cpu[6]), String.format("%,.1f us", cpu[7]),
                    String.format("%.2f", cpu[8]));
            }

            /** The row of what {@code on} costs more than {@code off}, per lookup (or lookups/s, latency). */
            static void differenceRow(final Table table, final String label, final Result on, final Result off) {
                final double[] a = on.perLookup();
                final double[] b = off.perLookup();
                table.row(label, "", "", String.format("%+,.0f (%+.1f%%)", on.rate() - off.rate(),
                        100 * (on.rate() / off.rate() - 1)),
                    String.format("%+.2f / %+.2f ms", (on.micros().percentile(50) - off.micros().percentile(50))
                        / 1000.0, (on.micros().percentile(99) - off.micros().percentile(99)) / 1000.0),
                    String.format("%+,.0f us", a[0] - b[0]), String.format("%+,.0f us", a[1] - b[1]),
                    String.format("%+,.0f us", a[2] - b[2]), String.format("%+,.0f us", a[3] - b[3]),
                    String.format("%+,.0f us", a[4] - b[4]), String.format("%+,.0f us", a[5] - b[5]),
                    String.format("%+,.0f us", a[6] - b[6]), String.format("%+,.1f us", a[7] - b[7]),
                    String.format("%+.2f", a[8] - b[8]));
            }

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
