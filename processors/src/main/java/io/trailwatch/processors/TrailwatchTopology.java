package io.trailwatch.processors;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.LogEvent;
import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.processors.aggregation.MetricAggregationTopology;
import io.trailwatch.processors.alarm.topology.AlarmTopology;
import io.trailwatch.processors.audit.AuditRecord;
import io.trailwatch.processors.audit.AuditStream;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.dashboards.DashboardTable;
import io.trailwatch.processors.config.DefinitionsVersion;
import io.trailwatch.processors.filter.MetricFilterTopology;
import io.trailwatch.processors.history.HistoryTopology;
import io.trailwatch.processors.logs.KeptLogEvents;
import io.trailwatch.processors.logs.LogStream;
import io.trailwatch.processors.logs.store.LogStorageTopology;
import io.trailwatch.processors.logs.subscription.SubscriptionFilterTopology;
import io.trailwatch.processors.notify.NotificationTopicArns;
import io.trailwatch.processors.notify.NotificationTopology;
import io.trailwatch.processors.rules.EventRuleTopology;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Every Trailwatch topology in one application: audit events and logs through metric filters into metrics, metrics
 * into period statistics, statistics into alarm state changes; audit events and alarm state changes through event
 * rules to the rules' target topics; logs kept per group and stream. Each part also builds alone for its own tests.
 */
public final class TrailwatchTopology {

    private TrailwatchTopology() {
    }

    /** A runtime of Trailwatch's topology, as {@code up}, the tests and the benchmarks run it. */
    public static ProcessorsRuntime runtime(final ProcessorsConfig config) {
        final CompositeMeterRegistry meters = new CompositeMeterRegistry();
        return new ProcessorsRuntime(config, build(SerdeContext.forRegistry(config.schemaRegistryUrl()), config,
            meters), meters);
    }

    public static Topology build(final SerdeContext serdes, final ProcessorsConfig config) {
        return build(serdes, config, new CompositeMeterRegistry());
    }

    /** @param meters where the processors' own meters are recorded (the runtime's, which the app exports) */
    public static Topology build(final SerdeContext serdes, final ProcessorsConfig config, final MeterRegistry meters) {
        final StreamsBuilder builder = new StreamsBuilder();
        final DefinitionsVersion version = new DefinitionsVersion();
        ConfigStore.addTo(builder, serdes, version);
        final KStream<String, AuditRecord> audit = AuditStream.addTo(builder, serdes);
        final KStream<String, LogEvent> logs = LogStream.addTo(builder, serdes);
        MetricFilterTopology.addTo(builder, serdes, version, audit, logs);
        final KStream<String, LogEvent> kept = KeptLogEvents.of(logs, audit, config.rulesAccount());
        LogStorageTopology.addTo(kept, builder, config.logStorage());
        SubscriptionFilterTopology.addTo(kept, version, config.rulesAccount());
        final KStream<String, AlarmStateChange> alarms = EventRuleTopology.alarms(builder, serdes);
        EventRuleTopology.addTo(builder, serdes, version, audit, alarms, config.eventEnvelopes());
        NotificationTopology.addTo(alarms, serdes, new NotificationTopicArns(config.rulesAccount(),
            config.rulesRegion()));
        MetricAggregationTopology.addTo(builder, serdes, config.aggregation(), config.statisticsRetention());
        final KStream<String, MetricStatistics> statistics = builder.stream(Topics.METRIC_STATS.name(),
            Consumed.with(Topics.METRIC_STATS.keySerde(serdes), Topics.METRIC_STATS.valueSerde(serdes))
                .withName("metric-stats-source"));
        AlarmTopology.addTo(statistics, builder, serdes, config.alarms(), version, meters);
        HistoryTopology.addTo(audit, builder, serdes, config.history());
        DashboardTable.addTo(builder, serdes);
        return builder.build();
    }
}
