package io.trailwatch.app.cli;

import java.nio.file.Path;
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

    @Option(names = "--profile", paramLabel = "NAME",
        description = "Profile of the credentials file to sign with (default: env AWS_PROFILE, else 'trailwatch', "
            + "else 'default'; AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are used when set and no --profile).")
    String profile;

    @Option(names = "--credentials-file", paramLabel = "FILE",
        description = "AWS shared-credentials file (default: env AWS_SHARED_CREDENTIALS_FILE, else "
            + CallerCredentials.LOCAL_FILE + " when it exists, else ~/.aws/credentials).")
    Path credentialsFile;

    @Option(names = "--region", paramLabel = "REGION",
        defaultValue = "${env:AWS_REGION:-${env:AWS_DEFAULT_REGION:-" + DEFAULT_REGION + "}}",
        description = "Region of the signature's credential scope: Trailwatch's (env AWS_REGION; default: "
            + "${DEFAULT-VALUE}).")
    String region;

    public String endpoint() {
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }
}
