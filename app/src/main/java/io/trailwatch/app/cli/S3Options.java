package io.trailwatch.app.cli;

import io.trailwatch.sinks.archive.store.S3Settings;
import io.trailwatch.stack.S3ProxyServer;
import picocli.CommandLine.Option;

/** Where the archive's object storage is and how to sign in: the local stack's S3Proxy unless told otherwise. */
public final class S3Options {

    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9000";

    @Option(names = {"--s3-endpoint", "--endpoint-url"}, paramLabel = "URL",
        defaultValue = "${env:TRAILWATCH_S3_ENDPOINT:-" + DEFAULT_ENDPOINT + "}",
        description = "S3 API endpoint: MinIO, Ceph, S3Proxy; 'aws' for AWS S3 itself (env TRAILWATCH_S3_ENDPOINT; "
            + "default: ${DEFAULT-VALUE}, the local stack's).")
    String endpoint;

    @Option(names = "--s3-region", paramLabel = "REGION", defaultValue = "${env:AWS_REGION:-us-east-1}",
        description = "Signing region (env AWS_REGION; default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--s3-access-key-id", paramLabel = "KEY",
        defaultValue = "${env:TRAILWATCH_S3_ACCESS_KEY_ID:-" + S3ProxyServer.DEFAULT_ACCESS_KEY_ID + "}",
        description = "Access key id; empty for the AWS SDK's default credentials (env TRAILWATCH_S3_ACCESS_KEY_ID; "
            + "default: the local stack's).")
    String accessKeyId;

    @Option(names = "--s3-secret-access-key", paramLabel = "SECRET",
        defaultValue = "${env:TRAILWATCH_S3_SECRET_ACCESS_KEY:-" + S3ProxyServer.DEFAULT_SECRET_ACCESS_KEY + "}",
        description = "Secret of the access key (env TRAILWATCH_S3_SECRET_ACCESS_KEY; default: the local stack's).")
    String secretAccessKey;

    /** Whether the endpoint was named (option or environment), rather than left to the local stack's default. */
    public boolean endpointNamed(final picocli.CommandLine.ParseResult parsed) {
        return parsed.hasMatchedOption("--s3-endpoint") || parsed.hasMatchedOption("--endpoint-url")
            || System.getenv("TRAILWATCH_S3_ENDPOINT") != null;
    }

    /** The settings for a bucket; the local stack and most S3-compatible servers want path-style requests. */
    public S3Settings settings(final String bucket) {
        final boolean aws = endpoint == null || endpoint.isBlank() || "aws".equalsIgnoreCase(endpoint);
        final boolean staticKey = accessKeyId != null && !accessKeyId.isBlank();
        return new S3Settings(aws ? null : endpoint, region, bucket, staticKey ? accessKeyId : null,
            staticKey ? secretAccessKey : null, !aws);
    }
}
