package io.trailwatch.processors.logs.subscription;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.audit.AuditStream;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionsVersion;
import io.trailwatch.processors.logs.KeptLogEvents;
import io.trailwatch.processors.logs.LogStream;
import io.trailwatch.schemas.serde.SerdeContext;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Subscription filters: the kept log events ({@link KeptLogEvents}) through each group's subscription filters to
 * their topics, written in the transaction that reads the event (exactly once). The filters are definitions on the
 * config topic, as metric filters are; PutSubscriptionFilter creates the topic, so a delivery never waits on one.
 */
public final class SubscriptionFilterTopology {

    private SubscriptionFilterTopology() {
    }

    /** This topology alone, with its own config store: what unit tests drive. */
    public static Topology build(final SerdeContext serdes, final String account) {
        final StreamsBuilder builder = new StreamsBuilder();
        final DefinitionsVersion version = new DefinitionsVersion();
        ConfigStore.addTo(builder, serdes, version);
        addTo(KeptLogEvents.of(LogStream.addTo(builder, serdes), AuditStream.addTo(builder, serdes), account),
            version, account);
        return builder.build();
    }

    /** @param account the deployment's account: the deliveries' {@code owner} */
    public static void addTo(final KStream<String, LogEvent> kept, final DefinitionsVersion version,
                             final String account) {
        kept.process(() -> new SubscriptionFilterProcessor(version, account), Named.as("subscription-filters"))
            .to(SubscriptionDelivery.extractor(), Produced.with(Serdes.String(), SubscriptionDelivery.serde())
                .withName("subscription-filters-sink"));
    }
}
