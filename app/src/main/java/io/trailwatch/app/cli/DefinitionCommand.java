package io.trailwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A command that manages definitions (metric filters, rules) through the HTTP API, which validates them and
 * answers in AWS's JSON; exit codes as {@link ApiCall} gives them. The operation named in errors is the command's
 * name in AWS's spelling ({@code delete-metric-filter}: DeleteMetricFilter).
 */
abstract class DefinitionCommand extends ApiCommand {

    static final ObjectMapper JSON = ApiCall.JSON;

    /** GETs and prints the answer. */
    final int get(final String pathAndQuery) {
        final ApiCall api = api();
        return api.print(api.get(pathAndQuery));
    }

    /** PUTs the body; prints the answer only when the AWS CLI's namesake prints one. */
    final int put(final String path, final JsonNode body, final boolean printAnswer) {
        final ApiCall api = api();
        final ApiCall.Answer answer = api.put(path, body);
        return printAnswer ? api.print(answer) : answer.exitCode();
    }

    /** POSTs the body; prints the answer only when the AWS CLI's namesake prints one. */
    final int post(final String path, final JsonNode body, final boolean printAnswer) {
        final ApiCall api = api();
        final ApiCall.Answer answer = api.post(path, body);
        return printAnswer ? api.print(answer) : answer.exitCode();
    }

    /** DELETEs; prints nothing on success, as the AWS CLI does. */
    final int delete(final String pathAndQuery) {
        return api().delete(pathAndQuery).exitCode();
    }
}
