package io.trailwatch.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Child processes left running by an owner that was killed (SIGKILL runs no shutdown hook), found by the pid file
 * the owner kept: they would hold the ports and the files the next start on the same directory needs.
 */
final class Orphans {

    private static final Logger LOG = LoggerFactory.getLogger(Orphans.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private Orphans() {
    }

    /**
     * Stops the process the pid file names, if it still runs and its command line names {@code marker} (a path only
     * that child's command holds: the pid may have been reused by an unrelated process since), and deletes the
     * file. Owners call it before they check that their port is free: the orphan holds it.
     */
    static void stop(final String name, final Path pidFile, final String marker) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        final String recorded = Files.readString(pidFile, StandardCharsets.UTF_8).trim();
        Files.delete(pidFile);
        final long pid;
        try {
            pid = Long.parseLong(recorded);
        } catch (final NumberFormatException e) {
            return;
        }
        ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .filter(handle -> commandLine(handle).contains(marker))
            .ifPresent(orphan -> {
                LOG.warn("Stopping {} (pid {}) left running by an earlier Trailwatch", name, pid);
                orphan.destroy();
                try {
                    orphan.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (final TimeoutException | ExecutionException e) {
                    orphan.destroyForcibly();
                    orphan.onExit().join();
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
    }

    /**
     * The process's whole command line: from {@code /proc} on Linux, where {@link ProcessHandle.Info} reads only its
     * first page (a child's class path is longer), else as ProcessHandle tells it.
     */
    private static String commandLine(final ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline")),
                StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (final IOException | UnsupportedOperationException noProc) {
            return process.info().commandLine().orElse("");
        }
    }
}
