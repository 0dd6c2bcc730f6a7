package io.trailwatch.app.cli;

import io.trailwatch.sinks.archive.store.S3Settings;
import io.trailwatch.stack.S3ProxyServer;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the archive's object storage is and how to sign in: the local stack's S3Proxy unless told otherwise. There
 * is no default key: the local S3Proxy's is generated on its first start into {@code <data-dir>/s3proxy/credentials};
 * any other store needs its key named.
 */
public final class S3Options {

    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9000";
    /** Where commands run beside a local stack find the key its S3Proxy generated ({@code ./data}, as README's). */
    static final Path LOCAL_STACK_S3PROXY_DIR = Path.of("data", "s3proxy");

    @Option(names = {"--s3-endpoint", "--endpoint-url"}, paramLabel = "URL",
        defaultValue = "${env:TRAILWATCH_S3_ENDPOINT:-" + DEFAULT_ENDPOINT + "}",
        description = "S3 API endpoint: MinIO, Ceph, S3Proxy; 'aws' for AWS S3 itself (env TRAILWATCH_S3_ENDPOINT; "
            + "default: ${DEFAULT-VALUE}, the local stack's).")
    String endpoint;

    @Option(names = "--s3-region", paramLabel = "REGION", defaultValue = "${env:AWS_REGION:-us-east-1}",
        description = "Signing region (env AWS_REGION; default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--s3-access-key-id", paramLabel = "KEY", defaultValue = "${env:TRAILWATCH_S3_ACCESS_KEY_ID}",
        description = "Access key id (env TRAILWATCH_S3_ACCESS_KEY_ID). Required with an --s3-endpoint other than "
            + "aws; for AWS S3 without it, the AWS SDK's default credentials. The local stack's S3 uses the key it "
            + "generated on its first start in <data-dir>/s3proxy/credentials.")
    String accessKeyId;

    @Option(names = "--s3-secret-access-key", paramLabel = "SECRET",
        defaultValue = "${env:TRAILWATCH_S3_SECRET_ACCESS_KEY}",
        description = "Secret of the access key (env TRAILWATCH_S3_SECRET_ACCESS_KEY, which keeps it out of the "
            + "process list).")
    String secretAccessKey;

    /** Whether the endpoint was named (option or environment), rather than left to the local stack's default. */
    public boolean endpointNamed(final picocli.CommandLine.ParseResult parsed) {
        return parsed.hasMatchedOption("--s3-endpoint") || parsed.hasMatchedOption("--endpoint-url")
            || System.getenv("TRAILWATCH_S3_ENDPOINT") != null;
    }

    /**
     * What is wrong with the options for {@code trailwatch up}, or null: half a key, or another store than AWS S3
     * and the local S3Proxy without a key.
     */
    public String problem(final picocli.CommandLine.ParseResult parsed) {
        final String halfKey = halfKeyProblem();
        if (halfKey != null) {
            return halfKey;
        }
        if (endpointNamed(parsed) && !aws() && !keyNamed()) {
            return "--s3-endpoint " + endpoint + " needs --s3-access-key-id and --s3-secret-access-key (or env "
                + "TRAILWATCH_S3_ACCESS_KEY_ID and TRAILWATCH_S3_SECRET_ACCESS_KEY): there is no default key";
        }
        return null;
    }

    /**
     * The settings for a bucket with the key as named (option or environment), else none: for {@code trailwatch up},
     * whose local S3Proxy then uses the key it generated, and for AWS S3 the SDK's default credentials.
     */
    public S3Settings namedSettings(final String bucket) {
        final boolean staticKey = keyNamed();
        return new S3Settings(aws() ? null : endpoint, region, bucket, staticKey ? accessKeyId : null,
            staticKey ? secretAccessKey : null, !aws());
    }

    /**
     * The settings for a command reading the archive: the key as named; without one, the key the local stack's
     * S3Proxy generated ({@code ./data/s3proxy/credentials}) when the endpoint is the local stack's default, the
     * SDK's default credentials for AWS S3.
     *
     * @throws IllegalArgumentException when no key is named and none applies, naming what to pass
     */
    public S3Settings settings(final String bucket) {
        return settings(bucket, LOCAL_STACK_S3PROXY_DIR);
    }

    S3Settings settings(final String bucket, final Path localS3ProxyDir) {
        final String halfKey = halfKeyProblem();
        if (halfKey != null) {
            throw new IllegalArgumentException(halfKey);
        }
        if (keyNamed() || aws()) {
            return namedSettings(bucket);
        }
        if (!localDefault()) {
            throw new IllegalArgumentException("--s3-endpoint " + endpoint + " needs --s3-access-key-id and "
                + "--s3-secret-access-key (or env TRAILWATCH_S3_ACCESS_KEY_ID and TRAILWATCH_S3_SECRET_ACCESS_KEY)");
        }
        final Optional<S3ProxyServer.Credentials> local;
        try {
            local = S3ProxyServer.readCredentials(localS3ProxyDir);
        } catch (final java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
        if (local.isEmpty()) {
            throw new IllegalArgumentException("no S3 key: " + localS3ProxyDir.resolve(S3ProxyServer.CREDENTIALS_FILE)
                + ", which 'trailwatch up' writes on its first start, is not here; run from the directory holding its "
                + "data, or pass --s3-access-key-id and --s3-secret-access-key");
        }
        return new S3Settings(endpoint, region, bucket, local.get().accessKeyId(), local.get().secretAccessKey(), true);
    }

    private boolean aws() {
        return endpoint == null || endpoint.isBlank() || "aws".equalsIgnoreCase(endpoint);
    }

    /** The local stack's S3 on its default port, however spelt. */
    private boolean localDefault() {
        final String normalized = endpoint.strip().replaceAll("/+$", "");
        return normalized.equals(DEFAULT_ENDPOINT) || normalized.equals("http://localhost:9000");
    }

    private boolean keyNamed() {
        return accessKeyId != null && !accessKeyId.isBlank();
    }

    private String halfKeyProblem() {
        final boolean secret = secretAccessKey != null && !secretAccessKey.isBlank();
        if (keyNamed() != secret) {
            return keyNamed() ? "--s3-access-key-id needs --s3-secret-access-key (or env TRAILWATCH_S3_SECRET_ACCESS_KEY)"
                : "--s3-secret-access-key needs --s3-access-key-id (or env TRAILWATCH_S3_ACCESS_KEY_ID)";
        }
        return null;
    }
}
