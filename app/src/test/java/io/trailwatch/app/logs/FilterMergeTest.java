package io.trailwatch.app.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.processors.logs.store.LocalLogEvents;
import io.trailwatch.processors.logs.store.LogPosition;
import io.trailwatch.processors.logs.store.StoredLogEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterMergeTest {

    private static StoredLogEvent event(final String stream, final long timestamp, final String message) {
        return new StoredLogEvent(stream, new LogPosition(timestamp, stream.hashCode() & 7, timestamp), 0, message);
    }

    private static LocalLogEvents.FilterPage page(final List<StoredLogEvent> events,
                                                  final Optional<StoredLogEvent> stoppedAt) {
        return new LocalLogEvents.FilterPage(events, stoppedAt, Set.of());
    }

    @Test
    void pagesAreMergedInTimeOrderAndACompleteSearchHasNoNextPage() {
        final FilterMerge merged = FilterMerge.of(List.of(
            page(List.of(event("a", 1, "a1"), event("a", 5, "a5")), Optional.empty()),
            page(List.of(event("b", 3, "b3")), Optional.empty())), 10, Long.MAX_VALUE);
        assertThat(merged.events()).extracting(StoredLogEvent::message).containsExactly("a1", "b3", "a5");
        assertThat(merged.resumeAfter()).isEmpty();
    }

    @Test
    void noEventIsReturnedPastWhereAnInstanceStoppedLooking() {
        // b stopped (its scan limit) at 4: what is after 4 elsewhere comes on the next page
        final FilterMerge merged = FilterMerge.of(List.of(
            page(List.of(event("a", 1, "a1"), event("a", 6, "a6")), Optional.empty()),
            page(List.of(event("b", 3, "b3")), Optional.of(event("b", 4, "b4")))),
            10, Long.MAX_VALUE);
        assertThat(merged.events()).extracting(StoredLogEvent::message).containsExactly("a1", "b3");
        assertThat(merged.resumeAfter()).map(StoredLogEvent::message).contains("b4");
    }

    @Test
    void theLimitAndTheByteCapEndAPageAfterItsLastEvent() {
        final List<LocalLogEvents.FilterPage> pages = List.of(page(List.of(
            event("a", 1, "0123456789"), event("a", 2, "0123456789"), event("a", 3, "0123456789")),
            Optional.empty()));
        final FilterMerge limited = FilterMerge.of(pages, 2, Long.MAX_VALUE);
        assertThat(limited.events()).hasSize(2);
        assertThat(limited.resumeAfter()).contains(limited.events().get(1));
        final FilterMerge capped = FilterMerge.of(pages, 10, 2 * 36 + 35);
        assertThat(capped.events()).hasSize(2);
        assertThat(capped.resumeAfter()).contains(capped.events().get(1));
    }
}
