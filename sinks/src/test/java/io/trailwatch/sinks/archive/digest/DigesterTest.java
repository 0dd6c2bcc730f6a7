package io.trailwatch.sinks.archive.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.sinks.archive.ArchiveTestAccess;
import io.trailwatch.sinks.archive.Compression;
import io.trailwatch.sinks.archive.store.StoredObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigesterTest {

    private final ArchiveTestAccess archive = new ArchiveTestAccess();

    /** One key for the class: generating RSA keys takes a while on a small machine. */
    @TempDir
    static Path keys;

    @AfterEach
    void close() {
        archive.close();
    }

    @Test
    void everyPeriodGetsASignedDigestChainedToThePreviousOneEvenWithoutFiles() throws Exception {
        final Digester digester = archive.digester(keys.resolve("key.pem"), Duration.ofHours(1));
        final SigningKey key = SigningKey.load(keys.resolve("key.pem"));
        assertThat(digester.writeDue(archive.now())).isZero();
        archive.deliver(0, 0, 40);               // 10:00, in the 10:00-11:00 period
        archive.advance(Duration.ofMinutes(90)); // 11:30: nothing delivered in 11:00-12:00
        assertThat(digester.writeDue(archive.now())).as("only 10:00-11:00 is over (plus the delay)").isEqualTo(4);
        archive.advance(Duration.ofMinutes(31));
        assertThat(digester.writeDue(archive.now())).isEqualTo(4);

        final List<String> digests = archive.keys("CloudTrail-Digest/");
        assertThat(digests).hasSize(8).allMatch(name -> name.matches("audit/AWSLogs/(\\d{12})/CloudTrail-Digest/"
            + "([a-z0-9-]+)/2026/11/21/\\1_CloudTrail-Digest_\\2_trailwatch_us-east-1_20261121T1[12]0000Z\\.json\\.gz"));
        final String first = archive.layout().digestKey("111111111111", "us-east-1", "trailwatch", "us-east-1",
            Instant.parse("2026-11-21T11:00:00Z"));
        final String second = archive.layout().digestKey("111111111111", "us-east-1", "trailwatch", "us-east-1",
            Instant.parse("2026-11-21T12:00:00Z"));
        final DigestFile firstDigest = archive.digest(first);
        final DigestFile secondDigest = archive.digest(second);

        assertThat(firstDigest.logFiles()).isNotEmpty().allSatisfy(file -> {
            assertThat(file.hashValue()).isEqualTo(Compression.sha256Hex(Compression.gunzip(
                archive.store().get(file.s3Object()).orElseThrow().body())));
            assertThat(file.hashAlgorithm()).isEqualTo("SHA-256");
        });
        assertThat(firstDigest.previousDigestS3Object()).isNull();
        assertThat(firstDigest.digestPublicKeyFingerprint()).isEqualTo(key.fingerprint());
        assertThat(secondDigest.logFiles()).isEmpty();
        assertThat(secondDigest.newestEventTime()).isNull();
        assertThat(secondDigest.previousDigestS3Object()).isEqualTo(first);
        final StoredObject firstObject = archive.store().get(first).orElseThrow();
        assertThat(secondDigest.previousDigestHashValue())
            .isEqualTo(Compression.sha256Hex(Compression.gunzip(firstObject.body())));
        assertThat(secondDigest.previousDigestSignature()).isEqualTo(firstObject.metadata().get("signature"));
        final StoredObject secondObject = archive.store().get(second).orElseThrow();
        assertThat(secondObject.metadata()).containsEntry("signature-algorithm", "SHA256withRSA");
        assertThat(SigningKey.verify(key.publicKey(), DigestFile.signingString(secondDigest.digestEndTime(),
            "test-bucket", second, Compression.sha256Hex(Compression.gunzip(secondObject.body())),
            secondDigest.previousDigestSignature()), secondObject.metadata().get("signature"))).isTrue();
    }

    @Test
    void aZombieDigesterWithAStaleViewWritesTheSameDigestsAgain() {
        final Digester digester = archive.digester(keys.resolve("key.pem"), Duration.ofMinutes(5));
        digester.writeDue(archive.now());
        final byte[] staleState = archive.store().get(archive.layout().digesterStateKey()).orElseThrow().body();
        archive.deliver(1, 0, 20);
        archive.advance(Duration.ofMinutes(6));
        assertThat(digester.writeDue(archive.now())).isEqualTo(4);
        final List<String> before = archive.keys("CloudTrail-Digest/");
        final int conflictsBefore = archive.store().conditionalConflicts();

        archive.store().put(archive.layout().digesterStateKey(), staleState, java.util.Map.of());
        final Digester zombie = archive.digester(keys.resolve("key.pem"), Duration.ofMinutes(5));
        assertThat(zombie.writeDue(archive.now())).isEqualTo(4);

        assertThat(archive.keys("CloudTrail-Digest/")).isEqualTo(before);
        assertThat(archive.store().conditionalConflicts() - conflictsBefore).as("each digest was already there")
            .isEqualTo(4);
    }
}
