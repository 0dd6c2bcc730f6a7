package io.trailwatch.sinks.archive.digest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A digest file in CloudTrail's format: the log files delivered in one period with the SHA-256 of each, chained
 * to the previous digest by its hash and signature.
 */
public record DigestFile(String awsAccountId, Instant digestStartTime, Instant digestEndTime, String digestS3Bucket,
                         String digestS3Object, String digestPublicKeyFingerprint, String digestSignatureAlgorithm,
                         Instant newestEventTime, Instant oldestEventTime, String previousDigestS3Bucket,
                         String previousDigestS3Object, String previousDigestHashValue,
                         String previousDigestHashAlgorithm, String previousDigestSignature, List<LogFile> logFiles) {

    public static final String HASH_ALGORITHM = "SHA-256";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One log file of the digest. */
    public record LogFile(String s3Bucket, String s3Object, String hashValue, String hashAlgorithm,
                          Instant newestEventTime, Instant oldestEventTime) { }

    public DigestFile {
        logFiles = List.copyOf(logFiles);
    }

    /** CloudTrail's times: UTC, whole seconds, e.g. {@code 2026-11-21T10:00:00Z}. */
    public static String time(final Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The text a digest's signature signs: end time, bucket/key, hex SHA-256 of the uncompressed digest, previous
     * signature ({@code null} for the first digest of a chain).
     */
    public static String signingString(final Instant digestEndTime, final String bucket, final String key,
                                       final String digestSha256Hex, final String previousSignature) {
        return time(digestEndTime) + "\n" + bucket + "/" + key + "\n" + digestSha256Hex + "\n" + previousSignature;
    }

    /** The uncompressed JSON, fields in CloudTrail's order. */
    public byte[] toJson() {
        final ObjectNode node = JSON.createObjectNode();
        node.put("awsAccountId", awsAccountId);
        node.put("digestStartTime", time(digestStartTime));
        node.put("digestEndTime", time(digestEndTime));
        node.put("digestS3Bucket", digestS3Bucket);
        node.put("digestS3Object", digestS3Object);
        node.put("digestPublicKeyFingerprint", digestPublicKeyFingerprint);
        node.put("digestSignatureAlgorithm", digestSignatureAlgorithm);
        node.put("newestEventTime", time(newestEventTime));
        node.put("oldestEventTime", time(oldestEventTime));
        node.put("previousDigestS3Bucket", previousDigestS3Bucket);
        node.put("previousDigestS3Object", previousDigestS3Object);
        node.put("previousDigestHashValue", previousDigestHashValue);
        node.put("previousDigestHashAlgorithm", previousDigestHashAlgorithm);
        node.put("previousDigestSignature", previousDigestSignature);
        final ArrayNode files = node.putArray("logFiles");
        for (final LogFile file : logFiles) {
            final ObjectNode entry = files.addObject();
            entry.put("s3Bucket", file.s3Bucket());
            entry.put("s3Object", file.s3Object());
            entry.put("hashValue", file.hashValue());
            entry.put("hashAlgorithm", file.hashAlgorithm());
            entry.put("newestEventTime", time(file.newestEventTime()));
            entry.put("oldestEventTime", time(file.oldestEventTime()));
        }
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a digest's JSON.
     *
     * @throws IllegalArgumentException when it is not a digest ("invalid format")
     */
    public static DigestFile parse(final byte[] json) {
        final JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (final IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject() || !node.path("logFiles").isArray()
            || text(node, "digestEndTime") == null || text(node, "digestS3Object") == null) {
            throw new IllegalArgumentException("not a digest: logFiles, digestEndTime or digestS3Object missing");
        }
        final List<LogFile> files = new ArrayList<>();
        for (final JsonNode file : node.path("logFiles")) {
            files.add(new LogFile(text(file, "s3Bucket"), text(file, "s3Object"), text(file, "hashValue"),
                text(file, "hashAlgorithm"), instant(file, "newestEventTime"), instant(file, "oldestEventTime")));
        }
        return new DigestFile(text(node, "awsAccountId"), instant(node, "digestStartTime"),
            instant(node, "digestEndTime"), text(node, "digestS3Bucket"), text(node, "digestS3Object"),
            text(node, "digestPublicKeyFingerprint"), text(node, "digestSignatureAlgorithm"),
            instant(node, "newestEventTime"), instant(node, "oldestEventTime"), text(node, "previousDigestS3Bucket"),
            text(node, "previousDigestS3Object"), text(node, "previousDigestHashValue"),
            text(node, "previousDigestHashAlgorithm"), text(node, "previousDigestSignature"), files);
    }

    private static String text(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(final JsonNode node, final String field) {
        final String text = text(node, field);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (final RuntimeException e) {
            throw new IllegalArgumentException(field + " is not a time: " + text, e);
        }
    }
}
