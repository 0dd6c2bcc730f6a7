package io.trailwatch.processors.alarm.topology;

import io.trailwatch.avro.AlarmCommand;
import io.trailwatch.processors.common.Routed;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionsVersion;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import io.trailwatch.avro.MetricStatistics;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Alarm inputs to alarm state changes. Period statistics ({@code trailwatch.metric-stats}, routed to each watching
 * metric alarm), SetAlarmState requests ({@code trailwatch.alarm-commands}) and child state changes (read back from
 * {@code trailwatch.alarms} and sent to the composites naming the child) are keyed by alarm name, repartitioned so
 * that one task owns each alarm, and evaluated there; transitions go to {@code trailwatch.alarms}, and the alarm
 * history is written alongside.
 */
public final class AlarmTopology {

    /** Each alarm's status (state, datapoints, children), keyed by alarm name. */
    public static final String STATUS_STORE = "alarm-status";
    /** The meter of how long after a period ended alarms were evaluated on its statistic (a timer). */
    public static final String EVALUATION_LATENCY = "trailwatch.alarm.evaluation";
    static final String CHILD_STATES_STORE = "alarm-child-states";
    static final String DEFINITIONS_SEEN_STORE = "alarm-definitions-seen";

    private AlarmTopology() {
    }

    public static Topology build(final SerdeContext serdes, final AlarmSettings settings) {
        final StreamsBuilder builder = new StreamsBuilder();
        final DefinitionsVersion version = new DefinitionsVersion();
        ConfigStore.addTo(builder, serdes, version);
        addTo(builder, serdes, settings, version);
        return builder.build();
    }

    public static void addTo(final StreamsBuilder builder, final SerdeContext serdes, final AlarmSettings settings,
                             final DefinitionsVersion version) {
        addTo(builder.stream(Topics.METRIC_STATS.name(), Consumed.with(Topics.METRIC_STATS.keySerde(serdes),
            Topics.METRIC_STATS.valueSerde(serdes)).withName("metric-stats-source")), builder, serdes, settings, version,
            new CompositeMeterRegistry());
    }

    /** Adds the alarms to a stream of closed-period statistics that other parts read too. */
    public static void addTo(final KStream<String, MetricStatistics> statistics, final StreamsBuilder builder,
                             final SerdeContext serdes, final AlarmSettings settings, final DefinitionsVersion version,
                             final MeterRegistry meters) {
        final Timer evaluationLatency = AlarmStateProcessor.evaluationLatency(meters);
        // Cached: an alarm's status is written several times in a commit interval (datapoint, evaluation,
        // transition); the changelog gets the last. Binary values (JSON ones from before still read): every
        // evaluation decodes and encodes the status, which was the largest cost of a burst of transitions.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATUS_STORE),
            Serdes.String(), AlarmStatusFormat.statusSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AlarmHistory.STORE),
            Serdes.String(), AlarmHistoryItemFormat.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEFINITIONS_SEEN_STORE),
            Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CHILD_STATES_STORE),
            Serdes.String(), AlarmStatusFormat.childSerde()).withCachingEnabled());

        final KStream<String, AlarmInput> datapoints = statistics
            .process(() -> new AlarmRouter(version), Named.as("alarm-router"));

        final Map<String, KStream<String, AlarmCommand>> commands = builder.stream(Topics.ALARM_COMMANDS.name(),
                Consumed.with(Topics.ALARM_COMMANDS.keySerde(serdes), Topics.ALARM_COMMANDS.valueSerde(serdes))
                    .withName("alarm-commands-source"))
            .split(Named.as("alarm-commands-"))
            .branch((name, command) -> command != null && AlarmCommands.problem(command).isEmpty(),
                Branched.as("valid"))
            .defaultBranch(Branched.as("invalid"));
        commands.get("alarm-commands-invalid")
            .process(InvalidCommands::new, Named.as("alarm-commands-dead-letters"))
            .to(Routed.extractor(), Routed.produced(serdes).withName("alarm-commands-dead-letter-sink"));
        final KStream<String, AlarmInput> setStates = commands.get("alarm-commands-valid")
            .map((key, command) -> KeyValue.pair(command.getAlarmName(),
                AlarmCommands.toInput(command)), Named.as("alarm-commands-to-inputs"));

        final KStream<String, AlarmInput> children = builder.stream(Topics.ALARMS.name(),
                Consumed.with(Topics.ALARMS.keySerde(serdes), Topics.ALARMS.valueSerde(serdes))
                    .withName("alarm-changes-source"))
            .process(() -> new ChildStateRouter(settings, version), Named.as("alarm-child-router"),
                CHILD_STATES_STORE);

        datapoints.merge(setStates, Named.as("alarm-inputs-merge-commands"))
            .merge(children, Named.as("alarm-inputs-merge-children"))
            .repartition(Repartitioned.with(Serdes.String(), AlarmInputFormat.serde())
                .withName("alarm-inputs").withNumberOfPartitions(settings.partitions()))
            .process(() -> new AlarmStateProcessor(settings, version, evaluationLatency), Named.as("alarm-evaluator"), STATUS_STORE,
                AlarmHistory.STORE, DEFINITIONS_SEEN_STORE)
            .to(Topics.ALARMS.name(), Produced.with(Topics.ALARMS.keySerde(serdes), Topics.ALARMS.valueSerde(serdes))
                .withName("alarms-sink"));
    }
}
