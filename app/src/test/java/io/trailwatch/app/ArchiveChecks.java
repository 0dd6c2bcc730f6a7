package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trailwatch.stack.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** What a user of 'trailwatch up' finds in the archive, and what validate-logs says about it. */
final class ArchiveChecks {

    private ArchiveChecks() {
    }

    /**
     * The demo's audit events land as CloudTrail files under the bucket's directory, validate-logs finds them valid,
     * and finds a deleted one.
     */
    static void archivedAndValid(final Path bucketDir, final String endpoint, final S3ProxyServer.Credentials s3Key,
                                 final Instant since) throws IOException {
        await("CloudTrail log files and a digest over them").atMost(Duration.ofSeconds(120))
            .until(() -> !files(bucketDir, "/CloudTrail/").isEmpty() && !files(bucketDir, "/CloudTrail-Digest/").isEmpty()
                // The demo's own account's files, not only Trailwatch's self-audit (each account has its digests).
                && validLogFiles(validate(endpoint, s3Key, since, "--verbose")).stream()
                    .anyMatch(file -> file.contains("AWSLogs/123456789012/CloudTrail/")));
        final CommandLineRunner valid = validate(endpoint, s3Key, since, "--verbose");
        assertThat(valid.exitCode()).as(valid.out() + valid.err()).isZero();
        // The trail named is the first account's: Trailwatch's own calls (000000000000) are on the trail beside the
        // demo's (123456789012).
        assertThat(valid.out()).containsPattern("Validating log files for trail arn:aws:cloudtrail:us-east-1:\\d{12}:"
            + "trail/trailwatch").contains("AWSLogs/123456789012/CloudTrail/").contains("digest files valid")
            .doesNotContain("INVALID");
        // The alarm history's files come with its own batches: at the latest on the connector's idle flush.
        await("alarm history archived beside the audit trail").atMost(Duration.ofSeconds(60))
            .until(() -> !files(bucketDir, "/alarm-history/").isEmpty());

        // Only a file that a digest lists can be missed: delete one that validate-logs has just found valid.
        final String victim = validLogFiles(valid).get(0);
        final String key = victim.substring(victim.indexOf("AWSLogs/"));
        Files.delete(files(bucketDir, "/CloudTrail/").stream().filter(path -> path.toString().endsWith(key))
            .findFirst().orElseThrow(() -> new AssertionError(key + " is not on disk under " + bucketDir)));
        final CommandLineRunner tampered = validate(endpoint, s3Key, since);
        assertThat(tampered.exitCode()).as(tampered.out() + tampered.err()).isEqualTo(1);
        assertThat(tampered.out()).contains(victim + "\tINVALID: not found")
            .containsPattern("log files valid, 1/\\d+ log files INVALID");
    }

    /** The s3:// URIs of the log files that a verbose validate-logs reported valid. */
    private static List<String> validLogFiles(final CommandLineRunner verbose) {
        return verbose.out().lines().filter(line -> line.startsWith("Log file\t") && line.endsWith("\tvalid"))
            .map(line -> line.split("\t")[1]).toList();
    }

    /** validate-logs with the local stack's S3 key, which it finds by itself only in {@code ./data}. */
    private static CommandLineRunner validate(final String endpoint, final S3ProxyServer.Credentials key,
                                              final Instant since, final String... options) {
        final List<String> args = new java.util.ArrayList<>(List.of("validate-logs", "--bucket", "trailwatch-archive",
            "--s3-endpoint", endpoint, "--s3-access-key-id", key.accessKeyId(), "--s3-secret-access-key",
            key.secretAccessKey(), "--start-time", since.minusSeconds(60).toString()));
        args.addAll(List.of(options));
        return CommandLineRunner.run(args.toArray(String[]::new));
    }

    private static List<Path> files(final Path bucketDir, final String containing) {
        if (!Files.isDirectory(bucketDir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(bucketDir)) {
            return paths.filter(Files::isRegularFile).filter(path -> path.toString().contains(containing))
                .filter(path -> path.toString().endsWith(".json.gz")).sorted().toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
