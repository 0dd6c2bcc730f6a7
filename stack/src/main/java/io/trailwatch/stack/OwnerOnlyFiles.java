package io.trailwatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
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
 * holding secrets are written by {@link PrivateFiles}. On a file system without POSIX permissions, directories are
 * only created.
 */
public final class OwnerOnlyFiles {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFiles.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
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
}
