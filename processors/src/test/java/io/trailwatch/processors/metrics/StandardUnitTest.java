package io.trailwatch.processors.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class StandardUnitTest {

    @Test
    void coversCloudWatchsTwentySevenUnits() {
        assertThat(Arrays.stream(StandardUnit.values()).map(StandardUnit::aws)).containsExactlyInAnyOrder(
                "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
                "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second",
                "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second",
                "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None");
    }

    @ParameterizedTest
    @EnumSource(StandardUnit.class)
    void awsNameRoundTrips(final StandardUnit unit) {
        assertThat(StandardUnit.fromAws(unit.aws())).contains(unit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "seconds", "BytesPerSecond", "Bytes/second", "Bytes / Second", "none", "Furlongs"})
    void unknownOrMisspelledUnitsAreAbsent(final String name) {
        assertThat(StandardUnit.fromAws(name)).isEmpty();
    }

    @Test
    void nullIsAbsent() {
        assertThat(StandardUnit.fromAws(null)).isEmpty();
    }
}
