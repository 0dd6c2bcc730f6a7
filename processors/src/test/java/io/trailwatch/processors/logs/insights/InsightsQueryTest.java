package io.trailwatch.processors.logs.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.trailwatch.processors.logs.insights.GeneratedLogs.Generated;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each command and aggregation against brute force over a seeded random set of events, the events split over three
 * "instances" whose partial results travel as JSON and are merged, as a query across instances runs.
 */
class InsightsQueryTest {

    private static final String GROUP = "/app/orders";
    private static final List<Generated> EVENTS = GeneratedLogs.events(18, 6_000);

    /** The query over the events, split by stream over three instances, merged. */
    private static List<Map<String, String>> run(final String text, final int limit) {
        final InsightsQuery query = InsightsQuery.parse(text);
        final List<QueryScan> scans = List.of(query.scan(limit), query.scan(limit), query.scan(limit));
        for (final Generated generated : EVENTS) {
            scans.get(Math.floorMod(generated.event().logStreamName().hashCode(), 3))
                .accept(GROUP, "000000000000:" + GROUP, generated.event());
        }
        final List<PartialResult> parts = scans.stream()
            .map(scan -> PartialResult.fromJson(query, scan.result().toJson())).toList();
        final QueryResults merged = query.merge(parts, limit);
        // one instance over everything answers the same
        final QueryScan whole = query.scan(limit);
        EVENTS.forEach(generated -> whole.accept(GROUP, "000000000000:" + GROUP, generated.event()));
        final QueryResults single = query.merge(List.of(whole.result()), limit);
        assertThat(rows(merged)).isEqualTo(rows(single));
        assertThat(merged.statistics()).isEqualTo(single.statistics());
        assertThat(merged.statistics().recordsScanned()).isEqualTo(EVENTS.size());
        assertThat(merged.statistics().bytesScanned()).isEqualTo(EVENTS.stream()
            .mapToLong(generated -> generated.event().size()).sum());
        return rows(merged);
    }

    private static List<Map<String, String>> rows(final QueryResults results) {
        return results.rows().stream().map(row -> {
            final Map<String, String> fields = new LinkedHashMap<>();
            row.forEach(field -> fields.put(field.field(), field.value()));
            return fields;
        }).toList();
    }

    private static String bin5m(final long time) {
        return new Timestamp(Math.floorDiv(time, 300_000L) * 300_000L).toString();
    }

    @Test
    void filterLikeAndStatsCountByBin() {
        final List<Map<String, String>> rows = run("fields @timestamp, @message | filter @message like /ERROR/ "
            + "| stats count(*) by bin(5m)", 10_000);
        final Map<String, Long> expected = EVENTS.stream().filter(g -> g.event().message().contains("ERROR"))
            .collect(Collectors.groupingBy(g -> bin5m(g.event().timestamp()), TreeMap::new, Collectors.counting()));
        final Map<String, Long> actual = new TreeMap<>();
        rows.forEach(row -> actual.put(row.get("bin(5m)"), Long.parseLong(row.get("count(*)"))));
        assertThat(actual).isEqualTo(expected);
        assertThat(rows).extracting(row -> row.get("bin(5m)")).isSorted();
        assertThat(rows.get(0).keySet()).containsExactly("bin(5m)", "count(*)");
    }

    @Test
    void everyAggregationOverJsonFieldsByLevel() {
        final List<Map<String, String>> rows = run("filter ispresent(latency) | stats count(*) as n, count(status), "
            + "count_distinct(user) as users, sum(latency) as total, avg(latency) as mean, min(latency) as low, "
            + "max(latency) as high, pct(latency, 50) as p50, pct(latency, 99) as p99, earliest(user) as first, "
            + "latest(user) as last by level", 10_000);
        final Map<String, List<Generated>> byLevel = EVENTS.stream().filter(Generated::json)
            .collect(Collectors.groupingBy(Generated::level));
        assertThat(rows).extracting(row -> row.get("level")).containsExactlyElementsOf(new TreeMap<>(byLevel)
            .keySet());
        for (final Map<String, String> row : rows) {
            final List<Generated> of = byLevel.get(row.get("level"));
            final int[] latencies = of.stream().mapToInt(Generated::latency).sorted().toArray();
            assertThat(Long.parseLong(row.get("n"))).isEqualTo(of.size());
            assertThat(Long.parseLong(row.get("count(status)"))).isEqualTo(of.size());
            assertThat(Long.parseLong(row.get("users"))).isEqualTo(of.stream().map(Generated::user).distinct().count());
            assertThat(Double.parseDouble(row.get("total"))).isEqualTo(Arrays.stream(latencies).sum());
            assertThat(Double.parseDouble(row.get("mean"))).isCloseTo(Arrays.stream(latencies).average()
                .orElseThrow(), within(1e-9));
            assertThat(Double.parseDouble(row.get("low"))).isEqualTo(latencies[0]);
            assertThat(Double.parseDouble(row.get("high"))).isEqualTo(latencies[latencies.length - 1]);
            assertThat(Double.parseDouble(row.get("p50"))).isEqualTo(nearestRank(latencies, 50));
            assertThat(Double.parseDouble(row.get("p99"))).isEqualTo(nearestRank(latencies, 99));
            final Comparator<Generated> byTime = Comparator.comparingLong((Generated g) -> g.event().timestamp())
                .thenComparing(g -> LogRecord.pointer(GROUP, g.event()));
            assertThat(row.get("first")).isEqualTo(of.stream().min(byTime).orElseThrow().user());
            assertThat(row.get("last")).isEqualTo(of.stream().max(byTime).orElseThrow().user());
        }
    }

    private static double nearestRank(final int[] sorted, final double percent) {
        return sorted[Math.max(0, (int) Math.ceil(percent / 100 * sorted.length) - 1)];
    }

    @Test
    void parseGlobThenFilterOnTheParsedNumberAndStatsBySeveralFields() {
        final List<Map<String, String>> rows = run("parse @message \"user=* latency=*ms\" as who, took "
            + "| filter took >= 1500 | stats count(*) as slow by who, bin(1h)", 10_000);
        final Map<List<String>, Long> expected = EVENTS.stream().filter(g -> !g.json() && g.latency() >= 1500)
            .collect(Collectors.groupingBy(g -> List.of(g.user(),
                new Timestamp(Math.floorDiv(g.event().timestamp(), 3_600_000L) * 3_600_000L).toString()),
                Collectors.counting()));
        final Map<List<String>, Long> actual = new HashMap<>();
        rows.forEach(row -> actual.put(List.of(row.get("who"), row.get("bin(1h)")), Long.parseLong(row.get("slow"))));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void parseRegexWithNamedGroupsFeedsAggregations() {
        final List<Map<String, String>> rows = run("parse @message /level\":\"(?<lvl>[A-Z]+)\".*status\":(?<code>\\d+)/"
            + " | filter ispresent(code) | stats count_distinct(code) as codes, max(code) as worst by lvl", 10_000);
        final Map<String, List<Generated>> byLevel = EVENTS.stream().filter(Generated::json)
            .collect(Collectors.groupingBy(Generated::level));
        assertThat(rows).hasSize(byLevel.size());
        for (final Map<String, String> row : rows) {
            final List<Generated> of = byLevel.get(row.get("lvl"));
            assertThat(Long.parseLong(row.get("codes"))).isEqualTo(of.stream().map(Generated::status).distinct()
                .count());
            assertThat(Integer.parseInt(row.get("worst"))).isEqualTo(of.stream().mapToInt(Generated::status).max()
                .orElseThrow());
        }
    }

    @Test
    void rawResultsAreSortedLimitedAndCarryPtr() {
        final Predicate<Generated> matches = g -> g.event().message().contains("status=500") || g.json()
            && g.status() == 500;
        final List<Map<String, String>> rows = run("fields @timestamp, @message, @logStream "
            + "| filter @message like \"status=500\" or status = 500 | sort @timestamp desc | limit 25", 10_000);
        final List<Generated> expected = EVENTS.stream().filter(matches)
            .sorted(Comparator.comparingLong((Generated g) -> g.event().timestamp()).reversed()
                .thenComparing(g -> LogRecord.pointer(GROUP, g.event())))
            .limit(25).toList();
        assertThat(rows).extracting(row -> row.get("@message"))
            .containsExactlyElementsOf(expected.stream().map(g -> g.event().message()).toList());
        assertThat(rows.get(0).keySet()).containsExactly("@timestamp", "@message", "@logStream", "@ptr");
        assertThat(rows).extracting(row -> row.get("@ptr")).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(rows.get(0).get("@timestamp")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        // without limit or sort: StartQuery's limit, newest first
        final List<Map<String, String>> capped = run("filter @message like \"status=500\" or status = 500", 7);
        assertThat(capped).extracting(row -> row.get("@message"))
            .containsExactlyElementsOf(expected.subList(0, 7).stream().map(g -> g.event().message()).toList());
        assertThat(capped.get(0).keySet()).containsExactly("@timestamp", "@message", "@logStream", "@log", "@ptr");
        assertThat(capped.get(0).get("@log")).isEqualTo("000000000000:" + GROUP);
    }

    @Test
    void sortAscendingOnAJsonFieldDedupAndDisplay() {
        final List<Map<String, String>> rows = run("filter ispresent(user) | sort latency desc | dedup user "
            + "| limit 5 | display user, latency", 10_000);
        final Map<String, Integer> highest = new HashMap<>();
        EVENTS.stream().filter(Generated::json).forEach(g -> highest.merge(g.user(), g.latency(), Math::max));
        final List<Integer> expected = highest.values().stream().sorted(Comparator.reverseOrder()).limit(5).toList();
        assertThat(rows).extracting(row -> Integer.parseInt(row.get("latency"))).containsExactlyElementsOf(expected);
        assertThat(rows).extracting(row -> row.get("user")).doesNotHaveDuplicates();
        rows.forEach(row -> assertThat(Integer.parseInt(row.get("latency"))).isEqualTo(highest.get(row.get("user"))));
        assertThat(rows.get(0).keySet()).containsExactly("user", "latency", "@ptr");

        final List<Map<String, String>> ascending = run("filter ispresent(latency) | sort latency asc | limit 3 "
            + "| fields latency", 10_000);
        assertThat(ascending).extracting(row -> Integer.parseInt(row.get("latency"))).containsExactlyElementsOf(
            EVENTS.stream().filter(Generated::json).map(Generated::latency).sorted().limit(3).toList());
    }

    @Test
    void inNotRegexAndArithmeticInFilterAndFields() {
        final List<Map<String, String>> rows = run("filter level in [\"WARN\", \"ERROR\"] and not user like /^a/ "
            + "| fields latency / 1000 as seconds | stats count(*) as n, sum(seconds) as s", 10_000);
        final List<Generated> expected = EVENTS.stream().filter(g -> g.json()
            && Set.of("WARN", "ERROR").contains(g.level()) && !g.user().startsWith("a")).toList();
        assertThat(rows).hasSize(1);
        assertThat(Long.parseLong(rows.get(0).get("n"))).isEqualTo(expected.size());
        assertThat(Double.parseDouble(rows.get(0).get("s"))).isCloseTo(expected.stream()
            .mapToDouble(g -> g.latency() / 1000.0).sum(), within(1e-6));
    }

    @Test
    void commandsAfterStatsWorkOnTheAggregatedRows() {
        final List<Map<String, String>> rows = run("stats count(*) as n by @logStream | filter n > 0 "
            + "| sort n desc | limit 3", 10_000);
        final Map<String, Long> counts = EVENTS.stream().collect(Collectors.groupingBy(g -> g.event().logStreamName(),
            Collectors.counting()));
        assertThat(rows).extracting(row -> Long.parseLong(row.get("n"))).containsExactlyElementsOf(
            counts.values().stream().sorted(Comparator.reverseOrder()).limit(3).toList());
    }

    @Test
    void statisticsCountWhatMatched() {
        final InsightsQuery query = InsightsQuery.parse("filter @message like /ERROR/ | stats count(*)");
        final QueryScan scan = query.scan(100);
        EVENTS.forEach(g -> scan.accept(GROUP, GROUP, g.event()));
        assertThat(scan.statistics().recordsMatched()).isEqualTo(EVENTS.stream()
            .filter(g -> g.event().message().contains("ERROR")).count());
    }

    @Test
    void countDistinctIsExactUpToItsLimitThenApproximate() {
        final DistinctCounter small = new DistinctCounter();
        final DistinctCounter other = new DistinctCounter();
        for (int i = 0; i < 9_000; i++) {
            small.add("v" + i);
            other.add("v" + (i + 500));
        }
        small.merge(DistinctCounter.ofState(other.state()));
        assertThat(small.count()).isEqualTo(9_500);
        final DistinctCounter large = new DistinctCounter();
        final DistinctCounter largeOther = new DistinctCounter();
        for (int i = 0; i < 100_000; i++) {
            large.add("user-" + i);
            largeOther.add("user-" + (i + 50_000));
        }
        large.merge(DistinctCounter.ofState(largeOther.state()));
        assertThat((double) large.count()).isCloseTo(150_000, within(150_000 * 0.03));
    }

    @Test
    void oneStatsPerQueryAndNoSortBeforeIt() {
        final Set<String> refused = new HashSet<>();
        for (final String text : List.of("stats count(*) | stats count(*)", "sort @timestamp | stats count(*)")) {
            try {
                InsightsQuery.parse(text);
            } catch (final MalformedQueryException e) {
                refused.add(text);
            }
        }
        assertThat(refused).hasSize(2);
    }

}
