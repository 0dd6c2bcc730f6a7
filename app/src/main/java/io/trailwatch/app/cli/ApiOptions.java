package io.trailwatch.app.cli;

import picocli.CommandLine.Option;

/** Where a running Trailwatch's HTTP API is, for commands that query it. */
public final class ApiOptions {

    @Option(names = "--endpoint", paramLabel = "URL",
        defaultValue = "${env:TRAILWATCH_ENDPOINT:-http://localhost:8080}",
        description = "Trailwatch HTTP API (env TRAILWATCH_ENDPOINT; default: ${DEFAULT-VALUE}).")
    String endpoint;

    public String endpoint() {
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }
}
