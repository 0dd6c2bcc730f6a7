package io.trailwatch.processors.logs.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.processors.logs.store.LogPosition;
import io.trailwatch.processors.logs.store.StoredLogEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A query's regular expression cannot hold a scan thread: a catastrophically backtracking pattern fails the query
 * within its budget (without it, {@code /(.*a){12}$/} over 40 characters runs for days; Java 9 and later already
 * cut {@code (a+)+}).
 */
class RegexBudgetTest {

    private static final String GROUP = "/app/redos";
    private static final String EVIL = "a".repeat(40) + "!";

    private static QueryResults run(final String text, final String message) {
        final InsightsQuery query = InsightsQuery.parse(text);
        final QueryScan scan = query.scan(100);
        scan.accept(GROUP, "000000000000:" + GROUP, new StoredLogEvent("s", new LogPosition(1_000, 0, 0), 1_000,
            message));
        return query.merge(List.of(scan.result()), 100);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBacktrackingFilterFailsTheQueryNamingThePattern() {
        final long started = System.nanoTime();
        assertThatThrownBy(() -> run("filter @message like /(.*a){12}$/", EVIL))
            .isInstanceOf(BoundedText.TooCostly.class).hasMessageContaining("/(.*a){12}$/");
        assertThatThrownBy(() -> run("filter @message =~ /(\\w*a){10}b/", EVIL))
            .isInstanceOf(BoundedText.TooCostly.class);
        System.out.printf("two backtracking patterns refused in %d ms%n",
            Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBacktrackingParseFailsTheQuery() {
        assertThatThrownBy(() -> run("parse @message /(?<x>(.*a){12})$/ | fields x", EVIL))
            .isInstanceOf(BoundedText.TooCostly.class);
    }

    @Test
    void ordinaryPatternsStillMatchAndExtractOverLongMessages() {
        final String message = "x".repeat(200_000) + " user=ann took=12ms";
        assertThat(run("filter @message like /user=\\w+/ | stats count(*) as n", message).rows().get(0).get(0)
            .value()).isEqualTo("1");
        assertThat(run("parse @message \"user=* took=*ms\" as who, ms | stats sum(ms) as total by who", message)
            .rows().get(0)).extracting(QueryResults.ResultField::value).containsExactly("ann", "12");
    }
}
