package io.trailwatch.processors.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartialPageTest {

    private static EventPosition at(final long time, final String id) {
        return new EventPosition(time, id);
    }

    @Test
    void completePartsMergeNewestFirstUpToTheLimit() {
        final PartialPage<EventPosition> merged = PartialPage.merge(List.of(
            PartialPage.complete(List.of(at(9, "a"), at(5, "a"))),
            PartialPage.complete(List.of(at(7, "b"), at(5, "0"), at(1, "c")))), 3);

        assertThat(merged.hits()).containsExactly(at(9, "a"), at(7, "b"), at(5, "0"));
        assertThat(merged.bound()).as("more remain: resume after the last hit").isEqualTo(at(5, "0"));
    }

    @Test
    void everythingFitsSoNothingRemains() {
        final PartialPage<EventPosition> merged = PartialPage.merge(List.of(
            PartialPage.complete(List.of(at(9, "a"))), PartialPage.complete(List.of(at(7, "b")))), 2);

        assertThat(merged.hits()).containsExactly(at(9, "a"), at(7, "b"));
        assertThat(merged.hasMore()).isFalse();
    }

    /** A part that stopped scanning at time 6 may still hold events older than 6 that belong before time-3 hits. */
    @Test
    void hitsBeyondAPartsBoundWaitForTheNextPage() {
        final PartialPage<EventPosition> merged = PartialPage.merge(List.of(
            new PartialPage<>(List.of(at(8, "a")), at(6, "x")),
            PartialPage.complete(List.of(at(7, "b"), at(3, "c")))), 50);

        assertThat(merged.hits()).containsExactly(at(8, "a"), at(7, "b"));
        assertThat(merged.bound()).isEqualTo(at(6, "x"));
    }

    @Test
    void theSameEventFromTwoPartitionsCountsOnce() {
        final PartialPage<EventPosition> merged = PartialPage.merge(List.of(
            PartialPage.complete(List.of(at(8, "a"), at(4, "d"))),
            PartialPage.complete(List.of(at(8, "a")))), 2);

        assertThat(merged.hits()).containsExactly(at(8, "a"), at(4, "d"));
        assertThat(merged.hasMore()).isFalse();
    }
}
