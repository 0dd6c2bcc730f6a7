package io.trailwatch.schemas.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Directories only their owner may enter, created 0700 from the start (parents included), and trees whose group and
 * other permissions are taken away ({@code chmod -R go-rwx}): a data directory and all that is in it. Single files
 * holding secrets are written owner-only from their first byte ({@link #write}). On a file system without POSIX
 * permissions, directories and files are only created. The one place Trailwatch makes files private: the data
 * directory, the identity key, credentials files, connector secrets.
 */
public final class OwnerOnlyFiles {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFiles.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnlyFiles() {
    }

    /** Creates the directory (and missing parents) 0700, or makes an existing one 0700. */
    public static Path directory(final Path dir) {
        try {
            if (POSIX) {
                Files.createDirectories(dir, attribute(DIRECTORY));
                Files.setPosixFilePermissions(dir, DIRECTORY);
            } else {
                Files.createDirectories(dir);
            }
            return dir;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create owner-only directory " + dir, e);
        }
    }

    /**
     * Takes the group's and others' permissions away from the directory and everything under it, walking it once
     * ({@code chmod -R go-rwx}); symbolic links are neither followed nor changed. What cannot be changed (another
     * user's file) is logged and skipped.
     *
     * @return how many files and directories were changed
     */
    public static int restrictTree(final Path root) {
        if (!POSIX || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        final int[] changed = {0};
        try {
            // A data directory named through a symbolic link: what it points to.
            Files.walkFileTree(root.toRealPath(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(final Path dir, final BasicFileAttributes attrs) {
                    // Before its content: a directory others may enter no longer exposes what is being fixed in it.
                    changed[0] += restrict(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) {
                    if (!attrs.isSymbolicLink()) {
                        changed[0] += restrict(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(final Path file, final IOException e) {
                    // Vanished meanwhile (a segment deleted, a temporary file moved) or unreadable: nothing to do.
                    LOG.debug("Cannot restrict {}: {}", file, e.toString());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot walk " + root, e);
        }
        return changed[0];
    }

    /** The files and directories under the root, the root included, that others may read: {@code find root -perm /o+r}. */
    public static List<Path> readableByOthers(final Path root) {
        if (!POSIX) {
            return List.of();
        }
        try (var paths = Files.walk(root)) {
            return paths.filter(path -> !Files.isSymbolicLink(path)).filter(path -> {
                try {
                    return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)
                        .contains(PosixFilePermission.OTHERS_READ);
                } catch (final IOException vanished) {
                    return false;
                }
            }).toList();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot walk " + root, e);
        } catch (final UncheckedIOException vanishedWhileWalking) {
            // A segment or a temporary file deleted under a running Kafka or S3 while walking: walk again.
            return readableByOthers(root);
        }
    }

    private static int restrict(final Path path) {
        try {
            final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (permissions.stream().noneMatch(GROUP_AND_OTHERS::contains)) {
                return 0;
            }
            final Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
            owner.addAll(permissions);
            owner.removeAll(GROUP_AND_OTHERS);
            Files.setPosixFilePermissions(path, owner);
            return 1;
        } catch (final java.nio.file.NoSuchFileException vanished) {
            return 0;
        } catch (final IOException e) {
            LOG.warn("Cannot make {} owner-only: {}", path, e.toString());
            return 0;
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(final Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    /**
     * Writes {@code text} to {@code file}, owner-only from the first byte: to a new owner-only file beside it, then
     * moved over the old one, so that no reader sees a half-written file nor, for a moment, a readable one.
     */
    public static Path write(final Path file, final String text) {
        final Path dir = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            Files.createDirectories(dir);
            temporary = POSIX
                ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(FILE))
                : Files.createTempFile(dir, "." + file.getFileName(), ".tmp", new FileAttribute<?>[0]);
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (final IOException ignored) {
                    // moved already, or nothing more to do
                }
            }
        }
    }

    /** Creates an empty owner-only file when missing, and makes an existing one owner-only (e.g. a log). */
    public static Path file(final Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                if (POSIX) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
                } else {
                    Files.createFile(file);
                }
            }
            if (POSIX) {
                Files.setPosixFilePermissions(file, FILE);
            }
            return file;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }
}
