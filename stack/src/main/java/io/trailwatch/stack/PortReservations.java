package io.trailwatch.stack;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

/**
 * Ports handed out recently by any process of this user on this machine, one empty file per port in a directory
 * only the user can read: creating the file is the reservation (atomic across processes), and a reservation older
 * than its hold may be taken again. Best effort: where the directory cannot be used, every port counts as free to
 * reserve, and the caller's bind check and retries remain the guard.
 */
final class PortReservations {

    private final Path directory;
    private final Duration hold;

    PortReservations(final Path directory, final Duration hold) {
        this.directory = directory;
        this.hold = hold;
    }

    /** Whether this call reserved the port: nobody reserved it within the hold. */
    boolean reserve(final int port) {
        final Path marker = directory.resolve(Integer.toString(port));
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            }
            try {
                Files.createFile(marker);
                return true;
            } catch (final FileAlreadyExistsException reserved) {
                final FileTime at = Files.getLastModifiedTime(marker);
                if (at.toInstant().isAfter(Instant.now().minus(hold))) {
                    return false;
                }
                // Expired: whoever deletes it and then creates it first holds it.
                Files.deleteIfExists(marker);
                Files.createFile(marker);
                return true;
            }
        } catch (final FileAlreadyExistsException lostTheRace) {
            return false;
        } catch (final IOException | UnsupportedOperationException unusable) {
            return true;
        }
    }
}
