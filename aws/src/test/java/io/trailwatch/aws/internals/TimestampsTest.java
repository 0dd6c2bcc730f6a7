package io.trailwatch.aws.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    private static final long YEAR_0 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    @Test
    void writesAndReadsWhatTheJdkWritesAndReads() {
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            final long second = random.nextLong(YEAR_0 - 86_400 * 400L, YEAR_10000 + 86_400 * 400L);
            final int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            final Instant instant = Instant.ofEpochSecond(second, nano);
            assertThat(Timestamps.text(instant)).isEqualTo(instant.toString());
            assertThat(Timestamps.ofText(instant.toString())).isEqualTo(instant);
        }
    }

    @Test
    void readsOtherIso8601InstantsAsTheJdkDoes() {
        for (final String text : List.of("2026-12-07T13:20:00.5Z", "2026-12-07T13:20:00.12Z", "2026-12-07T23:59:60Z",
            "2026-12-07T13:20:00.1234Z", "2026-12-07T13:20:00+01:00", "+12026-12-07T13:20:00Z", "2026-12-07T13:20:00.Z",
            "2026-12-07T24:00:00Z")) {
            assertThat(Timestamps.ofText(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void refusesWhatTheJdkRefuses() {
        for (final String text : List.of("2026-02-30T13:20:00Z", "2026-13-07T13:20:00Z", "2026-04-31T13:20:00Z",
            "2026-12-07T25:20:00Z", "2026-12-07T13:61:00Z", "2026-1a-07T13:20:00Z", "2026-12-07T13:20:00.1x3Z",
            "2026-12-07 13:20:00Z", "yesterday")) {
            assertThatThrownBy(() -> Instant.parse(text)).as(text).isInstanceOf(DateTimeException.class);
            assertThatThrownBy(() -> Timestamps.ofText(text)).as(text).isInstanceOf(DateTimeException.class);
        }
    }
}
