package io.trailwatch.processors.logs.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParserTest {

    private static Command only(final String query) {
        final List<Command> commands = QueryParser.parse(query);
        assertThat(commands).hasSize(1);
        return commands.get(0);
    }

    private static boolean matches(final String filter, final Map<String, Object> fields) {
        return Values.truthy(((Command.Filter) only("filter " + filter)).condition().eval(fields::get));
    }

    @Test
    void fieldsTakeExpressionsAndAliases() {
        final Command.Fields fields = (Command.Fields) only("fields @timestamp, @message, latency * 2 as double, "
            + "`odd-name`, detail.user.name");
        assertThat(fields.fields()).extracting(Command.Named::name)
            .containsExactly("@timestamp", "@message", "double", "odd-name", "detail.user.name");
        assertThat(fields.fields().get(2).expr().eval(Map.<String, Object>of("latency", "21")::get)).isEqualTo(42.0);
    }

    @Test
    void filterComparesNumbersAsNumbersAndTextAsText() {
        assertThat(matches("latency > 100", Map.of("latency", "250"))).isTrue();
        assertThat(matches("latency > 100", Map.of("latency", "99.5"))).isFalse();
        assertThat(matches("level = \"ERROR\"", Map.of("level", "ERROR"))).isTrue();
        assertThat(matches("level != 'ERROR'", Map.of("level", "WARN"))).isTrue();
        assertThat(matches("missing = 1", Map.of())).isFalse();
        assertThat(matches("missing != 1", Map.of())).isFalse();
    }

    @Test
    void filterLikeTakesSubstringsAndRegularExpressions() {
        final Map<String, Object> event = Map.of("@message", "GET /orders 500 Internal");
        assertThat(matches("@message like \"/orders\"", event)).isTrue();
        assertThat(matches("@message like /5\\d\\d/", event)).isTrue();
        assertThat(matches("@message =~ /(?i)internal/", event)).isTrue();
        assertThat(matches("@message not like /4\\d\\d/", event)).isTrue();
        assertThat(matches("@message like \"Internal Error\"", event)).isFalse();
    }

    @Test
    void filterInAndBooleanPrecedenceAndParentheses() {
        final Map<String, Object> event = Map.of("status", "404", "method", "GET");
        assertThat(matches("status in [400, 404, 500]", event)).isTrue();
        assertThat(matches("status not in [\"404\"]", event)).isFalse();
        assertThat(matches("method = 'POST' or status = 404 and method = 'GET'", event)).isTrue();
        assertThat(matches("(method = 'POST' or status = 404) and not method = 'GET'", event)).isFalse();
        assertThat(matches("status - 4 * 100 = 4 and status % 100 = 4 and 2 ^ 3 = 8 and -status < 0", event))
            .isTrue();
        assertThat(matches("ispresent(status) and not ispresent(nothing) and strlen(method) = 3", event)).isTrue();
    }

    @Test
    void statsTakesEachAggregationByFieldsAndBins() {
        final Command.Stats stats = (Command.Stats) only("stats count(*), count(user) as users, "
            + "count_distinct(user), sum(bytes), avg(latency), min(latency), max(latency), pct(latency, 99), "
            + "earliest(status), latest(status) by bin(5m), host as server");
        assertThat(stats.aggregates()).extracting(Aggregate::function).containsExactly(Aggregate.Function.COUNT,
            Aggregate.Function.COUNT, Aggregate.Function.COUNT_DISTINCT, Aggregate.Function.SUM,
            Aggregate.Function.AVG, Aggregate.Function.MIN, Aggregate.Function.MAX, Aggregate.Function.PCT,
            Aggregate.Function.EARLIEST, Aggregate.Function.LATEST);
        assertThat(stats.aggregates()).extracting(Aggregate::name).startsWith("count(*)", "users",
            "count_distinct(user)");
        assertThat(stats.aggregates().get(7).percent()).isEqualTo(99);
        assertThat(stats.by()).extracting(Command.Named::name).containsExactly("bin(5m)", "server");
        assertThat(((Expr.Bin) stats.by().get(0).expr()).periodMs()).isEqualTo(300_000);
    }

    @Test
    void binTakesAwsUnitsAndTheirPlurals() {
        for (final var unit : Map.of("30s", 30_000L, "2min", 120_000L, "1h", 3_600_000L, "1hrs", 3_600_000L,
            "1d", 86_400_000L, "1w", 604_800_000L, "500ms", 500L).entrySet()) {
            final Command.Stats stats = (Command.Stats) only("stats count(*) by bin(" + unit.getKey() + ")");
            assertThat(((Expr.Bin) stats.by().get(0).expr()).periodMs()).isEqualTo(unit.getValue());
        }
    }

    @Test
    void sortLimitDisplayDedupAndPipes() {
        final List<Command> commands = QueryParser.parse("fields a | sort @timestamp desc, b | limit 20 "
            + "| display a, b | dedup a\n# a comment | limit 3\n");
        assertThat(commands).hasSize(5);
        assertThat(((Command.Sort) commands.get(1)).keys()).containsExactly(
            new Command.SortKey("@timestamp", true), new Command.SortKey("b", false));
        assertThat(((Command.Limit) commands.get(2)).count()).isEqualTo(20);
        assertThat(((Command.Display) commands.get(3)).fields()).containsExactly("a", "b");
        assertThat(((Command.Dedup) commands.get(4)).fields()).containsExactly("a");
    }

    @Test
    void parseTakesGlobsAndRegularExpressionsWithNamedGroups() {
        final Command.Parse glob = (Command.Parse) only("parse @message \"user=* action=* took *ms\" as user, "
            + "action, took");
        final LogRecordFields row = new LogRecordFields("@message", "at 10:00 user=ann action=delete took 42ms");
        RowCommands.apply(glob, row);
        assertThat(row.fields).containsEntry("user", "ann").containsEntry("action", "delete")
            .containsEntry("took", "42");
        final Command.Parse regex = (Command.Parse) only("parse @message /user=(?<who>\\w+) .*took (?<ms>\\d+)/");
        assertThat(regex.names()).containsExactly("who", "ms");
        RowCommands.apply(regex, row);
        assertThat(row.fields).containsEntry("who", "ann").containsEntry("ms", "42");
    }

    @Test
    void aMalformedQueryNamesLineColumnAndReason() {
        assertThatThrownBy(() -> QueryParser.parse("fields @message\n| filter status >"))
            .isInstanceOfSatisfying(MalformedQueryException.class, e -> {
                assertThat(e.line()).isEqualTo(2);
                assertThat(e.column()).isEqualTo(18);
                assertThat(e.getMessage()).isEqualTo("Query is malformed at line 2, column 18: expected a field, a "
                    + "value or '(', found the end of the query");
            });
        assertThatThrownBy(() -> QueryParser.parse("fields a | frobnicate b"))
            .isInstanceOfSatisfying(MalformedQueryException.class, e -> {
                assertThat(e.column()).isEqualTo(12);
                assertThat(e.reason()).startsWith("unknown command 'frobnicate'");
            });
        assertThatThrownBy(() -> QueryParser.parse("stats count(*) by bin(5 minutes)"))
            .isInstanceOf(MalformedQueryException.class);
        assertThatThrownBy(() -> QueryParser.parse("filter @message like /unclosed"))
            .hasMessageContaining("column 22: unterminated regular expression");
        assertThatThrownBy(() -> QueryParser.parse("limit 10001")).hasMessageContaining("from 1 to 10000");
        assertThatThrownBy(() -> QueryParser.parse("parse @message \"* *\" as a"))
            .hasMessageContaining("2 * but 1 names");
        assertThatThrownBy(() -> QueryParser.parse("filter x like /(unbalanced/"))
            .hasMessageContaining("invalid regular expression");
        assertThatThrownBy(() -> QueryParser.parse("  ")).hasMessageContaining("empty");
    }

    @Test
    void jsonFieldsAreDiscoveredAsDottedPaths() {
        final Map<String, Object> fields = LogRecord.discover("{\"level\":\"ERROR\",\"latency\":12.5,\"detail\":"
            + "{\"user\":{\"name\":\"ann\"},\"items\":[{\"id\":7},\"x\"]},\"nothing\":null,\"ok\":true}");
        assertThat(fields).containsEntry("level", "ERROR").containsEntry("latency", 12.5)
            .containsEntry("detail.user.name", "ann").containsEntry("detail.items.0.id", 7.0)
            .containsEntry("detail.items.1", "x").containsEntry("ok", "true").doesNotContainKey("nothing");
        assertThat(LogRecord.discover("not json {")).isEmpty();
        assertThat(LogRecord.discover("{broken")).isEmpty();
    }

    /** A row of plain fields, for the commands that set fields. */
    private static final class LogRecordFields implements MutableRow {
        final Map<String, Object> fields = new java.util.HashMap<>();

        LogRecordFields(final String field, final Object value) {
            fields.put(field, value);
        }

        @Override
        public Object get(final String field) {
            return fields.get(field);
        }

        @Override
        public void set(final String field, final Object value) {
            fields.put(field, value);
        }
    }
}
