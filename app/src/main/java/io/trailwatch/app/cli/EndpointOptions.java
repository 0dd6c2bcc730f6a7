package io.trailwatch.app.cli;

import picocli.CommandLine.Option;

/** Where the HTTP API of a running Trailwatch is, for commands that call it. */
public final class EndpointOptions {

    public static final String DEFAULT_ENDPOINT = "http://localhost:8080";

    @Option(names = {"--endpoint", "--endpoint-url"}, paramLabel = "URL",
        defaultValue = "${env:TRAILWATCH_ENDPOINT:-" + DEFAULT_ENDPOINT + "}",
        description = "Trailwatch's HTTP API (env TRAILWATCH_ENDPOINT; default: ${DEFAULT-VALUE}).")
    String endpoint;

    public String endpoint() {
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }
}
