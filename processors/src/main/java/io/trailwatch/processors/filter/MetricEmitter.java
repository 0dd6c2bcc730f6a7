package io.trailwatch.processors.filter;

import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.processors.filter.pattern.Match;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns a filter match into the datum its metric transformation describes. */
final class MetricEmitter {

    private MetricEmitter() {
    }

    /**
     * The datum for a match, or empty when the value is not a number or a dimension's field is absent: CloudWatch
     * publishes nothing for such an event, and the caller counts it.
     */
    static Optional<MetricDatum> datum(final MetricTransformation transformation, final Match match,
                                       final Instant timestamp) {
        final Optional<Double> value = value(transformation.metricValue(), match);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        final List<Dimension> dimensions = new ArrayList<>(transformation.dimensions().size());
        for (final Map.Entry<String, String> dimension : transformation.dimensions().entrySet()) {
            final Optional<String> resolved = match.resolve(dimension.getValue());
            if (resolved.isEmpty() || resolved.get().isEmpty()) {
                return Optional.empty();
            }
            dimensions.add(new Dimension(dimension.getKey(), resolved.get()));
        }
        return Optional.of(datum(transformation, dimensions, value.get(), timestamp));
    }

    /** The datum a non-matching event emits when the transformation has a defaultValue (never with dimensions). */
    static MetricDatum defaultDatum(final MetricTransformation transformation, final Instant timestamp) {
        return datum(transformation, List.of(), transformation.defaultValue(), timestamp);
    }

    private static MetricDatum datum(final MetricTransformation transformation, final List<Dimension> dimensions,
                                     final double value, final Instant timestamp) {
        return MetricDatum.newBuilder()
            .setNamespace(transformation.metricNamespace())
            .setMetricName(transformation.metricName())
            .setDimensions(dimensions)
            .setTimestamp(timestamp)
            .setValue(value)
            .setUnit(transformation.unit())
            .build();
    }

    private static Optional<Double> value(final String metricValue, final Match match) {
        final Optional<String> text = metricValue.startsWith("$") ? match.resolve(metricValue) : Optional.of(metricValue);
        try {
            return text.map(Double::parseDouble).filter(Double::isFinite);
        } catch (final NumberFormatException e) {
            return Optional.empty();
        }
    }
}
