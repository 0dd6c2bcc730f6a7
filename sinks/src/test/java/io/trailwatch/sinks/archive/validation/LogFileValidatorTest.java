package io.trailwatch.sinks.archive.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.sinks.archive.ArchiveTestAccess;
import io.trailwatch.sinks.archive.Compression;
import io.trailwatch.sinks.archive.digest.Digester;
import io.trailwatch.sinks.archive.digest.SigningKey;
import io.trailwatch.sinks.archive.store.StoredObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate-logs over an archive of three hourly periods, untouched and then tampered with in each way CloudTrail's
 * validation exists to catch.
 */
class LogFileValidatorTest {

    private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant END = Instant.parse("2026-11-21T14:00:00Z");
    private static final String ACCOUNT = "111111111111";
    private static final String REGION = "us-east-1";

    private final ArchiveTestAccess archive = new ArchiveTestAccess();
    private Digester digester;
    private SigningKey key;
    private String output;

    /** One key for the class: generating RSA keys takes a while on a small machine. */
    @TempDir
    static Path keys;

    @BeforeEach
    void archiveThreeHours() {
        digester = archive.digester(keys.resolve("key.pem"), Duration.ofHours(1));
        key = SigningKey.load(keys.resolve("key.pem"));
        digester.writeDue(archive.now());
        archive.deliver(0, 0, 40);
        archive.advance(Duration.ofMinutes(62));
        digester.writeDue(archive.now());
        archive.deliver(1, 0, 40);
        archive.advance(Duration.ofMinutes(60));
        digester.writeDue(archive.now());
    }

    @AfterEach
    void close() {
        archive.close();
    }

    /** Tampers at 12:02, then lets the 12:00-13:00 digest be written, then validates 10:00-14:00. */
    private ValidationResult tamperThenValidate(final Consumer<ArchiveTestAccess> tampering) {
        tampering.accept(archive);
        archive.deliver(2, 0, 40);
        archive.advance(Duration.ofMinutes(60));
        digester.writeDue(archive.now());
        return validate(Map.of(key.fingerprint(), key.publicKey()));
    }

    private ValidationResult validate(final Map<String, java.security.PublicKey> publicKeys) {
        final StringWriter text = new StringWriter();
        final ValidationResult result = new LogFileValidator(archive.store(), "audit/", publicKeys,
            new PrintWriter(text), true).validate(START, END);
        output = text.toString();
        return result;
    }

    private List<String> logFiles(final String hourFolder) {
        return archive.keys("/CloudTrail/").stream().filter(name -> name.contains(ACCOUNT + "/CloudTrail/" + REGION))
            .filter(name -> name.contains(hourFolder)).toList();
    }

    private String digestKey(final String end) {
        return archive.layout().digestKey(ACCOUNT, REGION, "trailwatch", "us-east-1", Instant.parse(end));
    }

    private static String uri(final String key) {
        return "s3://test-bucket/" + key;
    }

    @Test
    void anUntouchedArchiveIsValidWithCloudTrailsSummary() {
        final ValidationResult result = tamperThenValidate(untouched -> { });

        assertThat(result.valid()).isTrue();
        assertThat(result.digestsValid()).isEqualTo(12);
        assertThat(output).startsWith("Validating log files for trail arn:aws:cloudtrail:us-east-1:111111111111:"
            + "trail/trailwatch between 2026-11-21T10:00:00Z and 2026-11-21T14:00:00Z")
            .contains("Results requested for 2026-11-21T10:00:00Z to 2026-11-21T14:00:00Z")
            .contains("Results found for 2026-11-21T10:00:00Z to 2026-11-21T13:00:00Z:")
            .contains("\n12/12 digest files valid\n")
            .contains(result.logFilesValid() + "/" + result.logFilesValid() + " log files valid")
            .contains("Digest file\t" + uri(digestKey("2026-11-21T12:00:00Z")) + "\tvalid")
            .doesNotContain("INVALID");
        assertThat(result.logFilesValid()).isEqualTo(archive.keys("/CloudTrail/").size());
    }

    @Test
    void aModifiedLogFileDoesNotMatchItsHash() {
        final String victim = logFiles("_CloudTrail_").get(0);
        final ValidationResult result = tamperThenValidate(store -> {
            final StoredObject object = store.store().get(victim).orElseThrow();
            store.store().put(victim, Compression.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8), 6),
                object.metadata());
        });

        assertThat(result.valid()).isFalse();
        assertThat(output).contains("Log file\t" + uri(victim) + "\tINVALID: hash value doesn't match")
            .containsPattern("\\d+/\\d+ log files valid, 1/\\d+ log files INVALID");
    }

    @Test
    void aDeletedLogFileIsNotFound() {
        final String victim = logFiles("_CloudTrail_").get(1);
        final ValidationResult result = tamperThenValidate(store -> store.store().delete(victim));

        assertThat(result.logFilesInvalid()).isEqualTo(1);
        assertThat(output).contains("Log file\t" + uri(victim) + "\tINVALID: not found");
    }

    @Test
    void aMovedLogFileIsMissingWhereItWasAndUnlistedWhereItIs() {
        final String victim = logFiles("_CloudTrail_").get(0);
        final String moved = victim.replace("/2026/11/2", "/2026/12/2");
        final ValidationResult result = tamperThenValidate(store -> {
            final StoredObject object = store.store().get(victim).orElseThrow();
            store.store().put(moved, object.body(), object.metadata());
            store.store().delete(victim);
        });

        assertThat(result.logFilesInvalid()).isEqualTo(2);
        assertThat(output).contains("Log file\t" + uri(victim) + "\tINVALID: not found")
            .contains("Log file\t" + uri(moved) + "\tINVALID: not listed in any digest file");
    }

    @Test
    void anInsertedLogFileIsInNoDigest() {
        final String inserted = archive.layout().logFileKey(ACCOUNT, REGION, Instant.parse("2026-11-21T09:15:00Z"),
            "AAAAAAAAAAAAAAAA");
        final ValidationResult result = tamperThenValidate(store -> store.store().put(inserted,
            Compression.gzip("{\"Records\":[{\"eventID\":\"forged\"}]}".getBytes(StandardCharsets.UTF_8), 6), Map.of()));

        assertThat(result.logFilesInvalid()).isEqualTo(1);
        assertThat(output).contains("Log file\t" + uri(inserted) + "\tINVALID: not listed in any digest file");
    }

    @Test
    void aModifiedDigestFailsItsSignature() {
        final String victim = digestKey("2026-11-21T11:00:00Z");
        final ValidationResult result = tamperThenValidate(store -> {
            final StoredObject object = store.store().get(victim).orElseThrow();
            final String json = new String(gunzip(object.body()), StandardCharsets.UTF_8);
            // Drop the log files from the digest, as someone hiding them would.
            final String edited = json.replaceAll("\"logFiles\":\\[.*]", "\"logFiles\":[]");
            store.store().put(victim, Compression.gzip(edited.getBytes(StandardCharsets.UTF_8), 6), object.metadata());
        });

        assertThat(result.digestsInvalid()).isEqualTo(1);
        assertThat(output).contains("Digest file\t" + uri(victim) + "\tINVALID: signature verification failed")
            .contains("11/12 digest files valid, 1/12 digest files INVALID");
    }

    @Test
    void aDeletedDigestIsNotFoundAndTheChainGoesOnBeforeIt() {
        final String victim = digestKey("2026-11-21T12:00:00Z");
        final ValidationResult result = tamperThenValidate(store -> store.store().delete(victim));

        assertThat(result.digestsInvalid()).isEqualTo(1);
        assertThat(output).contains("Digest file\t" + uri(victim) + "\tINVALID: not found")
            .contains("Digest file\t" + uri(digestKey("2026-11-21T11:00:00Z")) + "\tvalid");
    }

    @Test
    void aMovedDigestIsMissingWhereItWasAndMovedWhereItIs() {
        final String victim = digestKey("2026-11-21T12:00:00Z");
        final String moved = victim.replace("T120000Z", "T115959Z");
        final ValidationResult result = tamperThenValidate(store -> {
            final StoredObject object = store.store().get(victim).orElseThrow();
            store.store().put(moved, object.body(), object.metadata());
            store.store().delete(victim);
        });

        assertThat(output).contains("Digest file\t" + uri(victim) + "\tINVALID: not found")
            .contains("Digest file\t" + uri(moved) + "\tINVALID: has been moved from its original location");
        assertThat(result.digestsInvalid()).isEqualTo(2);
    }

    @Test
    void digestsSignedByAnUntrustedKeyAreInvalid() throws Exception {
        final SigningKey other = SigningKey.generateIfMissing(keys.resolve("other.pem"));
        final ValidationResult result = validate(Map.of(other.fingerprint(), other.publicKey()));

        assertThat(result.valid()).isFalse();
        assertThat(output).contains("INVALID: public key not found for fingerprint " + key.fingerprint());
    }

    private static byte[] gunzip(final byte[] body) {
        try {
            return Compression.gunzip(body);
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
