package io.trailwatch.identity;

import io.trailwatch.schemas.files.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The data directory's identity key: 256 random bits in an owner-only file, from which Trailwatch derives the key
 * that encrypts access-key secrets on the identity topic, the key that signs console sessions and the key with
 * which instances authenticate to each other. Every instance of one deployment must hold the same file; anyone
 * who can read it can read every secret, so it is created 0600 in a 0700 directory and never leaves the machine.
 */
public final class IdentityKey {

    public static final String FILE_NAME = "identity.key";
    private static final int BYTES = 32;

    private final byte[] key;

    private IdentityKey(final byte[] key) {
        this.key = key.clone();
    }

    /** A key held in memory only (tests, benchmarks). */
    public static IdentityKey random() {
        final byte[] bytes = new byte[BYTES];
        new SecureRandom().nextBytes(bytes);
        return new IdentityKey(bytes);
    }

    /** Reads {@code dir/identity.key}, creating it (and dir) owner-only when absent. */
    public static IdentityKey loadOrCreate(final Path dir) {
        final Path file = dir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                createOwnerOnly(dir, file);
            }
            final byte[] decoded = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (decoded.length != BYTES) {
                throw new IllegalStateException(file + " does not hold a " + BYTES + "-byte key");
            }
            return new IdentityKey(decoded);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read or create the identity key " + file, e);
        }
    }

    /**
     * Writes the key to a temporary owner-only file and moves it into place, so that no process ever reads a
     * half-written key; when another process got there first, its key stays and is the one read.
     */
    private static void createOwnerOnly(final Path dir, final Path file) throws IOException {
        Files.createDirectories(dir);
        OwnerOnlyFiles.directory(dir);
        final byte[] bytes = new byte[BYTES];
        new SecureRandom().nextBytes(bytes);
        final Path temporary = Files.createTempFile(dir, FILE_NAME, ".tmp",
            PosixFilePermissions.asFileAttribute(OwnerOnlyFiles.FILE));
        try {
            Files.writeString(temporary, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
            // A hard link appears whole and fails if the name exists: create-if-absent, atomically.
            Files.createLink(file, temporary);
        } catch (final FileAlreadyExistsException raced) {
            // another process created it first: use theirs
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A key for one purpose, so that no two uses share key material. */
    public byte[] derive(final String purpose) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(("trailwatch/" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
