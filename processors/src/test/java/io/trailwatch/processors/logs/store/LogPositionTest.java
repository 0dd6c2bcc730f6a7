package io.trailwatch.processors.logs.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogPositionTest {

    private static final List<LogPosition> ORDERED = List.of(LogPosition.first(-5), new LogPosition(-5, 3, 9),
        LogPosition.last(-5), LogPosition.first(0), new LogPosition(0, 0, 1), new LogPosition(0, 1, 0),
        new LogPosition(0, Integer.MAX_VALUE, 7), new LogPosition(0, Integer.MIN_VALUE, 7), LogPosition.last(0),
        new LogPosition(1_796_600_000_000L, 5, 42));

    @Test
    void digitsSortAsPositionsDoAndReadBack() {
        for (int i = 0; i < ORDERED.size(); i++) {
            final LogPosition position = ORDERED.get(i);
            assertThat(LogPosition.ofDigits(position.digits())).contains(position);
            if (i > 0) {
                assertThat(ORDERED.get(i - 1)).isLessThan(position);
                assertThat(ORDERED.get(i - 1).digits()).isLessThan(position.digits());
                assertThat(LogEventKeys.event(LogEventKeys.stream("g", "s"), ORDERED.get(i - 1)))
                    .isLessThan(LogEventKeys.event(LogEventKeys.stream("g", "s"), position));
            }
        }
    }

    @Test
    void nextAndPreviousLeaveNoPositionBetween() {
        assertThat(LogPosition.last(4).next()).isEqualTo(LogPosition.first(5));
        assertThat(LogPosition.first(5).previous()).isEqualTo(LogPosition.last(4));
        assertThat(new LogPosition(7, 2, Long.MAX_VALUE).next()).isEqualTo(new LogPosition(7, 3, 0));
        assertThat(new LogPosition(7, 3, 0).previous()).isEqualTo(new LogPosition(7, 2, Long.MAX_VALUE));
        for (final LogPosition position : ORDERED) {
            assertThat(position.next().previous()).isEqualTo(position);
            assertThat(position.next()).isGreaterThan(position);
        }
    }

    @Test
    void textThatIsNotAPositionIsRefused() {
        assertThat(LogPosition.ofDigits("")).isEmpty();
        assertThat(LogPosition.ofDigits("12a")).isEmpty();
        assertThat(LogPosition.ofDigits("9".repeat(49))).isEmpty();
        assertThat(LogPosition.ofDigits(LogPosition.first(0).digits() + "0")).isEmpty();
    }

    @Test
    void keysNameTheirGroupAndStreamWhateverCharactersTheStreamHas() {
        final LogEventKeys.StreamName name = LogEventKeys.streamName(LogEventKeys.event(
            LogEventKeys.stream("/app/x", "i-1/web é"), new LogPosition(3, 1, 2)));
        assertThat(name).isEqualTo(new LogEventKeys.StreamName("/app/x", "i-1/web é"));
    }
}
