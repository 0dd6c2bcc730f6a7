package io.trailwatch.bench;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.processors.audit.AuditRecord;
import io.trailwatch.processors.audit.AuditStream;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionsVersion;
import io.trailwatch.processors.definitions.DefinitionWriter;
import io.trailwatch.processors.filter.MetricFilterTopology;
import io.trailwatch.processors.logs.LogStream;
import io.trailwatch.processors.rules.EventEnvelopes;
import io.trailwatch.processors.rules.EventRuleTopology;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.registry.InMemorySchemaRegistry;
import io.trailwatch.schemas.serde.SerdeContext;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code bench/run filters}: audit events per second through N metric filters and M event rules, against a plain
 * Kafka Streams pass-through of the same events (consume the Avro audit event, produce it unchanged) measured in
 * the same run, with the same broker, serdes, threads and exactly-once settings.
 */
@Command(name = "filters", mixinStandardHelpOptions = true,
    description = "Audit events/s through metric filters and event rules, against a plain pass-through baseline.")
public final class FiltersBenchmark implements Callable<Integer> {

    private static final String PASS_THROUGH_TOPIC = "bench.pass-through";

    @Option(names = "--events", defaultValue = "1000000", description = "Audit events to process (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--filters", defaultValue = "100", description = "Metric filters (default: ${DEFAULT-VALUE}).")
    int filters;

    @Option(names = "--rules", defaultValue = "100", description = "Event rules (default: ${DEFAULT-VALUE}).")
    int rules;

    @Option(names = "--runs", defaultValue = "2", description = "Runs of each pipeline, alternating (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        // Schemas are registered once and then cached by the serdes; an in-process registry keeps a registry's
        // availability out of the measurement.
        final SerdeContext serdes = new SerdeContext(new InMemorySchemaRegistry(), true);
        try (BenchEnvironment env = new BenchEnvironment()) {
            env.createTopics(Topics.all());
            // Every output topic exists before the runs, so neither pipeline waits on topic creation.
            env.createTopics(List.of(outputTopic(FilterWorkload.TARGET_TOPIC), outputTopic(PASS_THROUGH_TOPIC)));
            try (DefinitionWriter writer = new DefinitionWriter(env.bootstrapServers(), serdes)) {
                writer.put(FilterWorkload.definitions(filters, rules));
            }
            out.printf("Publishing %,d audit events...%n", events);
            out.flush();
            publish(env, serdes);
            final StreamsThroughput throughput = new StreamsThroughput(env.admin());
            final Table table = new Table("run", "pipeline", "events", "seconds", "events/s", "vs pass-through");
            final List<Double> baselines = new ArrayList<>();
            final List<Double> measured = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                final StreamsThroughput.Result base = throughput.run(passThrough(serdes),
                    props(env, "bench-pass-through-" + run), Topics.AUDIT.name());
                baselines.add(base.perSecond());
                table.row(run, "pass-through (consume -> produce)", base.records(), format(base.seconds()),
                    Math.round(base.perSecond()), "1.00");
                final StreamsThroughput.Result result = throughput.run(filtersAndRules(serdes),
                    props(env, "bench-filters-" + run), Topics.AUDIT.name());
                measured.add(result.perSecond());
                table.row(run, filters + " metric filters + " + rules + " rules", result.records(),
                    format(result.seconds()), Math.round(result.perSecond()),
                    String.format("%.2f", result.perSecond() / base.perSecond()));
            }
            table.print(out);
            final double best = measured.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            final double bestBase = baselines.stream().mapToDouble(Double::doubleValue).max().orElse(1);
            out.printf("Best: %,.0f events/s through filters and rules; pass-through %,.0f events/s; ratio %.2f "
                + "(targets: >= 100,000 events/s and >= 0.50)%n", best, bestBase, best / bestBase);
            out.printf("Machine: %d cores, Java %s, max heap %d MiB, %d stream thread(s), exactly_once_v2, broker in "
                + "the same JVM%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, threads);
            out.flush();
        }
        return CommandLine.ExitCode.OK;
    }

    private void publish(final BenchEnvironment env, final SerdeContext serdes) throws Exception {
        final Serializer<String> keys = Topics.AUDIT.keySerde(serdes).serializer();
        final Serializer<AuditEvent> values = Topics.AUDIT.valueSerde(serdes).serializer();
        final List<AuditEvent> distinct = FilterWorkload.events(Math.min(events, 20_000), Instant.now());
        final List<byte[]> keyBytes = new ArrayList<>(distinct.size());
        final List<byte[]> valueBytes = new ArrayList<>(distinct.size());
        for (final AuditEvent event : distinct) {
            keyBytes.add(keys.serialize(Topics.AUDIT.name(), event.getEventID()));
            valueBytes.add(values.serialize(Topics.AUDIT.name(), event));
        }
        try (KafkaProducer<byte[], byte[]> producer = env.bulkProducer()) {
            Future<RecordMetadata> last = null;
            for (int i = 0; i < events; i++) {
                final int pick = i % distinct.size();
                last = producer.send(new ProducerRecord<>(Topics.AUDIT.name(), keyBytes.get(pick), valueBytes.get(pick)));
            }
            producer.flush();
            if (last != null) {
                last.get();
            }
        }
    }

    private Properties props(final BenchEnvironment env, final String applicationId) throws Exception {
        return new ProcessorsConfig(Map.of(
            ProcessorsConfig.BOOTSTRAP_SERVERS, env.bootstrapServers(),
            ProcessorsConfig.SCHEMA_REGISTRY_URL, env.registryUrl(),
            ProcessorsConfig.APPLICATION_ID, applicationId,
            ProcessorsConfig.NUM_STREAM_THREADS, threads,
            ProcessorsConfig.STATE_DIR, env.stateDir(applicationId).toString())).streamsProperties();
    }

    private static Topology passThrough(final SerdeContext serdes) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.AUDIT.name(), Consumed.with(Topics.AUDIT.keySerde(serdes), Topics.AUDIT.valueSerde(serdes)))
            .to(PASS_THROUGH_TOPIC, Produced.with(Topics.AUDIT.keySerde(serdes), Topics.AUDIT.valueSerde(serdes)));
        return builder.build();
    }

    /** The audit stream with its metric filters and event rules, as in Trailwatch's topology. */
    private static Topology filtersAndRules(final SerdeContext serdes) {
        final StreamsBuilder builder = new StreamsBuilder();
        final DefinitionsVersion version = new DefinitionsVersion();
        ConfigStore.addTo(builder, serdes, version);
        final KStream<String, AuditRecord> audit = AuditStream.addTo(builder, serdes);
        MetricFilterTopology.addTo(builder, serdes, version, audit, LogStream.addTo(builder, serdes));
        EventRuleTopology.addTo(builder, serdes, version, audit, EventRuleTopology.alarms(builder, serdes),
            new EventEnvelopes("123456789012", "eu-west-1"));
        return builder.build();
    }

    private static Topic<String, AuditEvent> outputTopic(final String name) {
        return new Topic<>(name, Topics.AUDIT.key(), Topics.AUDIT.value(), 6, Map.of());
    }

    private static String format(final double seconds) {
        return String.format("%.1f", seconds);
    }
}
