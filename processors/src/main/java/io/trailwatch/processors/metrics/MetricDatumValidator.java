package io.trailwatch.processors.metrics;

import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.avro.StatisticSet;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The checks CloudWatch's PutMetricData applies to one MetricDatum, so that a datum accepted here would
 * be accepted there. Field names in errors are CloudWatch's own (MetricDatum member names), which is what
 * a PutMetricData client expects to read back.
 */
public final class MetricDatumValidator {

    static final int MAX_NAME_LENGTH = 255;
    static final int MAX_DIMENSIONS = 30;
    static final int MAX_DIMENSION_VALUE_LENGTH = 1024;
    static final int MAX_VALUES = 150;
    /** PutMetricData: "Values must be in the range of -2^360 to 2^360". */
    static final double MAX_MAGNITUDE = 0x1p360;
    /**
     * The docs also reject values "too small"; the older API reference names 2^-360 as the bound (its
     * base-10 rendering, 8.515920e-109, is 2^-359; we follow the base-2 statement, which matches the
     * current 2^360 upper bound). Zero itself is fine.
     */
    static final double MIN_NONZERO_MAGNITUDE = 0x1p-360;
    static final Duration MAX_AGE = Duration.ofDays(14);
    static final Duration MAX_AHEAD = Duration.ofHours(2);

    private static final String RESERVED_NAMESPACE_PREFIX = "AWS/";

    private MetricDatumValidator() {
    }

    /**
     * Validates as CloudWatch PutMetricData does; throws InvalidRecordException naming the field and the
     * reason. {@code now} is the processing time, against which the timestamp window is judged.
     */
    public static void validate(final MetricDatum datum, final Instant now) {
        Objects.requireNonNull(datum, "datum");
        Objects.requireNonNull(now, "now");
        validateIdentity(datum.getNamespace(), datum.getMetricName(), datum.getDimensions(), datum.getUnit());
        checkValues(datum);
        checkStorageResolution(datum.getStorageResolution());
        checkTimestamp(datum.getTimestamp(), now);
    }

    /**
     * Validates as {@link #validate} does and returns the datum's identity, whose checks are then made once (an
     * edge that also needs the metric's key, as PutMetricData does, would otherwise check the identity twice).
     */
    public static MetricIdentity validated(final MetricDatum datum, final Instant now) {
        Objects.requireNonNull(now, "now");
        final MetricIdentity identity = MetricIdentity.of(Objects.requireNonNull(datum, "datum"));
        checkValues(datum);
        checkStorageResolution(datum.getStorageResolution());
        checkTimestamp(datum.getTimestamp(), now);
        return identity;
    }

    /**
     * The checks on what identifies a metric (Namespace, MetricName, Dimensions, Unit), so that no
     * identity CloudWatch would reject ever becomes a Kafka key.
     */
    static void validateIdentity(final String namespace, final String metricName, final List<Dimension> dimensions,
                                 final String unit) {
        checkNamespace(namespace);
        checkMetricName(metricName);
        checkDimensions(dimensions);
        checkUnit(unit);
    }

    private static void checkNamespace(final String namespace) {
        final String field = "Namespace";
        checkLength(field, "Namespace", namespace, MAX_NAME_LENGTH);
        checkPrintableAscii(field, "Namespace", namespace);
        if (namespace.charAt(0) == ':') {
            throw new InvalidRecordException(field, "must not start with ':'");
        }
        if (namespace.startsWith(RESERVED_NAMESPACE_PREFIX)) {
            throw new InvalidRecordException(field, "namespaces starting with 'AWS/' are reserved for AWS services");
        }
    }

    private static void checkMetricName(final String metricName) {
        checkLength("MetricName", "MetricName", metricName, MAX_NAME_LENGTH);
    }

    private static void checkDimensions(final List<Dimension> dimensions) {
        final String field = "Dimensions";
        if (dimensions == null) {
            return;
        }
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw new InvalidRecordException(field,
                    "at most " + MAX_DIMENSIONS + " dimensions are allowed, got " + dimensions.size());
        }
        final Set<String> names = new HashSet<>();
        for (int i = 0; i < dimensions.size(); i++) {
            final Dimension dimension = dimensions.get(i);
            final String label = "Dimensions[" + i + "]";
            if (dimension == null) {
                throw new InvalidRecordException(field, label + " is null");
            }
            final String name = dimension.getName();
            checkLength(field, label + ".Name", name, MAX_NAME_LENGTH);
            checkPrintableAscii(field, label + ".Name", name);
            checkNotBlank(field, label + ".Name", name);
            if (name.charAt(0) == ':') {
                throw new InvalidRecordException(field, label + ".Name must not start with ':'");
            }
            final String value = dimension.getValue();
            checkLength(field, label + ".Value", value, MAX_DIMENSION_VALUE_LENGTH);
            checkPrintableAscii(field, label + ".Value", value);
            checkNotBlank(field, label + ".Value", value);
            if (!names.add(name)) {
                throw new InvalidRecordException(field, "dimension name '" + name + "' appears more than once");
            }
        }
    }

    private static void checkUnit(final String unit) {
        if (StandardUnit.fromAws(unit).isEmpty()) {
            throw new InvalidRecordException("Unit", "'" + unit + "' is not a CloudWatch unit");
        }
    }

    private static void checkValues(final MetricDatum datum) {
        final Double value = datum.getValue();
        final StatisticSet statisticValues = datum.getStatisticValues();
        final List<Double> values = datum.getValues();
        final List<Double> counts = datum.getCounts();
        if (statisticValues != null && value != null) {
            throw new InvalidRecordException("StatisticValues", "is mutually exclusive with Value");
        }
        if (values != null && (value != null || statisticValues != null)) {
            throw new InvalidRecordException("Values",
                    "is mutually exclusive with " + (value != null ? "Value" : "StatisticValues"));
        }
        if (counts != null && values == null) {
            throw new InvalidRecordException("Counts", "requires Values");
        }
        if (value != null) {
            checkNumber("Value", "Value", value);
        } else if (statisticValues != null) {
            checkStatisticSet(statisticValues);
        } else if (values != null) {
            checkValueArray(values, counts);
        } else {
            throw new InvalidRecordException("Value", "one of Value, StatisticValues or Values is required");
        }
    }

    private static void checkStatisticSet(final StatisticSet s) {
        final String field = "StatisticValues";
        checkNumber(field, "SampleCount", s.getSampleCount());
        checkNumber(field, "Sum", s.getSum());
        checkNumber(field, "Minimum", s.getMinimum());
        checkNumber(field, "Maximum", s.getMaximum());
        if (!(s.getSampleCount() > 0)) {
            throw new InvalidRecordException(field, "SampleCount must be greater than 0, got " + s.getSampleCount());
        }
        if (s.getMinimum() > s.getMaximum()) {
            throw new InvalidRecordException(field,
                    "Minimum " + s.getMinimum() + " is greater than Maximum " + s.getMaximum());
        }
        if (!StatisticSets.sumWithinBounds(s)) {
            throw new InvalidRecordException(field, "Sum " + s.getSum()
                    + " is outside [Minimum x SampleCount, Maximum x SampleCount]");
        }
    }

    private static void checkValueArray(final List<Double> values, final List<Double> counts) {
        if (values.isEmpty() || values.size() > MAX_VALUES) {
            throw new InvalidRecordException("Values",
                    "must hold 1 to " + MAX_VALUES + " values, got " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            checkNumber("Values", "Values[" + i + "]", values.get(i));
        }
        if (counts == null) {
            return;
        }
        if (counts.size() != values.size()) {
            throw new InvalidRecordException("Counts",
                    "must hold as many numbers as Values (" + values.size() + "), got " + counts.size());
        }
        for (int i = 0; i < counts.size(); i++) {
            final String label = "Counts[" + i + "]";
            checkNumber("Counts", label, counts.get(i));
            if (!(counts.get(i) > 0)) {
                throw new InvalidRecordException("Counts", label + " must be greater than 0, got " + counts.get(i));
            }
        }
    }

    private static void checkStorageResolution(final int storageResolution) {
        if (storageResolution != 1 && storageResolution != 60) {
            throw new InvalidRecordException("StorageResolution", "must be 1 or 60, got " + storageResolution);
        }
    }

    private static void checkTimestamp(final Instant timestamp, final Instant now) {
        final String field = "Timestamp";
        if (timestamp == null) {
            throw new InvalidRecordException(field, "is required");
        }
        if (timestamp.isBefore(now.minus(MAX_AGE))) {
            throw new InvalidRecordException(field, timestamp + " is more than two weeks before " + now);
        }
        if (timestamp.isAfter(now.plus(MAX_AHEAD))) {
            throw new InvalidRecordException(field, timestamp + " is more than two hours after " + now);
        }
    }

    private static void checkNumber(final String field, final String label, final Double x) {
        if (x == null) {
            throw new InvalidRecordException(field, label + " is null");
        }
        if (!Double.isFinite(x)) {
            throw new InvalidRecordException(field, label + " must be a finite number, got " + x);
        }
        final double magnitude = Math.abs(x);
        if (magnitude > MAX_MAGNITUDE) {
            throw new InvalidRecordException(field, label + " " + x + " is outside [-2^360, 2^360]");
        }
        if (magnitude != 0 && magnitude < MIN_NONZERO_MAGNITUDE) {
            throw new InvalidRecordException(field, label + " " + x + " is too small: non-zero magnitudes start at 2^-360");
        }
    }

    private static void checkLength(final String field, final String label, final String text, final int max) {
        if (text == null || text.isEmpty()) {
            throw new InvalidRecordException(field, label + " is required");
        }
        if (text.length() > max) {
            throw new InvalidRecordException(field, label + " must be at most " + max + " characters, got " + text.length());
        }
    }

    private static void checkPrintableAscii(final String field, final String label, final String text) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new InvalidRecordException(field, String.format(
                        "%s may hold only ASCII characters other than control characters; found U+%04X at %d", label, (int) c, i));
            }
        }
    }

    private static void checkNotBlank(final String field, final String label, final String text) {
        if (text.isBlank()) {
            throw new InvalidRecordException(field, label + " must hold a non-whitespace character");
        }
    }
}
