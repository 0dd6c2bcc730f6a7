package io.trailwatch.processors.rules;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.processors.audit.AuditRecord;
import io.trailwatch.processors.audit.AuditStream;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionsVersion;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Event rules: audit events ({@code trailwatch.audit}), alarm state changes ({@code trailwatch.alarms}) and custom
 * events ({@code trailwatch.events}, already enveloped by PutEvents), each in its EventBridge envelope, through
 * every enabled rule's event pattern to the rule's targets; and scheduled rules' ticks to theirs.
 */
public final class EventRuleTopology {

    private EventRuleTopology() {
    }

    /** This topology alone, with its own config store and audit stream: what unit tests drive. */
    public static Topology build(final SerdeContext serdes, final EventEnvelopes envelopes) {
        final StreamsBuilder builder = new StreamsBuilder();
        final DefinitionsVersion version = new DefinitionsVersion();
        ConfigStore.addTo(builder, serdes, version);
        addTo(builder, serdes, version, AuditStream.addTo(builder, serdes), alarms(builder, serdes), envelopes);
        return builder.build();
    }

    /** The state changes of {@code trailwatch.alarms}, which rules and alarm actions both read. */
    public static KStream<String, AlarmStateChange> alarms(final StreamsBuilder builder, final SerdeContext serdes) {
        return builder.stream(Topics.ALARMS.name(), Consumed.with(Topics.ALARMS.keySerde(serdes),
            Topics.ALARMS.valueSerde(serdes)).withName("alarm-changes-source"));
    }

    public static void addTo(final StreamsBuilder builder, final SerdeContext serdes, final DefinitionsVersion version,
                             final KStream<String, AuditRecord> audit, final KStream<String, AlarmStateChange> alarms,
                             final EventEnvelopes envelopes) {
        audit.process(() -> new EventRuleProcessor<AuditRecord>(version, envelopes::audit, "audit-rules",
                false, envelopes.notificationTopics()),
                Named.as("audit-rules"))
            .to(Delivery.extractor(), Produced.with(Serdes.String(), Delivery.serde()).withName("audit-rules-sink"));
        alarms.process(() -> new EventRuleProcessor<AlarmStateChange>(version, envelopes::alarm, "alarm-rules",
                false, envelopes.notificationTopics()),
                Named.as("alarm-rules"))
            .to(Delivery.extractor(), Produced.with(Serdes.String(), Delivery.serde()).withName("alarm-rules-sink"));
        final KStream<String, String> custom = builder.stream(Topics.EVENTS.name(), Consumed.with(
            Topics.EVENTS.keySerde(serdes), Topics.EVENTS.valueSerde(serdes)).withName("custom-events-source"));
        // Scheduled rules are shared among the custom events' tasks (ScheduledRuleProcessor), which keep their
        // last tick in a changelogged store.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
            ScheduledRuleProcessor.STORE), Serdes.String(), Serdes.String()));
        custom.process(() -> new ScheduledRuleProcessor(version, envelopes, Topics.EVENTS.partitions()),
                Named.as("scheduled-rules"), ScheduledRuleProcessor.STORE)
            .to(Delivery.extractor(), Produced.with(Serdes.String(), Delivery.serde())
                .withName("scheduled-rules-sink"));
        custom
            .process(() -> new EventRuleProcessor<String>(version, EventEnvelopes::read, "custom-event-rules",
                true, envelopes.notificationTopics()),
                Named.as("custom-event-rules"))
            .to(Delivery.extractor(), Produced.with(Serdes.String(), Delivery.serde())
                .withName("custom-event-rules-sink"));
    }
}
