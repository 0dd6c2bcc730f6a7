package io.trailwatch.sinks.archive.store;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Where the archive is and how to reach it: an endpoint (null for AWS itself), a region, a bucket and
 * credentials (null for the SDK's default chain: environment, profile, instance role).
 *
 * @param endpoint        e.g. {@code http://127.0.0.1:9000} for MinIO or S3Proxy; null for AWS S3
 * @param region          signing region
 * @param bucket          bucket name
 * @param accessKeyId     static access key id, or null for the default credential chain
 * @param secretAccessKey the secret of {@code accessKeyId}
 * @param pathStyle       path-style addressing ({@code endpoint/bucket/key}), needed by most local servers
 */
public record S3Settings(String endpoint, String region, String bucket, String accessKeyId, String secretAccessKey,
                         boolean pathStyle) {

    public S3Settings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(bucket, "bucket");
        if (accessKeyId != null && secretAccessKey == null) {
            throw new IllegalArgumentException("an access key id needs its secret access key");
        }
    }

    /** An S3 client for these settings. */
    public S3Client client() {
        final S3ClientBuilder builder = S3Client.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials())
            .forcePathStyle(pathStyle)
            // Checksums only when the operation requires one: S3-compatible servers differ in which of the newer
            // flexible checksums they accept, and every body is hashed by the archive itself anyway.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private AwsCredentialsProvider credentials() {
        if (accessKeyId == null || accessKeyId.isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    /** {@code s3://bucket/key}, as messages name objects. */
    public static String uri(final String bucket, final String key) {
        return "s3://" + bucket + "/" + key;
    }
}
