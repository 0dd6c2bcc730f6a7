package io.trailwatch.processors.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class IndexKeysTest {

    private static final byte[] PREFIX = IndexKeys.prefix(LookupAttribute.USERNAME, "alice");

    /** A range scan returns entries in history order only if key order and position order agree, for any time. */
    @Test
    void keysSortLikePositions() {
        final Random random = new Random(1);
        final long[] times = {Long.MIN_VALUE + 1, -86_400_000L, -1, 0, 1, 1_700_000_000_000L, 4_102_444_800_000L,
            Long.MAX_VALUE};
        final String[] ids = {"a", "ab", "b", "0000", "zz", "é", "\uD83D\uDE00", "\uFFFD"};
        final List<EventPosition> positions = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            positions.add(new EventPosition(times[random.nextInt(times.length)] + random.nextInt(3) - 1,
                ids[random.nextInt(ids.length)]));
        }

        final List<EventPosition> byPosition = positions.stream().sorted().toList();
        final List<EventPosition> byKey = positions.stream()
            .sorted(Comparator.comparing((EventPosition position) -> IndexKeys.entry(PREFIX, position.timeMillis(),
                position.eventId())))
            .toList();

        assertThat(byKey).isEqualTo(byPosition);
        assertThat(positions).allSatisfy(position -> assertThat(IndexKeys.position(
            IndexKeys.entry(PREFIX, position.timeMillis(), position.eventId()).get(), PREFIX.length)).isEqualTo(position));
    }

    @Test
    void eventIdsCompareAsTheirUtf8Bytes() {
        final String[] ids = {"", "a", "ab", "b", "Z", "é", "\uE000", "\uFFFD", "\uD83D\uDE00", "\uD83D\uDE01", "a\uD83D\uDE00",
            "a\uFFFF"};
        for (final String a : ids) {
            for (final String b : ids) {
                assertThat(Integer.signum(EventPosition.compareAsUtf8(a, b))).as("%s vs %s", a, b).isEqualTo(
                    Integer.signum(java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        b.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            }
        }
    }

    @Test
    void aValueRangeHoldsNoEntryOfALongerValueItIsAPrefixOf() {
        final byte[] shorter = IndexKeys.prefix(LookupAttribute.USERNAME, "al");
        final Bytes longerEntry = IndexKeys.entry(PREFIX, 1_000, "e1");

        final Bytes from = IndexKeys.lowerBound(shorter, Long.MAX_VALUE, null);
        final Bytes to = IndexKeys.upperBound(shorter, Long.MIN_VALUE + 1);

        assertThat(longerEntry.compareTo(from) >= 0 && longerEntry.compareTo(to) <= 0).isFalse();
    }

    @Test
    void aRangeHoldsExactlyTheEntriesBetweenItsTimesAndAfterItsPosition() {
        final EventPosition after = new EventPosition(5_000, "m");
        final Bytes from = IndexKeys.lowerBound(PREFIX, 9_000, after);
        final Bytes to = IndexKeys.upperBound(PREFIX, 2_000);

        assertThat(inRange(IndexKeys.entry(PREFIX, 5_000, "m"), from, to)).as("the position itself").isFalse();
        assertThat(inRange(IndexKeys.entry(PREFIX, 5_000, "ma"), from, to)).as("same time, later id").isTrue();
        assertThat(inRange(IndexKeys.entry(PREFIX, 5_000, "l"), from, to)).as("same time, earlier id").isFalse();
        assertThat(inRange(IndexKeys.entry(PREFIX, 6_000, "z"), from, to)).as("newer than the position").isFalse();
        assertThat(inRange(IndexKeys.entry(PREFIX, 2_000, "a"), from, to)).as("oldest time, inclusive").isTrue();
        assertThat(inRange(IndexKeys.entry(PREFIX, 1_999, "a"), from, to)).as("older than the range").isFalse();
        assertThat(inRange(IndexKeys.entry(PREFIX, 9_001, "a"), IndexKeys.lowerBound(PREFIX, 9_000, null), to))
            .as("newer than the range").isFalse();
        assertThat(inRange(IndexKeys.entry(PREFIX, 9_000, "a"), IndexKeys.lowerBound(PREFIX, 9_000, null), to))
            .as("newest time, inclusive").isTrue();
    }

    @Test
    void valueLengthsBeyondOneByteAreEncodedWithoutCollisions() {
        final String longValue = "x".repeat(300);
        final byte[] prefix = IndexKeys.prefix(LookupAttribute.RESOURCE_NAME, longValue);

        assertThat(prefix).hasSize(1 + 2 + 300);
        assertThat(IndexKeys.position(IndexKeys.entry(prefix, 42, "id").get(), prefix.length))
            .isEqualTo(new EventPosition(42, "id"));
    }

    private static boolean inRange(final Bytes key, final Bytes from, final Bytes to) {
        return key.compareTo(from) >= 0 && key.compareTo(to) <= 0;
    }
}
