package io.trailwatch.processors.metrics;

import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.avro.MetricStatistics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What CloudWatch treats as one metric: namespace, name, the full dimension set, and the unit (data in
 * different units is aggregated separately). Dimensions are kept sorted by name so that the same metric
 * published with its dimensions in another order has the same identity and the same Kafka key.
 */
public record MetricIdentity(String namespace, String metricName, SortedMap<String, String> dimensions, String unit) {

    private static final char SEPARATOR = '|';
    private static final char PAIR = '=';
    private static final char ESCAPE = '\\';
    private static final int FIXED_PARTS = 3;

    public MetricIdentity {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(metricName, "metricName");
        Objects.requireNonNull(unit, "unit");
        dimensions = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(dimensions, "dimensions")));
    }

    /**
     * The datum's metric; throws InvalidRecordException naming the field when the namespace, name,
     * dimensions or unit are not valid CloudWatch ones (its values and timestamp are not checked).
     */
    public static MetricIdentity of(final MetricDatum d) {
        return checked(d.getNamespace(), d.getMetricName(), d.getDimensions(), d.getUnit());
    }

    /** The identity a closed period's statistics belong to, for rollups keyed the same way as raw data. */
    public static MetricIdentity of(final MetricStatistics s) {
        return checked(s.getNamespace(), s.getMetricName(), s.getDimensions(), s.getUnit());
    }

    private static MetricIdentity checked(final String namespace, final String metricName, final List<Dimension> dimensions,
                                          final String unit) {
        MetricDatumValidator.validateIdentity(namespace, metricName, dimensions, unit);
        final SortedMap<String, String> sorted = new TreeMap<>();
        if (dimensions != null) {
            dimensions.forEach(d -> sorted.put(d.getName(), d.getValue()));
        }
        return new MetricIdentity(namespace, metricName, sorted, unit);
    }

    /**
     * Canonical key {@code namespace|metricName|unit|name=value|...} with dimensions in name order and
     * '\', '|' and '=' escaped by '\', so any strings round-trip through {@link #parseKey(String)} and
     * distinct identities never share a key.
     */
    public String key() {
        final StringBuilder key = new StringBuilder(64);
        appendEscaped(key, namespace);
        key.append(SEPARATOR);
        appendEscaped(key, metricName);
        key.append(SEPARATOR);
        appendEscaped(key, unit);
        dimensions.forEach((name, value) -> {
            key.append(SEPARATOR);
            appendEscaped(key, name);
            key.append(PAIR);
            appendEscaped(key, value);
        });
        return key.toString();
    }

    /** Inverse of {@link #key()}; throws IllegalArgumentException for a string key() cannot produce. */
    public static MetricIdentity parseKey(final String key) {
        final List<String> parts = split(Objects.requireNonNull(key, "key"), SEPARATOR);
        if (parts.size() < FIXED_PARTS) {
            throw new IllegalArgumentException("metric key needs namespace|metricName|unit: " + key);
        }
        final SortedMap<String, String> dimensions = new TreeMap<>();
        for (final String pair : parts.subList(FIXED_PARTS, parts.size())) {
            final List<String> nameAndValue = split(pair, PAIR);
            if (nameAndValue.size() != 2) {
                throw new IllegalArgumentException("metric key dimension is not name=value: " + key);
            }
            if (dimensions.put(unescape(nameAndValue.get(0)), unescape(nameAndValue.get(1))) != null) {
                throw new IllegalArgumentException("metric key repeats a dimension: " + key);
            }
        }
        return new MetricIdentity(unescape(parts.get(0)), unescape(parts.get(1)), dimensions, unescape(parts.get(2)));
    }

    /** The dimensions in canonical (name) order, as the Avro records carry them. */
    public List<Dimension> avroDimensions() {
        final List<Dimension> list = new ArrayList<>(dimensions.size());
        dimensions.forEach((name, value) -> list.add(new Dimension(name, value)));
        return list;
    }

    private static void appendEscaped(final StringBuilder out, final String text) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == ESCAPE || c == SEPARATOR || c == PAIR) {
                out.append(ESCAPE);
            }
            out.append(c);
        }
    }

    /** Splits on unescaped {@code delimiter}, leaving escapes in place for {@link #unescape}. */
    private static List<String> split(final String text, final char delimiter) {
        final List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == ESCAPE) {
                i++;
            } else if (c == delimiter) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static String unescape(final String text) {
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == ESCAPE) {
                if (++i == text.length()) {
                    throw new IllegalArgumentException("metric key ends inside an escape: " + text);
                }
                final char escaped = text.charAt(i);
                if (escaped != ESCAPE && escaped != SEPARATOR && escaped != PAIR) {
                    throw new IllegalArgumentException("metric key escapes '" + escaped + "', which key() never does: " + text);
                }
                out.append(escaped);
            } else if (c == SEPARATOR || c == PAIR) {
                throw new IllegalArgumentException("metric key has an unescaped '" + c + "' in: " + text);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
