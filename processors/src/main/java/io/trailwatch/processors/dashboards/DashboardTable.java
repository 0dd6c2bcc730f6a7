package io.trailwatch.processors.dashboards;

import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Every instance keeps the whole dashboards topic in a global table (as the config topic's definitions), so any
 * instance answers GetDashboard and ListDashboards without routing. Its store is timestamped: a record's timestamp is
 * the dashboard's LastModified.
 */
public final class DashboardTable {

    public static final String NAME = "trailwatch-dashboards";

    private DashboardTable() {
    }

    public static void addTo(final StreamsBuilder builder, final SerdeContext serdes) {
        builder.globalTable(Topics.DASHBOARDS.name(),
            Consumed.with(Topics.DASHBOARDS.keySerde(serdes), Topics.DASHBOARDS.valueSerde(serdes))
                .withName("dashboards-source"),
            Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(NAME)
                .withKeySerde(Topics.DASHBOARDS.keySerde(serdes))
                .withValueSerde(Topics.DASHBOARDS.valueSerde(serdes)));
    }
}
