package io.trailwatch.processors.logs.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.processors.logs.insights.GeneratedLogs.Generated;
import io.trailwatch.processors.logs.store.LogPosition;
import io.trailwatch.processors.logs.store.StoredLogEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The byte search a scan runs before decoding an event ({@link MessageTerms}): which filters it reads terms from,
 * and, over generated and non-ASCII messages, the same counts as brute force on the decoded messages.
 */
class MessageTermsTest {

    private static final String GROUP = "/app/terms";

    private static List<String> terms(final String query) {
        return MessageTerms.required(InsightsQuery.parse(query).perEvent()).stream()
            .map(term -> new String(term, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void readsPlainTermsOfTheLeadingFiltersOnly() {
        assertThat(terms("filter @message like /ERROR/ | stats count(*) by bin(5m)")).containsExactly("ERROR");
        assertThat(terms("filter @message like \"user=ann\" and @message like /status=500/"))
            .containsExactly("user=ann", "status=500");
        assertThat(terms("filter @message like 'é日' | filter @message like /GET \\/orders/"))
            .containsExactly("é日", "GET /orders");
        // not a necessary condition, or not plain: nothing to search for
        assertThat(terms("filter @message not like /ERROR/")).isEmpty();
        assertThat(terms("filter @message like /ERROR/ or @message like /WARN/")).isEmpty();
        assertThat(terms("filter @message like /E.ROR/")).isEmpty();
        assertThat(terms("filter @message like /(?i)error/")).isEmpty();
        assertThat(terms("filter @logStream like /web/")).isEmpty();
        // a command before the filter may change what @message holds
        assertThat(terms("fields @logStream as @message | filter @message like /web/")).isEmpty();
        assertThat(terms("filter @message like /INFO/ | fields @logStream as @message "
            + "| filter @message like /web/")).containsExactly("INFO");
    }

    private static List<StoredLogEvent> events() {
        final List<StoredLogEvent> events = new ArrayList<>();
        GeneratedLogs.events(31, 3_000).stream().map(Generated::event).forEach(events::add);
        final String[] unicode = {"é ERROR 日本", "e\u0301 ERR OR", "😀ERROR😀", "ERRÖR", "日本語 user=ann", "ER", ""};
        for (int i = 0; i < unicode.length; i++) {
            events.add(new StoredLogEvent("u", new LogPosition(GeneratedLogs.START + i, 0, i), 0, unicode[i]));
        }
        return events;
    }

    private static long count(final String query, final List<StoredLogEvent> events) {
        final InsightsQuery parsed = InsightsQuery.parse(query);
        final QueryScan scan = parsed.scan(10_000);
        events.forEach(event -> scan.accept(GROUP, GROUP, event));
        assertThat(scan.statistics().recordsScanned()).isEqualTo(events.size());
        assertThat(scan.statistics().bytesScanned()).isEqualTo(events.stream().mapToLong(StoredLogEvent::size)
            .sum());
        return scan.statistics().recordsMatched();
    }

    private static void sameAsBruteForce(final String query, final Predicate<String> matches) {
        final List<StoredLogEvent> events = events();
        final long expected = events.stream().map(StoredLogEvent::message).filter(matches).count();
        assertThat(count(query, events)).as(query).isEqualTo(expected);
    }

    @Test
    void countsWhatBruteForceCounts() {
        sameAsBruteForce("filter @message like /ERROR/ | stats count(*) by bin(5m)", m -> m.contains("ERROR"));
        sameAsBruteForce("filter @message like \"ERROR\"", m -> m.contains("ERROR"));
        sameAsBruteForce("filter @message like /日本/", m -> m.contains("日本"));
        sameAsBruteForce("filter @message like 'é'", m -> m.contains("é"));
        sameAsBruteForce("filter @message like /user=ann/ and @message like \"status=500\"",
            m -> m.contains("user=ann") && m.contains("status=500"));
        sameAsBruteForce("filter @message like /E.ROR/", m -> Pattern.compile("E.ROR").matcher(m).find());
        sameAsBruteForce("filter @message not like /ERROR/", m -> !m.contains("ERROR"));
        sameAsBruteForce("filter @message like /ERROR/ or @message like /WARN/",
            m -> m.contains("ERROR") || m.contains("WARN"));
        sameAsBruteForce("filter @message like /ERROR/ | filter @message like /latency=1/",
            m -> m.contains("ERROR") && m.contains("latency=1"));
        sameAsBruteForce("filter @message like /ERROR/ and status = 500",
            m -> m.contains("ERROR") && m.contains("\"status\":500"));
    }
}
