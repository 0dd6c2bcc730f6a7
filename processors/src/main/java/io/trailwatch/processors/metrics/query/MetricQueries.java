package io.trailwatch.processors.metrics.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.processors.common.InstanceRouter;
import io.trailwatch.processors.metrics.MetricAggregate;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.processors.metrics.StandardUnit;
import io.trailwatch.processors.metrics.Statistics;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.json.InvalidRecordException;
import io.trailwatch.schemas.serde.SerdeContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * GetMetricStatistics and ListMetrics over the statistics stores, answered whole from any instance: a metric's
 * statistics are read where its partition lives; the metric list is gathered from every instance.
 * Answers are JSON in the shape of CloudWatch's API responses.
 */
public final class MetricQueries {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIST_PAGE = 500;

    private final KafkaStreams streams;
    private final InstanceRouter router;
    /** The stores are keyed like trailwatch.metric-stats, whose keys Kafka's default partitioner placed. */
    private final Serializer<String> keys;

    public MetricQueries(final KafkaStreams streams, final InstanceRouter router, final SerdeContext serdes) {
        this.streams = streams;
        this.router = router;
        this.keys = Topics.METRIC_STATS.keySerde(serdes).serializer();
    }

    /**
     * GetMetricStatistics: from this instance if it holds the metric, else from the one that does; as a tree, which
     * each front end writes once in its own protocol.
     */
    public JsonNode getMetricStatistics(final StatisticsQuery query, final boolean localOnly) {
        final MetricIdentity metric = identityOf(query, localOnly);
        final String store = StatisticsStores.storeFor(sourcePeriod(query.period()));
        if (!localOnly) {
            // Host and port decide which instance is this one: instances on several hosts may share a port.
            final Optional<String> owners = router.fromOwner(store, metric.key(), keys, "/v1/metrics/statistics"
                + query.withUnit(metric.unit()).toQueryString() + "&local=true");
            if (owners.isPresent()) {
                return readTree(owners.get());
            }
        }
        return render(query, metric, localStatistics(store, metric.key(), query));
    }

    /** ListMetrics: every instance's metrics that match, sorted, in pages of 500. */
    public ObjectNode listMetrics(final MetricFilter filter, final String nextToken, final boolean localOnly) {
        final TreeSet<String> keys = metricKeys(filter, localOnly);
        final ObjectNode result = JSON.createObjectNode();
        final ArrayNode metrics = result.putArray("Metrics");
        final var page = (nextToken == null ? keys : keys.tailSet(nextToken, false)).stream()
            .limit(localOnly ? Long.MAX_VALUE : LIST_PAGE).toList();
        for (final String key : page) {
            final MetricIdentity identity = MetricIdentity.parseKey(key);
            final ObjectNode metric = metrics.addObject();
            metric.put("Namespace", identity.namespace());
            metric.put("MetricName", identity.metricName());
            final ArrayNode dimensions = metric.putArray("Dimensions");
            identity.dimensions().forEach((name, value) -> dimensions.addObject().put("Name", name).put("Value", value));
            if (localOnly) {
                metric.put("Key", key);
            }
        }
        if (!localOnly && page.size() == LIST_PAGE && !page.get(page.size() - 1).equals(keys.last())) {
            result.put("NextToken", page.get(page.size() - 1));
        }
        return result;
    }

    /** The stored period statistics are built from: the longest kept period that divides the requested one. */
    static int sourcePeriod(final int requested) {
        int source = 1;
        for (final int period : StatisticsStores.PERIODS) {
            if (requested % period == 0) {
                source = period;
            }
        }
        return source;
    }

    /**
     * The metric asked for. Without a unit, the unit its data has: a metric's identity includes its unit, as in
     * CloudWatch, where units aggregate separately.
     */
    private MetricIdentity identityOf(final StatisticsQuery query, final boolean localOnly) {
        if (query.unit() != null) {
            if (StandardUnit.fromAws(query.unit()).isEmpty()) {
                throw new InvalidRecordException("unit", "'" + query.unit() + "' is not a CloudWatch unit");
            }
            return new MetricIdentity(query.namespace(), query.metricName(), new TreeMap<>(query.dimensions()),
                query.unit());
        }
        final MetricFilter exact = new MetricFilter(query.namespace(), query.metricName(), query.dimensions());
        final List<MetricIdentity> matching = metricKeys(exact, localOnly).stream().map(MetricIdentity::parseKey)
            .filter(identity -> identity.dimensions().equals(query.dimensions())).toList();
        if (matching.size() > 1) {
            throw new InvalidRecordException("unit", "the metric has data in several units "
                + matching.stream().map(MetricIdentity::unit).toList() + "; name one");
        }
        return matching.isEmpty()
            ? new MetricIdentity(query.namespace(), query.metricName(), new TreeMap<>(query.dimensions()), "None")
            : matching.get(0);
    }

    /** The instance holding the statistics of the metric with this identity key. */
    public HostInfo ownerOf(final String metricKey) {
        return router.owner(StatisticsStores.storeFor(60), metricKey, keys);
    }

    private List<MetricStatistics> localStatistics(final String store, final String key, final StatisticsQuery query) {
        final ReadOnlyWindowStore<String, MetricStatistics> windows = streams.store(
            StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.windowStore()));
        final List<MetricStatistics> found = new ArrayList<>();
        try (WindowStoreIterator<MetricStatistics> iterator = windows.fetch(key, query.start(),
            query.end().minusMillis(1))) {
            iterator.forEachRemaining(entry -> found.add(entry.value));
        }
        return found;
    }

    /** The identity keys of the metrics that match, of this instance, or of every instance unless local only. */
    private TreeSet<String> metricKeys(final MetricFilter filter, final boolean localOnly) {
        final TreeSet<String> keys = new TreeSet<>(localMetricKeys(filter));
        if (!localOnly) {
            InstanceRouter.joined(router.fromOthers(StatisticsStores.CATALOG, "/v1/metrics" + filter.toQueryString()
                + "&local=true", (host, body) -> readTree(body))).forEach(answer -> answer.path("Metrics")
                .forEach(metric -> keys.add(metric.path("Key").asText())));
        }
        return keys;
    }

    private List<String> localMetricKeys(final MetricFilter filter) {
        final ReadOnlyKeyValueStore<String, Long> catalog = streams.store(
            StoreQueryParameters.fromNameAndType(StatisticsStores.CATALOG, QueryableStoreTypes.keyValueStore()));
        final List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = catalog.all()) {
            while (all.hasNext()) {
                final KeyValue<String, Long> entry = all.next();
                if (filter.matches(MetricIdentity.parseKey(entry.key))) {
                    keys.add(entry.key);
                }
            }
        }
        return keys;
    }

    /** Merges stored periods into the requested ones (aligned to the start) and renders the requested statistics. */
    static ObjectNode render(final StatisticsQuery query, final MetricIdentity metric,
                             final List<MetricStatistics> stored) {
        final long periodMs = query.period() * 1000L;
        final long origin = query.start().toEpochMilli();
        final TreeMap<Long, MetricAggregate> buckets = new TreeMap<>();
        for (final MetricStatistics statistics : stored) {
            final long offset = statistics.getPeriodStart().toEpochMilli() - origin;
            final long bucket = origin + Math.floorDiv(offset, periodMs) * periodMs;
            buckets.computeIfAbsent(bucket, b -> MetricAggregate.empty())
                .merge(MetricAggregate.fromStatistics(statistics));
        }
        final ObjectNode result = JSON.createObjectNode();
        result.put("Label", query.metricName());
        final ArrayNode datapoints = result.putArray("Datapoints");
        for (final Map.Entry<Long, MetricAggregate> bucket : buckets.entrySet()) {
            final MetricStatistics merged = bucket.getValue().toStatistics(metric, Instant.ofEpochMilli(bucket.getKey()),
                query.period());
            final ObjectNode datapoint = datapoints.addObject();
            datapoint.put("Timestamp", Instant.ofEpochMilli(bucket.getKey()).toString());
            for (final String statistic : query.statistics()) {
                Statistics.value(merged, statistic).ifPresent(value -> datapoint.put(statistic, value));
            }
            if (!query.extendedStatistics().isEmpty()) {
                final ObjectNode extended = datapoint.putObject("ExtendedStatistics");
                for (final String statistic : query.extendedStatistics()) {
                    final OptionalDouble value = Statistics.value(merged, statistic);
                    value.ifPresent(v -> extended.put(statistic, v));
                }
            }
            datapoint.put("Unit", metric.unit());
        }
        return result;
    }

    static JsonNode readTree(final String json) {
        try {
            return JSON.readTree(json);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
