package io.trailwatch.stack;

import io.trailwatch.schemas.files.OwnerOnlyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java program run as a child process of this JVM, its output appended to a log file: for servers whose
 * libraries must not share a class path with Trailwatch's (Apicurio's Quarkus, S3Proxy's and Kafka Connect's Jetty).
 * Stopped by {@link #stop()}, or at the latest when this JVM exits (unless its owner stops it in its own order,
 * {@link #withoutShutdownHook()}).
 *
 * <p>Once {@linkplain #supervise supervised}, a child that exits on its own is restarted with exponential backoff
 * (1 s, doubling, at most 30 s; back to 1 s after it ran a minute), each exit reported on the log (the console) and
 * in {@link #status()}; after {@value #REPEATED_FAILURES} quick exits in a row the report carries the last lines of
 * its log, which say why.
 *
 * <p>The child runs in a session of its own ({@code setsid}): Ctrl-C in a terminal signals the whole foreground
 * process group, and the children must stop when their owner stops them, in its order, not all at once. With a
 * {@linkplain #pidFile pid file}, a child left running by an owner that was killed (SIGKILL runs no shutdown hook)
 * is stopped by the next start on the same directory, so it does not hold the port and the files.
 */
final class ChildJvm {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);
    private static final String STACK_PROPERTIES = "/io/trailwatch/stack/stack.properties";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int TAIL_LINES = 40;
    private static final int REPORTED_TAIL_LINES = 15;
    private static final int REPEATED_FAILURES = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A child that ran this long before exiting is restarted after the first backoff again. */
    private static final Duration STABLE = Duration.ofMinutes(1);
    private static final Path SHELL = Path.of("/bin/sh");
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    /** Restarts and readiness waits of every child: a few threads, none keeping the JVM alive. */
    private static final ScheduledExecutorService SUPERVISOR = Executors.newScheduledThreadPool(2, task -> {
        final Thread thread = new Thread(task, "trailwatch-supervisor");
        thread.setDaemon(true);
        return thread;
    });

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private Path directory;
    private Predicate<String> removedEnvironment = variable -> false;
    private Path pidFile;
    private String orphanMarker;
    private boolean ownShutdownHook = true;
    private BooleanSupplier ready;
    private Duration readyTimeout;

    private Process process;
    private Instant startedAt;
    private Thread shutdownHook;
    private ScheduledFuture<?> pendingRestart;
    private int restarts;
    private int quickExits;
    private volatile ChildStatus status;

    ChildJvm(final String name, final List<String> jvmOptions, final List<String> launch, final Path logFile) {
        this.name = name;
        this.logFile = logFile;
        final List<String> java = new ArrayList<>();
        java.add(javaExecutable());
        java.addAll(jvmOptions);
        java.addAll(launch);
        this.command = ownerOnlyUmask(ownSession(java));
        this.status = new ChildStatus(name, ChildStatus.State.STOPPED, -1, Instant.now(), 0, null);
    }

    /** The child's working directory (default: this JVM's). */
    ChildJvm directory(final Path dir) {
        this.directory = dir;
        return this;
    }

    /** Environment variables the child must not inherit (settings the program would read on its own). */
    ChildJvm withoutEnvironment(final Predicate<String> variable) {
        this.removedEnvironment = variable;
        return this;
    }

    /**
     * Records the child's pid in {@code file}; a start finding there a live process whose command line contains
     * {@code marker} (a path only this child's command names) stops it first.
     */
    ChildJvm pidFile(final Path file, final String marker) {
        this.pidFile = file;
        this.orphanMarker = marker;
        return this;
    }

    /** The owner stops the child itself, in its own order; no shutdown hook of the child's. */
    ChildJvm withoutShutdownHook() {
        this.ownShutdownHook = false;
        return this;
    }

    /**
     * Wraps the command so that the child runs in a session (and process group) of its own, where {@code setsid} is
     * there: a terminal's Ctrl-C then reaches this JVM only, which stops its children in order. The child is not a
     * process group leader, so setsid execs in place (same pid). Elsewhere the command unchanged.
     */
    static List<String> ownSession(final List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return List.copyOf(command);
        }
        final List<String> wrapped = new ArrayList<>();
        wrapped.add(SETSID.toString());
        wrapped.addAll(command);
        return List.copyOf(wrapped);
    }

    /**
     * The command run by {@code /bin/sh} under {@code umask 077}, where there is one: what the child creates (Kafka
     * Connect's offsets, S3Proxy's objects, a registry's database) is then readable by its owner only, whatever the
     * umask of this JVM. {@code exec} replaces the shell, so the process is the command itself (same pid, same
     * signals). Elsewhere the command unchanged.
     */
    static List<String> ownerOnlyUmask(final List<String> command) {
        if (!Files.isExecutable(SHELL)) {
            return List.copyOf(command);
        }
        final List<String> wrapped = new ArrayList<>(List.of(SHELL.toString(), "-c", "umask 077 && exec \"$@\"", "sh"));
        wrapped.addAll(command);
        return List.copyOf(wrapped);
    }

    /** A path the stack's build recorded in stack.properties; a system property of the same name overrides it. */
    static Path builtPath(final String property, final String what) {
        final String override = System.getProperty("trailwatch." + property);
        String value = override;
        if (value == null || value.isBlank()) {
            final Properties built = new Properties();
            try (InputStream in = ChildJvm.class.getResourceAsStream(STACK_PROPERTIES)) {
                if (in != null) {
                    built.load(in);
                }
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot read " + STACK_PROPERTIES, e);
            }
            value = built.getProperty(property);
        }
        if (value == null || value.isBlank() || value.contains("${") || !Files.exists(Path.of(value))) {
            throw new IllegalStateException(what + " not found at '" + value + "': build the stack module "
                + "(mvn -pl stack -am package) or set system property trailwatch." + property);
        }
        return Path.of(value);
    }

    synchronized void start() {
        try {
            final Path logDir = logFile.toAbsolutePath().getParent();
            if (!Files.isDirectory(logDir)) {
                OwnerOnlyFiles.directory(logDir);
            }
            OwnerOnlyFiles.file(logFile);
            if (pidFile != null) {
                Orphans.stop(name, pidFile, orphanMarker);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        launch();
        if (shutdownHook == null && ownShutdownHook) {
            shutdownHook = new Thread(this::stop, name + "-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    private void launch() {
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().keySet().removeIf(removedEnvironment);
        try {
            Files.writeString(logFile, "---- " + Instant.now() + " starting " + name + ": " + String.join(" ", command)
                + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = builder.start();
            if (pidFile != null) {
                OwnerOnlyFiles.write(pidFile, process.pid() + "\n");
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        startedAt = Instant.now();
        status = new ChildStatus(name, ChildStatus.State.RUNNING, process.pid(), startedAt, restarts,
            status.problem());
        final Process watched = process;
        watched.onExit().thenAccept(this::exited);
    }

    /**
     * From now on, restarts the child when it exits on its own, and reports it back once {@code ready} holds again
     * (checked every 100 ms for at most {@code timeout}).
     */
    synchronized void supervise(final BooleanSupplier readiness, final Duration timeout) {
        this.ready = readiness;
        this.readyTimeout = timeout;
        if (process != null && !process.isAlive()) {
            // Exited before supervision began: its exit was not acted on.
            exited(process);
        }
    }

    private synchronized void exited(final Process exited) {
        if (exited != process || ready == null || shuttingDown()) {
            return; // stopped on purpose, replaced already, not supervised, or the JVM is exiting
        }
        process = null;
        final Instant now = Instant.now();
        quickExits = Duration.between(startedAt, now).compareTo(STABLE) < 0 ? quickExits + 1 : 1;
        final long factor = 1L << Math.min(quickExits - 1, 5);
        final Duration backoff = FIRST_BACKOFF.multipliedBy(factor).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
            : FIRST_BACKOFF.multipliedBy(factor);
        restarts++;
        String report = name + " (pid " + exited.pid() + ") exited with code " + exited.exitValue() + "; restarting it in "
            + backoff.toSeconds() + " s (restart " + restarts + ")";
        if (quickExits >= REPEATED_FAILURES) {
            report += "; it failed " + quickExits + " times in a row, last lines of " + logFile + ":\n"
                + logTail(REPORTED_TAIL_LINES);
            LOG.error(report);
        } else {
            LOG.warn(report);
        }
        status = new ChildStatus(name, ChildStatus.State.RESTARTING, -1, now, restarts, report);
        pendingRestart = SUPERVISOR.schedule(this::restart, backoff.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart() {
        final long pid;
        final Instant begin = Instant.now();
        synchronized (this) {
            pendingRestart = null;
            if (ready == null || process != null || shuttingDown()) {
                return;
            }
            try {
                launch();
            } catch (final RuntimeException e) {
                LOG.error("{} could not be restarted: {}", name, e.getMessage());
                status = new ChildStatus(name, ChildStatus.State.RESTARTING, -1, Instant.now(), restarts,
                    name + " could not be restarted: " + e.getMessage());
                pendingRestart = SUPERVISOR.schedule(this::restart, MAX_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            pid = process.pid();
        }
        try {
            awaitReady(ready, readyTimeout);
            LOG.info("{} is back (pid {}), ready {} ms after its restart", name, pid,
                Duration.between(begin, Instant.now()).toMillis());
        } catch (final IllegalStateException exitedOrStopped) {
            // Exited again (the supervisor acts on it), stopped, or slow: its status and the health report say so.
            LOG.debug("{} after its restart: {}", name, exitedOrStopped.getMessage());
        }
    }

    /**
     * Waits until {@code ready} holds, checking every 100 ms.
     *
     * @throws IllegalStateException when the child exits or the timeout passes first, with its log's last lines
     */
    void awaitReady(final BooleanSupplier readiness, final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (readiness.getAsBoolean()) {
                return;
            }
            final Process child;
            synchronized (this) {
                child = process;
            }
            if (child == null) {
                throw new IllegalStateException(name + " was stopped while starting");
            }
            try {
                if (child.waitFor(100, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(name + " exited with code " + child.exitValue()
                        + " while starting; last lines of " + logFile + ":\n" + logTail());
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " not ready within " + timeout.toSeconds() + " s; last lines of "
            + logFile + ":\n" + logTail());
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** What the supervisor knows of the child. */
    ChildStatus status() {
        return status;
    }

    /** SIGKILL, as a crash: no shutdown hook, no flush, no commit; not restarted. */
    synchronized void kill() {
        if (process != null) {
            final Process child = process;
            process = null;
            child.destroyForcibly();
            waitQuietly(child);
            stopped();
        }
    }

    /** SIGTERM, then SIGKILL if the child does not exit within 10 s; not restarted. */
    synchronized void stop() {
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
        if (process == null) {
            return;
        }
        final Process child = process;
        process = null;
        child.destroy();
        try {
            if (!child.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} (pid {}) did not stop within {} s; killing it", name, child.pid(), STOP_TIMEOUT.toSeconds());
                child.destroyForcibly();
                waitQuietly(child);
            }
        } catch (final InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        stopped();
    }

    private void stopped() {
        status = new ChildStatus(name, ChildStatus.State.STOPPED, -1, Instant.now(), restarts, status.problem());
        if (pidFile != null) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (final IOException e) {
                LOG.debug("Cannot delete {}", pidFile, e);
            }
        }
    }

    /** Stops the child and forgets the shutdown hook. */
    synchronized void close() {
        ready = null;
        stop();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (final IllegalStateException shuttingDown) {
                // The hook runs stop() itself.
            }
            shutdownHook = null;
        }
    }

    String logTail() {
        return logTail(TAIL_LINES);
    }

    private String logTail(final int count) {
        try {
            final List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (final IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /** Whether this JVM is running its shutdown hooks: an exit then is the stop, not a crash to restart from. */
    private static boolean shuttingDown() {
        final Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (final IllegalStateException e) {
            return true;
        }
    }

    private static void waitQuietly(final Process child) {
        try {
            child.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String javaExecutable() {
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }
}
