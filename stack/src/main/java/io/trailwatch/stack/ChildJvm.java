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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java program run as a child process of this JVM, its output appended to a log file: for servers whose
 * libraries must not share a class path with Trailwatch's (S3Proxy's and Kafka Connect's Jetty, Javalin's).
 * Stopped by {@link #stop()}, or at the latest when this JVM exits.
 */
final class ChildJvm {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);
    private static final String STACK_PROPERTIES = "/io/trailwatch/stack/stack.properties";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final int TAIL_LINES = 40;
    private static final Path SHELL = Path.of("/bin/sh");

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private Process process;
    private Thread shutdownHook;

    ChildJvm(final String name, final List<String> jvmOptions, final List<String> launch, final Path logFile) {
        this.name = name;
        this.logFile = logFile;
        final List<String> java = new ArrayList<>();
        java.add(javaExecutable());
        java.addAll(jvmOptions);
        java.addAll(launch);
        this.command = ownerOnlyUmask(java);
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
            Files.writeString(logFile, "---- starting " + name + ": " + String.join(" ", command) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::stop, name + "-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /**
     * Waits until {@code ready} holds, checking every 100 ms.
     *
     * @throws IllegalStateException when the child exits or the timeout passes first, with its log's last lines
     */
    void awaitReady(final BooleanSupplier ready, final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready.getAsBoolean()) {
                return;
            }
            final Process child = process;
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

    /** SIGKILL, as a crash: no shutdown hook, no flush, no commit. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitQuietly(process);
            process = null;
        }
    }

    /** SIGTERM, then SIGKILL if the child does not exit within 20 s. */
    synchronized void stop() {
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
    }

    /** Stops the child and forgets the shutdown hook. */
    synchronized void close() {
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
        try {
            final List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (final IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    private static void waitQuietly(final Process child) {
        try {
            child.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaExecutable() {
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }
}
