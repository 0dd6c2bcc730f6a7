package io.trailwatch.app.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the HTTP API of a running Trailwatch is, and whose key signs the calls, for commands that call it. */
public final class EndpointOptions {

    public static final String DEFAULT_ENDPOINT = "http://localhost:8080";
    /** The region Trailwatch answers in unless configured otherwise ({@code trailwatch.rules.region}). */
    public static final String DEFAULT_REGION = "us-east-1";

    @Option(names = {"--endpoint", "--endpoint-url"}, paramLabel = "URL",
        defaultValue = "${env:TRAILWATCH_ENDPOINT:-" + DEFAULT_ENDPOINT + "}",
        description = "Trailwatch's HTTP API (env TRAILWATCH_ENDPOINT; default: ${DEFAULT-VALUE}).")
    String endpoint;

    @Mixin
    CredentialOptions credentials;

    @Option(names = "--region", paramLabel = "REGION",
        defaultValue = "${env:AWS_REGION:-${env:AWS_DEFAULT_REGION:-" + DEFAULT_REGION + "}}",
        description = "Region of the signature's credential scope: Trailwatch's (env AWS_REGION; default: "
            + "${DEFAULT-VALUE}).")
    String region;

    public String endpoint() {
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }
}
