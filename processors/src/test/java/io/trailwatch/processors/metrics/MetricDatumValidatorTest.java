package io.trailwatch.processors.metrics;

import static io.trailwatch.processors.metrics.Datums.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.avro.StatisticSet;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MetricDatumValidatorTest {

    private static final double TWO_TO_360 = Math.pow(2, 360);
    private static final double TWO_TO_MINUS_360 = Math.pow(2, -360);

    static Stream<Arguments> valid() {
        return Stream.of(
                named("single value", Datums.value(1.5)),
                named("zero", Datums.value(0)),
                named("negative zero", Datums.value(-0.0)),
                named("negative value", Datums.value(-42)),
                named("largest magnitude 2^360", Datums.value(TWO_TO_360)),
                named("largest negative magnitude -2^360", Datums.value(-TWO_TO_360)),
                named("smallest non-zero magnitude 2^-360", Datums.value(TWO_TO_MINUS_360)),
                named("statistic set", Datums.statisticSet(3, 6, 1, 3)),
                named("statistic set of one value", Datums.statisticSet(4, 10, 2.5, 2.5)),
                named("statistic set with fractional count", Datums.statisticSet(0.5, 1, 2, 2)),
                named("statistic set whose sum is off by rounding", Datums.statisticSet(3, 0.1 + 0.1 + 0.1, 0.1, 0.1)),
                named("negative statistic set", Datums.statisticSet(2, -3, -2, -1)),
                named("values without counts", Datums.values(List.of(1.0, 2.0, 2.0), null)),
                named("values with counts", Datums.values(List.of(1.0, 2.0), List.of(3.0, 0.5))),
                named("150 values", Datums.values(repeat(1.0, 150), repeat(2.0, 150))),
                named("no dimensions field", Datums.builder().setValue(1.0).setDimensions(null).build()),
                named("30 dimensions", Datums.builder().setValue(1.0).setDimensions(dimensions(30)).build()),
                named("255-character names", Datums.builder().setValue(1.0).setNamespace("n".repeat(255))
                        .setMetricName("m".repeat(255))
                        .setDimensions(List.of(new Dimension("d".repeat(255), "v".repeat(1024)))).build()),
                named("printable ASCII everywhere", Datums.builder().setValue(1.0).setNamespace("My App/Orders-1_x:y")
                        .setMetricName("p99 latency (ms)")
                        .setDimensions(List.of(new Dimension("Host name", " ~!@#$%^&*()|=\\ "))).build()),
                named("metric name with non-ASCII (no documented restriction)",
                        Datums.builder().setValue(1.0).setMetricName("Latenz für Bestellungen").build()),
                named("namespace containing AWS/ later", Datums.builder().setValue(1.0).setNamespace("My/AWS/Thing").build()),
                named("namespace aws/ in lower case", Datums.builder().setValue(1.0).setNamespace("aws/custom").build()),
                named("unit Bytes/Second", Datums.builder().setValue(1.0).setUnit("Bytes/Second").build()),
                named("unit None", Datums.builder().setValue(1.0).setUnit("None").build()),
                named("high resolution", Datums.builder().setValue(1.0).setStorageResolution(1).build()),
                named("exactly two weeks old", Datums.builder().setValue(1.0).setTimestamp(NOW.minus(Duration.ofDays(14))).build()),
                named("exactly two hours ahead", Datums.builder().setValue(1.0).setTimestamp(NOW.plus(Duration.ofHours(2))).build()));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                invalid("empty namespace", "Namespace", b -> b.setValue(1.0).setNamespace("")),
                invalidRecord("null namespace", "Namespace", d -> d.setNamespace(null)),
                invalid("256-character namespace", "Namespace", b -> b.setValue(1.0).setNamespace("n".repeat(256))),
                invalid("namespace reserved for AWS", "Namespace", b -> b.setValue(1.0).setNamespace("AWS/EC2")),
                invalid("namespace starting with a colon", "Namespace", b -> b.setValue(1.0).setNamespace(":ns")),
                invalid("namespace with a control character", "Namespace", b -> b.setValue(1.0).setNamespace("a\tb")),
                invalid("namespace with non-ASCII", "Namespace", b -> b.setValue(1.0).setNamespace("Bestellungen/Größe")),
                invalid("empty metric name", "MetricName", b -> b.setValue(1.0).setMetricName("")),
                invalid("256-character metric name", "MetricName", b -> b.setValue(1.0).setMetricName("m".repeat(256))),
                invalid("31 dimensions", "Dimensions", b -> b.setValue(1.0).setDimensions(dimensions(31))),
                invalid("duplicate dimension names", "Dimensions", b -> b.setValue(1.0)
                        .setDimensions(List.of(new Dimension("Host", "a"), new Dimension("Host", "b")))),
                invalid("empty dimension name", "Dimensions", b -> b.setValue(1.0).setDimensions(List.of(new Dimension("", "a")))),
                invalid("256-character dimension name", "Dimensions", b -> b.setValue(1.0)
                        .setDimensions(List.of(new Dimension("d".repeat(256), "a")))),
                invalid("empty dimension value", "Dimensions", b -> b.setValue(1.0).setDimensions(List.of(new Dimension("Host", "")))),
                invalid("1025-character dimension value", "Dimensions", b -> b.setValue(1.0)
                        .setDimensions(List.of(new Dimension("Host", "v".repeat(1025))))),
                invalid("blank dimension name", "Dimensions", b -> b.setValue(1.0).setDimensions(List.of(new Dimension("   ", "a")))),
                invalid("blank dimension value", "Dimensions", b -> b.setValue(1.0).setDimensions(List.of(new Dimension("Host", " ")))),
                invalid("dimension name starting with a colon", "Dimensions", b -> b.setValue(1.0)
                        .setDimensions(List.of(new Dimension(":Host", "a")))),
                invalid("dimension value with a control character", "Dimensions", b -> b.setValue(1.0)
                        .setDimensions(List.of(new Dimension("Host", "a\u0000")))),
                invalid("dimension value with non-ASCII", "Dimensions", b -> b.setValue(1.0)
                        .setDimensions(List.of(new Dimension("Host", "café")))),
                invalid("null dimension", "Dimensions", b -> b.setValue(1.0).setDimensions(Collections.singletonList(null))),
                invalid("unknown unit", "Unit", b -> b.setValue(1.0).setUnit("Furlongs")),
                invalid("unit in the wrong case", "Unit", b -> b.setValue(1.0).setUnit("bytes/second")),
                invalid("Java name instead of the CloudWatch unit", "Unit", b -> b.setValue(1.0).setUnit("BytesPerSecond")),
                invalidRecord("null unit", "Unit", d -> d.setUnit(null)),
                invalid("no value at all", "Value", b -> b),
                invalid("Value and StatisticValues", "StatisticValues", b -> b.setValue(1.0).setStatisticValues(set(1, 1, 1, 1))),
                invalid("Value and Values", "Values", b -> b.setValue(1.0).setValues(List.of(1.0))),
                invalid("StatisticValues and Values", "Values", b -> b.setStatisticValues(set(1, 1, 1, 1)).setValues(List.of(1.0))),
                invalid("Counts without Values", "Counts", b -> b.setValue(1.0).setCounts(List.of(1.0))),
                invalid("NaN value", "Value", b -> b.setValue(Double.NaN)),
                invalid("infinite value", "Value", b -> b.setValue(Double.POSITIVE_INFINITY)),
                invalid("negative infinite value", "Value", b -> b.setValue(Double.NEGATIVE_INFINITY)),
                invalid("value above 2^360", "Value", b -> b.setValue(Math.nextUp(TWO_TO_360))),
                invalid("value below -2^360", "Value", b -> b.setValue(-Math.nextUp(TWO_TO_360))),
                invalid("value too small", "Value", b -> b.setValue(Math.nextDown(TWO_TO_MINUS_360))),
                invalid("negative value too small", "Value", b -> b.setValue(-1e-200)),
                invalid("NaN sample count", "StatisticValues", b -> b.setStatisticValues(set(Double.NaN, 1, 1, 1))),
                invalid("infinite sum", "StatisticValues", b -> b.setStatisticValues(set(1, Double.POSITIVE_INFINITY, 1, 1))),
                invalid("NaN minimum", "StatisticValues", b -> b.setStatisticValues(set(1, 1, Double.NaN, 1))),
                invalid("maximum above 2^360", "StatisticValues", b -> b.setStatisticValues(set(1, 1, 1, TWO_TO_360 * 2))),
                invalid("zero sample count", "StatisticValues", b -> b.setStatisticValues(set(0, 0, 0, 0))),
                invalid("negative sample count", "StatisticValues", b -> b.setStatisticValues(set(-1, 1, 1, 1))),
                invalid("minimum above maximum", "StatisticValues", b -> b.setStatisticValues(set(2, 3, 2, 1))),
                invalid("sum above maximum x count", "StatisticValues", b -> b.setStatisticValues(set(2, 7, 1, 3))),
                invalid("sum below minimum x count", "StatisticValues", b -> b.setStatisticValues(set(2, 1, 1, 3))),
                invalid("empty values", "Values", b -> b.setValues(List.of())),
                invalid("151 values", "Values", b -> b.setValues(repeat(1.0, 151))),
                invalid("NaN among values", "Values", b -> b.setValues(List.of(1.0, Double.NaN))),
                invalid("infinity among values", "Values", b -> b.setValues(List.of(Double.NEGATIVE_INFINITY))),
                invalid("value out of range among values", "Values", b -> b.setValues(List.of(1.0, 1e109))),
                invalid("null among values", "Values", b -> b.setValues(Arrays.asList(1.0, null))),
                invalid("fewer counts than values", "Counts", b -> b.setValues(List.of(1.0, 2.0)).setCounts(List.of(1.0))),
                invalid("more counts than values", "Counts", b -> b.setValues(List.of(1.0)).setCounts(List.of(1.0, 1.0))),
                invalid("zero count", "Counts", b -> b.setValues(List.of(1.0)).setCounts(List.of(0.0))),
                invalid("negative count", "Counts", b -> b.setValues(List.of(1.0)).setCounts(List.of(-2.0))),
                invalid("NaN count", "Counts", b -> b.setValues(List.of(1.0)).setCounts(List.of(Double.NaN))),
                invalid("storage resolution 5", "StorageResolution", b -> b.setValue(1.0).setStorageResolution(5)),
                invalid("storage resolution 0", "StorageResolution", b -> b.setValue(1.0).setStorageResolution(0)),
                invalid("older than two weeks", "Timestamp", b -> b.setValue(1.0)
                        .setTimestamp(NOW.minus(Duration.ofDays(14)).minusMillis(1))),
                invalid("more than two hours ahead", "Timestamp", b -> b.setValue(1.0)
                        .setTimestamp(NOW.plus(Duration.ofHours(2)).plusMillis(1))),
                invalidRecord("null timestamp", "Timestamp", d -> d.put("timestamp", null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void acceptsWhatCloudWatchAccepts(final String description, final MetricDatum datum) {
        assertThatCode(() -> MetricDatumValidator.validate(datum, NOW)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("invalid")
    void rejectsNamingTheField(final String description, final String field, final MetricDatum datum) {
        assertThatThrownBy(() -> MetricDatumValidator.validate(datum, NOW))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.reason()).isNotBlank();
                });
    }

    private static Arguments named(final String description, final MetricDatum datum) {
        return Arguments.of(description, datum);
    }

    private static Arguments invalid(final String description, final String field,
                                     final UnaryOperator<MetricDatum.Builder> change) {
        return Arguments.of(description, field, change.apply(Datums.builder()).build());
    }

    /** Avro's builder refuses nulls for required fields; a decoded or hand-made record can still hold them. */
    private static Arguments invalidRecord(final String description, final String field, final Consumer<MetricDatum> change) {
        final MetricDatum datum = Datums.value(1);
        change.accept(datum);
        return Arguments.of(description, field, datum);
    }

    private static StatisticSet set(final double sampleCount, final double sum, final double minimum, final double maximum) {
        return new StatisticSet(sampleCount, sum, minimum, maximum);
    }

    private static List<Double> repeat(final double value, final int times) {
        return new ArrayList<>(Collections.nCopies(times, value));
    }

    private static List<Dimension> dimensions(final int count) {
        return IntStream.range(0, count).mapToObj(i -> new Dimension("Name" + i, "Value" + i)).toList();
    }
}
