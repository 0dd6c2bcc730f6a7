package io.trailwatch.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trailwatch logs start-query}, {@code get-query-results} and {@code stop-query}: Logs Insights as
 * {@code aws logs} runs it (times in epoch seconds, as StartQuery takes them), over the {@code /v1/queries} routes.
 */
final class LogsQueryCommands {

    private static final String QUERIES = "/v1/queries";

    private LogsQueryCommands() {
    }

    /** {@code trailwatch logs start-query}: prints {@code {"queryId": ...}}. */
    @Command(name = "start-query", mixinStandardHelpOptions = true,
        description = "Start a Logs Insights query over log groups and a time range (StartQuery).")
    static final class StartQuery extends ApiCommand {
        @Option(names = "--log-group-name", description = "The log group.")
        String logGroupName;

        @Option(names = "--log-group-names", arity = "1..*", description = "The log groups (at most 50).")
        List<String> logGroupNames;

        @Option(names = "--log-group-identifiers", arity = "1..*", description = "The log groups' names or ARNs.")
        List<String> logGroupIdentifiers;

        @Option(names = "--start-time", required = true, description = "Epoch seconds, included.")
        long startTime;

        @Option(names = "--end-time", required = true, description = "Epoch seconds, included.")
        long endTime;

        @Option(names = "--query-string", required = true, description = "The query, as Logs Insights takes it.")
        String queryString;

        @Option(names = "--limit", description = "At most this many results (1 to 10,000; default 10,000).")
        Integer limit;

        @Override
        public Integer call() {
            final ObjectNode body = ApiCall.JSON.createObjectNode();
            if (logGroupName != null) {
                body.put("logGroupName", logGroupName);
            }
            if (logGroupNames != null) {
                logGroupNames.forEach(body.putArray("logGroupNames")::add);
            }
            if (logGroupIdentifiers != null) {
                logGroupIdentifiers.forEach(body.putArray("logGroupIdentifiers")::add);
            }
            body.put("startTime", startTime).put("endTime", endTime).put("queryString", queryString);
            if (limit != null) {
                body.put("limit", limit);
            }
            final ApiCall api = api("StartQuery");
            return api.print(api.post(QUERIES, body));
        }
    }

    /** A command on one query, named by the id start-query answered. */
    abstract static class OnQuery extends ApiCommand {
        @Option(names = "--query-id", required = true, description = "What start-query answered.")
        String queryId;

        /** Calls the query's route. */
        abstract ApiCall.Answer send(ApiCall api, String path);

        @Override
        public Integer call() {
            final ApiCall api = api();
            return api.print(send(api, QUERIES + "/" + ApiCall.segment(queryId)));
        }
    }

    /** {@code trailwatch logs get-query-results}: the status, the rows so far and the statistics. */
    @Command(name = "get-query-results", mixinStandardHelpOptions = true,
        description = "A Logs Insights query's status, results and statistics (GetQueryResults).")
    static final class GetQueryResults extends OnQuery {
        @Override
        ApiCall.Answer send(final ApiCall api, final String path) {
            return api.get(path);
        }
    }

    /** {@code trailwatch logs stop-query}. */
    @Command(name = "stop-query", mixinStandardHelpOptions = true,
        description = "Stop a running Logs Insights query (StopQuery).")
    static final class StopQuery extends OnQuery {
        @Override
        ApiCall.Answer send(final ApiCall api, final String path) {
            return api.delete(path);
        }
    }
}
