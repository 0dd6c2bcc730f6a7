package io.trailwatch.processors.logs.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The running state of one aggregation for one group of {@code stats ... by}, made so that the states of the same
 * group computed on several instances merge into exactly what one instance would have computed over all the
 * events: counts, sums, minimums, maximums, earliest and latest (by time, then {@code @ptr}) and percentiles (all
 * values kept) are exact; count_distinct is exact up to {@value DistinctCounter#EXACT_LIMIT} values
 * ({@link DistinctCounter}).
 */
final class Accumulator {

    private final Aggregate aggregate;
    private long count;
    /** Exact (a double's binary value is a finite decimal): the sum is the same in whatever order parts merge. */
    private BigDecimal sum = BigDecimal.ZERO;
    private double extreme = Double.NaN;
    private double[] values;
    private int size;
    private DistinctCounter distinct;
    /** earliest/latest: the chosen event's time, @ptr and value. */
    private long chosenTime;
    private String chosenPtr;
    private Object chosen;

    Accumulator(final Aggregate aggregate) {
        this.aggregate = aggregate;
    }

    void add(final Row row, final long timestamp) {
        if (aggregate.argument() == null) {
            count++;
            return;
        }
        final Object value = aggregate.argument().eval(row);
        if (value == null) {
            return;
        }
        switch (aggregate.function()) {
            case COUNT -> count++;
            case COUNT_DISTINCT -> distinct().add(Values.text(value));
            case EARLIEST, LATEST -> choose(timestamp, (String) row.get(LogRecord.PTR), value);
            default -> addNumber(Values.number(value));
        }
    }

    private void addNumber(final Double number) {
        if (number == null || !Double.isFinite(number)) {
            return;
        }
        count++;
        if (aggregate.function() == Aggregate.Function.SUM || aggregate.function() == Aggregate.Function.AVG) {
            sum = sum.add(new BigDecimal(number));
        }
        switch (aggregate.function()) {
            case MIN -> extreme = Double.isNaN(extreme) ? number : Math.min(extreme, number);
            case MAX -> extreme = Double.isNaN(extreme) ? number : Math.max(extreme, number);
            case PCT -> {
                if (values == null) {
                    values = new double[16];
                } else if (size == values.length) {
                    values = Arrays.copyOf(values, size * 2);
                }
                values[size++] = number;
            }
            default -> {
            }
        }
    }

    private void choose(final long time, final String ptr, final Object value) {
        final boolean earliest = aggregate.function() == Aggregate.Function.EARLIEST;
        if (chosen != null) {
            final int order = time != chosenTime ? Long.compare(time, chosenTime) : ptr.compareTo(chosenPtr);
            if (earliest ? order >= 0 : order <= 0) {
                return;
            }
        }
        chosenTime = time;
        chosenPtr = ptr;
        chosen = value;
    }

    private DistinctCounter distinct() {
        if (distinct == null) {
            distinct = new DistinctCounter();
        }
        return distinct;
    }

    void merge(final Accumulator other) {
        switch (aggregate.function()) {
            case COUNT_DISTINCT -> {
                if (other.distinct != null) {
                    distinct().merge(other.distinct);
                }
            }
            case EARLIEST, LATEST -> {
                if (other.chosen != null) {
                    choose(other.chosenTime, other.chosenPtr, other.chosen);
                }
            }
            case PCT -> {
                for (int i = 0; i < other.size; i++) {
                    addNumber(other.values[i]);
                }
            }
            case MIN, MAX -> {
                if (other.count > 0) {
                    addNumber(other.extreme);
                    count += other.count - 1;
                }
            }
            default -> {
                count += other.count;
                sum = sum.add(other.sum);
            }
        }
    }

    /** The aggregation's value; {@code null} when no event had a value for it. */
    Object result() {
        return switch (aggregate.function()) {
            case COUNT -> (double) count;
            case COUNT_DISTINCT -> (double) (distinct == null ? 0 : distinct.count());
            case SUM -> count == 0 ? null : sum.doubleValue();
            case AVG -> count == 0 ? null : sum.divide(BigDecimal.valueOf(count), java.math.MathContext.DECIMAL64)
                .doubleValue();
            case MIN, MAX -> count == 0 ? null : extreme;
            case PCT -> percentile();
            default -> chosen;
        };
    }

    /** The nearest-rank percentile: the smallest value with at least {@code percent}% of the values at or below. */
    private Double percentile() {
        if (size == 0) {
            return null;
        }
        final double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        final int rank = (int) Math.ceil(aggregate.percent() / 100 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    JsonNode state() {
        final ObjectNode state = JsonNodeFactory.instance.objectNode().put("n", count).put("s", sum.toPlainString());
        if (!Double.isNaN(extreme)) {
            state.put("x", extreme);
        }
        if (values != null) {
            final var array = state.putArray("v");
            for (int i = 0; i < size; i++) {
                array.add(values[i]);
            }
        }
        if (distinct != null) {
            state.set("d", ValueJson.MAPPER.valueToTree(distinct.state()));
        }
        if (chosen != null) {
            state.put("ct", chosenTime).put("cp", chosenPtr).set("c", ValueJson.write(chosen));
        }
        return state;
    }

    static Accumulator ofState(final Aggregate aggregate, final JsonNode state) {
        final Accumulator accumulator = new Accumulator(aggregate);
        accumulator.count = state.path("n").asLong();
        accumulator.sum = new BigDecimal(state.path("s").asText("0"));
        accumulator.extreme = state.has("x") ? state.path("x").asDouble() : Double.NaN;
        if (state.has("v")) {
            final List<Double> values = new ArrayList<>();
            state.path("v").forEach(value -> values.add(value.asDouble()));
            accumulator.values = values.stream().mapToDouble(Double::doubleValue).toArray();
            accumulator.size = values.size();
        }
        final JsonNode distinct = state.path("d");
        if (distinct.isTextual()) {
            accumulator.distinct = DistinctCounter.ofState(distinct.asText());
        } else if (distinct.isArray()) {
            final List<String> values = new ArrayList<>();
            distinct.forEach(value -> values.add(value.asText()));
            accumulator.distinct = DistinctCounter.ofState(values);
        }
        if (state.has("c")) {
            accumulator.chosenTime = state.path("ct").asLong();
            accumulator.chosenPtr = state.path("cp").asText();
            accumulator.chosen = ValueJson.read(state.path("c"));
        }
        return accumulator;
    }
}
