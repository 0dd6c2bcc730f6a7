package io.trailwatch.app.stack;

import io.trailwatch.schemas.files.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory of {@code trailwatch up}, owner-only: Kafka's segments, the stream state, the registry's
 * database, the archive's objects and every key are in it. Created 0700; on each start, what an earlier run (an older
 * version, a wider umask, a copy) left readable by the group or others is made owner-only, walking the tree once.
 *
 * <p>What is created afterwards gets the permissions of the process umask: the child processes run under {@code umask
 * 077} (ChildJvm) and the {@code trailwatch} launcher sets it for this JVM, whose embedded broker and stream state
 * Java cannot otherwise restrict; the 0700 directory keeps others out in any case.
 */
public final class DataDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    private static final int OTHERS_READ = 04;

    private DataDirectory() {
    }

    /**
     * Creates the directory 0700, or makes it 0700, and takes the group's and others' permissions away from
     * everything in it ({@code chmod -R go-rwx}).
     *
     * @return how many files and directories had to be changed
     */
    public static int secure(final Path dir) {
        try {
            OwnerOnlyFiles.directory(dir);
        } catch (final UncheckedIOException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            // Another user's directory that this one may write to: usable, but not ours to close.
            LOG.warn("Cannot make {} owner-only ({}): whoever may enter it can read what is in it", dir,
                e.getCause() != null ? e.getCause().toString() : e.toString());
        }
        final int changed = OwnerOnlyFiles.restrictTree(dir);
        if (changed > 0) {
            LOG.info("Made {} files and directories under {} owner-only", changed, dir);
        }
        return changed;
    }

    /** This process's umask, where the system tells it (Linux 4.7 and later). */
    public static OptionalInt umask() {
        return umask(PROC_STATUS);
    }

    static OptionalInt umask(final Path procStatus) {
        try {
            for (final String line : Files.readAllLines(procStatus, StandardCharsets.UTF_8)) {
                if (line.startsWith("Umask:")) {
                    return OptionalInt.of(Integer.parseInt(line.substring("Umask:".length()).strip(), 8));
                }
            }
        } catch (final IOException | RuntimeException unknown) {
            // not Linux, or a kernel that does not say
        }
        return OptionalInt.empty();
    }

    /** A warning when files this JVM creates would be readable by others (a umask without 004), else null. */
    public static String umaskWarning(final Path dir) {
        final OptionalInt umask = umask();
        if (umask.isEmpty() || (umask.getAsInt() & OTHERS_READ) != 0) {
            return null;
        }
        return String.format("the umask is %04o: files this process creates under %s from now on (Kafka's segments, "
            + "the stream state) are readable by others as far as their own permissions go, though the directory "
            + "(0700) keeps others out; start through ./trailwatch, which sets umask 077, or run 'umask 077' first",
            umask.getAsInt(), dir);
    }
}
