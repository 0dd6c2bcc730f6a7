package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    static void archivedAndValid(final Path bucketDir, final String endpoint, final Instant since) throws IOException {
        await("CloudTrail log files and a digest over them").atMost(Duration.ofSeconds(90))
            .until(() -> !files(bucketDir, "/CloudTrail/").isEmpty() && !files(bucketDir, "/CloudTrail-Digest/").isEmpty()
                && validate(endpoint, since).out().contains(" log files valid")
                && !validate(endpoint, since).out().contains("0/0 log files valid"));
        final CommandLineRunner valid = validate(endpoint, since);
        assertThat(valid.exitCode()).as(valid.out() + valid.err()).isZero();
        assertThat(valid.out()).contains("Validating log files for trail arn:aws:cloudtrail:us-east-1:123456789012:"
            + "trail/trailwatch").contains("digest files valid").doesNotContain("INVALID");
        assertThat(files(bucketDir, "/alarm-history/")).as("alarm history archived beside the audit trail")
            .isNotEmpty();

        final Path victim = files(bucketDir, "/CloudTrail/").get(0);
        Files.delete(victim);
        final CommandLineRunner tampered = validate(endpoint, since);
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.out()).contains(victim.getFileName() + "\tINVALID: not found")
            .containsPattern("log files valid, 1/\\d+ log files INVALID");
    }

    private static CommandLineRunner validate(final String endpoint, final Instant since) {
        return CommandLineRunner.run("validate-logs", "--bucket", "trailwatch-archive", "--s3-endpoint", endpoint,
            "--start-time", since.minusSeconds(60).toString());
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
