package io.trailwatch.processors.logs.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one instance found over its partitions, before merging: the statistics, and either the raw rows it kept
 * (the best {@code limit} in the query's order) or its partial aggregates by group. It travels between instances
 * as JSON ({@link #toJson}, {@link #fromJson}).
 *
 * @param rows   raw results: each row's fields (what is shown, sorted on and deduplicated on)
 * @param groups stats: each group's key (the {@code by} values) and one {@link Accumulator} per aggregation
 */
public record PartialResult(QueryStatistics statistics, List<Map<String, Object>> rows,
                            Map<List<Object>, Accumulator[]> groups) {

    public String toJson() {
        final ObjectNode body = ValueJson.MAPPER.createObjectNode();
        body.putArray("statistics").add(statistics.recordsMatched()).add(statistics.recordsScanned())
            .add(statistics.bytesScanned());
        final ArrayNode rowsJson = body.putArray("rows");
        for (final Map<String, Object> row : rows) {
            final ObjectNode object = rowsJson.addObject();
            row.forEach((field, value) -> object.set(field, ValueJson.write(value)));
        }
        final ArrayNode groupsJson = body.putArray("groups");
        groups.forEach((key, accumulators) -> {
            final ObjectNode group = groupsJson.addObject();
            final ArrayNode keyJson = group.putArray("k");
            key.forEach(value -> keyJson.add(ValueJson.write(value)));
            final ArrayNode states = group.putArray("a");
            for (final Accumulator accumulator : accumulators) {
                states.add(accumulator.state());
            }
        });
        return body.toString();
    }

    /** Read back with the query that produced it (its aggregations give the states their meaning). */
    public static PartialResult fromJson(final InsightsQuery query, final String json) {
        final JsonNode body;
        try {
            body = ValueJson.MAPPER.readTree(json);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final JsonNode statistics = body.path("statistics");
        final List<Map<String, Object>> rows = new ArrayList<>();
        body.path("rows").forEach(row -> {
            final Map<String, Object> fields = new LinkedHashMap<>();
            row.fields().forEachRemaining(field -> fields.put(field.getKey(), ValueJson.read(field.getValue())));
            rows.add(fields);
        });
        final Map<List<Object>, Accumulator[]> groups = new LinkedHashMap<>();
        final List<Aggregate> aggregates = query.aggregateList();
        body.path("groups").forEach(group -> {
            final List<Object> key = new ArrayList<>();
            group.path("k").forEach(value -> key.add(ValueJson.read(value)));
            final Accumulator[] accumulators = new Accumulator[aggregates.size()];
            for (int i = 0; i < accumulators.length; i++) {
                accumulators[i] = Accumulator.ofState(aggregates.get(i), group.path("a").path(i));
            }
            groups.put(key, accumulators);
        });
        return new PartialResult(new QueryStatistics(statistics.path(0).asLong(), statistics.path(1).asLong(),
            statistics.path(2).asLong()), rows, groups);
    }
}
