package io.trailwatch.identity;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files that hold secrets: created with owner-only permissions from the start, never widened afterwards. */
public final class OwnerOnly {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {
    }

    /** Creates the file with the permissions atomically, so that it is never readable by others, even briefly. */
    public static void createFile(final Path file, final Set<PosixFilePermission> permissions) throws IOException {
        if (POSIX) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(permissions));
            Files.setPosixFilePermissions(file, permissions);
        } else {
            Files.createFile(file);
        }
    }

    static void restrict(final Path path, final Set<PosixFilePermission> permissions) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    /** Writes text to a new owner-only (0600) file, replacing an existing one. */
    public static void writeString(final Path file, final String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        createFile(temporary, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(temporary, text);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
