package io.trailwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * A command that manages definitions (metric filters, rules) through the HTTP API, which validates them and
 * answers in AWS's JSON. Exit codes as {@link ApiClient} gives them: 0 done, 2 the input was rejected (the message
 * names the field) or names nothing that exists, 1 the API could not be reached.
 */
abstract class DefinitionCommand implements Callable<Integer> {

    static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ApiOptions api;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** GETs and prints the answer. */
    final int get(final String pathAndQuery) {
        return new ApiClient(api).getAndPrint(pathAndQuery, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** PUTs the body; prints the answer only when the AWS CLI's namesake prints one. */
    final int put(final String path, final JsonNode body, final boolean printAnswer) {
        return new ApiClient(api).send(HttpRequest.newBuilder(URI.create(api.endpoint() + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())),
            printAnswer ? spec.commandLine().getOut() : new PrintWriter(Writer.nullWriter()), spec.commandLine().getErr());
    }

    /** DELETEs; prints nothing on success, as the AWS CLI does. */
    final int delete(final String pathAndQuery) {
        return new ApiClient(api).send(HttpRequest.newBuilder(URI.create(api.endpoint() + pathAndQuery)).DELETE(),
            new PrintWriter(Writer.nullWriter()), spec.commandLine().getErr());
    }

    /** A name as one path segment. */
    static String segment(final String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
