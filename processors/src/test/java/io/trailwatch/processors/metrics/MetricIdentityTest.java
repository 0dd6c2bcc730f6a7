package io.trailwatch.processors.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.avro.Dimension;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetricIdentityTest {

    /** Separators, the escape character, and characters that are not ASCII. */
    private static final String AWKWARD = "a|=\\ é€𝄞\t";

    @Test
    void keyIsCanonicalAndReadable() {
        final MetricIdentity id = new MetricIdentity("App/Orders", "Latency",
                new TreeMap<>(Map.of("Stage", "prod", "Host", "a")), "Milliseconds");
        assertThat(id.key()).isEqualTo("App/Orders|Latency|Milliseconds|Host=a|Stage=prod");
    }

    @Test
    void dimensionOrderInTheDatumDoesNotMatter() {
        final MetricIdentity ab = MetricIdentity.of(Datums.builder().setValue(1.0)
                .setDimensions(List.of(new Dimension("A", "1"), new Dimension("B", "2"))).build());
        final MetricIdentity ba = MetricIdentity.of(Datums.builder().setValue(1.0)
                .setDimensions(List.of(new Dimension("B", "2"), new Dimension("A", "1"))).build());
        assertThat(ab).isEqualTo(ba);
        assertThat(ab.key()).isEqualTo(ba.key());
        assertThat(ab.avroDimensions()).extracting(Dimension::getName).containsExactly("A", "B");
    }

    @Test
    void unitIsPartOfTheIdentity() {
        final MetricIdentity ms = MetricIdentity.of(Datums.builder().setValue(1.0).setUnit("Milliseconds").build());
        final MetricIdentity s = MetricIdentity.of(Datums.builder().setValue(1.0).setUnit("Seconds").build());
        assertThat(ms).isNotEqualTo(s);
        assertThat(ms.key()).isNotEqualTo(s.key());
    }

    @Test
    void dimensionsAreImmutableAndCopied() {
        final SortedMap<String, String> dims = new TreeMap<>(Map.of("Host", "a"));
        final MetricIdentity id = new MetricIdentity("ns", "m", dims, "None");
        dims.put("Other", "b");
        assertThat(id.dimensions()).containsOnlyKeys("Host");
        assertThatThrownBy(() -> id.dimensions().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void awkwardCharactersRoundTrip() {
        final MetricIdentity id = new MetricIdentity("ns|with=pipes\\", "name\\|=", new TreeMap<>(Map.of(
                "a=b", "c|d", "\\", "\\\\", "|", "=", "trailing\\", "x", "é 𝄞", "€ value")), "Count/Second");
        assertThat(MetricIdentity.parseKey(id.key())).isEqualTo(id);
    }

    @Test
    void randomAwkwardIdentitiesRoundTripAndNeverShareAKey() {
        final Random random = new Random(17);
        final Map<String, MetricIdentity> byKey = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            final SortedMap<String, String> dims = new TreeMap<>();
            for (int d = random.nextInt(4); d > 0; d--) {
                dims.put(awkward(random), awkward(random));
            }
            final MetricIdentity id = new MetricIdentity(awkward(random), awkward(random), dims, awkward(random));
            final String key = id.key();
            assertThat(MetricIdentity.parseKey(key)).isEqualTo(id);
            final MetricIdentity previous = byKey.put(key, id);
            assertThat(previous == null || previous.equals(id)).as("key %s shared by %s and %s", key, previous, id).isTrue();
        }
    }

    @Test
    void identityWithoutDimensionsHasThreeParts() {
        final MetricIdentity id = new MetricIdentity("ns", "m", new TreeMap<>(), "None");
        assertThat(id.key()).isEqualTo("ns|m|None");
        assertThat(MetricIdentity.parseKey("ns|m|None")).isEqualTo(id);
        assertThat(id.avroDimensions()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ns", "ns|m", "ns|m|None|Host", "ns|m|None|a=b=c", "ns|m|None|a=1|a=2", "ns|m|None\\",
        "ns\\x|m|None"})
    void malformedKeysAreRejected(final String key) {
        assertThatThrownBy(() -> MetricIdentity.parseKey(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyStringsAreKeyableBecauseOnlyTheValidatorForbidsThem() {
        final MetricIdentity id = new MetricIdentity("", "", new TreeMap<>(Map.of("", "")), "");
        assertThat(id.key()).isEqualTo("|||=");
        assertThat(MetricIdentity.parseKey("|||=")).isEqualTo(id);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Unit, None, Furlongs", "Namespace, AWS/EC2, None", "Dimensions, App, None"})
    void identitiesCloudWatchWouldRejectAreNeverBuiltFromADatum(final String field, final String namespace, final String unit) {
        final var datum = Datums.builder().setValue(1.0).setNamespace(namespace).setUnit(unit)
                .setDimensions(field.equals("Dimensions")
                        ? List.of(new Dimension("A", "1"), new Dimension("A", "2")) : List.of()).build();
        assertThatThrownBy(() -> MetricIdentity.of(datum))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void ofChecksOnlyTheIdentityNotTheValues() {
        final var datum = Datums.builder().setValue(Double.NaN).setTimestamp(Instant.EPOCH).build();
        assertThat(MetricIdentity.of(datum).key()).isEqualTo("App/Orders|Latency|Milliseconds");
    }

    private static String awkward(final Random random) {
        final StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(5); n > 0; n--) {
            text.append(AWKWARD.charAt(random.nextInt(AWKWARD.length())));
        }
        return text.toString();
    }
}
