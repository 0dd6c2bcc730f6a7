package io.trailwatch.processors.metrics.query;

import io.trailwatch.processors.common.AwsTime;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads query parameters, failing with the parameter's name and what is wrong with it (HTTP 400). */
final class QueryParameters {

    private final Map<String, List<String>> params;

    QueryParameters(final Map<String, List<String>> params) {
        this.params = params;
    }

    String required(final String name) {
        final String value = optional(name);
        if (value == null || value.isBlank()) {
            throw new InvalidRecordException(name, "is required");
        }
        return value;
    }

    String optional(final String name) {
        final List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a parameter that may repeat, each also split at commas. */
    List<String> list(final String name) {
        final List<String> values = params.get(name);
        if (values == null) {
            return List.of();
        }
        return values.stream().flatMap(value -> java.util.Arrays.stream(value.split(",")))
            .map(String::trim).filter(value -> !value.isEmpty()).toList();
    }

    Instant instant(final String name) {
        final String value = required(name);
        try {
            return AwsTime.parse(value);
        } catch (final DateTimeException e) {
            throw new InvalidRecordException(name, e.getMessage());
        }
    }

    int integer(final String name) {
        final String value = required(name);
        try {
            return Integer.parseInt(value);
        } catch (final NumberFormatException e) {
            throw new InvalidRecordException(name, "must be a whole number, was '" + value + "'");
        }
    }

    /**
     * Dimensions given as repeated {@code dimensions=Name=Value} (or comma-separated); with {@code valueOptional} a
     * bare {@code Name} matches any value (ListMetrics' DimensionFilter), recorded with a null value.
     */
    SortedMap<String, String> dimensions(final boolean valueOptional) {
        final SortedMap<String, String> dimensions = new TreeMap<>();
        final List<String> values = params.getOrDefault("dimensions", List.of());
        for (final String value : values.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).toList()) {
            final int equals = value.indexOf('=');
            if (equals < 0 && valueOptional && !value.isBlank()) {
                dimensions.put(value.trim(), null);
            } else if (equals <= 0) {
                throw new InvalidRecordException("dimensions", "each must be Name=Value, was '" + value + "'");
            } else {
                dimensions.put(value.substring(0, equals).trim(), value.substring(equals + 1).trim());
            }
        }
        if (dimensions.size() > 30) {
            throw new InvalidRecordException("dimensions", "at most 30, got " + dimensions.size());
        }
        return dimensions;
    }
}
