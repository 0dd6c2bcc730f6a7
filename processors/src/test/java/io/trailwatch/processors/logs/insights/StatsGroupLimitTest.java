package io.trailwatch.processors.logs.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.processors.logs.store.LogPosition;
import io.trailwatch.processors.logs.store.StoredLogEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code stats ... by} holds a bounded number of groups: by a unique field the query fails, not the heap. */
class StatsGroupLimitTest {

    private static final String GROUP = "/app/groups";

    private static void accept(final QueryScan scan, final long i, final String message) {
        scan.accept(GROUP, "000000000000:" + GROUP, new StoredLogEvent("s", new LogPosition(1_000 + i, 0, i), 1_000,
            message));
    }

    @Test
    void aStatsByAUniqueFieldFailsPastTheGroupLimit() {
        final QueryScan scan = InsightsQuery.parse("stats count(*) by @message").scan(100);
        for (int i = 0; i < QueryScan.MAX_GROUPS; i++) {
            accept(scan, i, Integer.toString(i));
        }
        assertThatThrownBy(() -> accept(scan, -1, "one more")).isInstanceOf(QueryScan.TooManyGroups.class)
            .hasMessageContaining("more than " + QueryScan.MAX_GROUPS + " groups");
    }

    @Test
    void aFewHugeGroupValuesFailPastTheCharacterLimit() {
        final QueryScan scan = InsightsQuery.parse("stats count(*) by @message").scan(100);
        final String big = "x".repeat(1024 * 1024);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 40; i++) {
                accept(scan, i, big + i);
            }
        }).isInstanceOf(QueryScan.TooManyGroups.class);
    }

    @Test
    void manyEventsInFewGroupsAreCounted() {
        final InsightsQuery query = InsightsQuery.parse("stats count(*) as n by @logStream");
        final QueryScan scan = query.scan(100);
        for (int i = 0; i < 50_000; i++) {
            accept(scan, i, "x".repeat(1_000));
        }
        assertThat(query.merge(List.of(scan.result()), 100).rows().get(0).get(1).value()).isEqualTo("50000");
    }
}
