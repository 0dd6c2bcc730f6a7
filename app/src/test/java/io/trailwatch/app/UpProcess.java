package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code trailwatch up} as a user runs it: through the launcher (which sets umask 077 and execs java, so this process
 * is Trailwatch's JVM), on the jar this build made, its console (stdout and stderr) read line by line.
 */
final class UpProcess {

    /**
     * A line a library logger printed on the console: the console names a library's logger in full
     * ({@code org.apache.kafka...}), Trailwatch's own by their class only.
     */
    static final Pattern LIBRARY_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +[A-Z]+ +[a-z][\\w$]*(\\.[\\w$]+)+ - .*");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** Every line the console printed so far, awaited or not. */
    private final StringBuilder transcript = new StringBuilder();
    private final Thread reader;

    private UpProcess(final Process process, final Path console) {
        this.process = process;
        this.reader = new Thread(() -> follow(console), "up-console");
        reader.start();
    }

    /**
     * Reads the console file as {@code tail -f} does, until the process has exited and everything it wrote is read.
     * A file rather than a pipe: when a process exits, the JDK drains and closes its pipe under a concurrent reader,
     * which then loses what the process wrote last (its shutdown hook's lines).
     */
    private void follow(final Path console) {
        // Bytes, not a Reader: a charset decoder that has met the end of the file once does not take more input.
        try (InputStream out = new BufferedInputStream(Files.newInputStream(console))) {
            final ByteArrayOutputStream partial = new ByteArrayOutputStream();
            while (true) {
                final boolean exited = !process.isAlive();
                final int b = out.read();
                if (b < 0) {
                    if (exited) {
                        return;
                    }
                    Thread.sleep(20); // polling the file for more output, as tail -f does
                } else if (b == '\n') {
                    final String line = partial.toString(StandardCharsets.UTF_8);
                    synchronized (transcript) {
                        transcript.append(line).append('\n');
                    }
                    lines.add(line);
                    partial.reset();
                } else {
                    partial.write(b);
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts {@code trailwatch up} with the given arguments. */
    static UpProcess start(final String... arguments) throws IOException {
        return start(List.of(), arguments);
    }

    /**
     * Starts {@code trailwatch up} with the given arguments under a wrapper command (e.g. one that puts it in a
     * cgroup of its own and execs the rest of its arguments), so that the process is still Trailwatch's JVM.
     */
    static UpProcess start(final List<String> wrapper, final String... arguments) throws IOException {
        final Path jar = Path.of("target", "trailwatch-app.jar").toAbsolutePath();
        assertThat(jar).exists();
        final String java = ProcessHandle.current().info().command().orElse("java");
        final List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(Path.of("..", "trailwatch").toAbsolutePath().normalize().toString(), "up"));
        command.addAll(List.of(arguments));
        final Path console = Files.createTempFile("trailwatch-up-console", ".log");
        final ProcessBuilder launcher = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(console.toFile());
        launcher.environment().put("TRAILWATCH_JAR", jar.toString());
        launcher.environment().put("PATH", Path.of(java).getParent() + File.pathSeparator + System.getenv("PATH"));
        return new UpProcess(launcher.start(), console);
    }

    /** Waits for a console line after the last one awaited. */
    String awaitLine(final Predicate<String> wanted, final Duration timeout) throws InterruptedException {
        final Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            final String line = lines.poll(Duration.between(Instant.now(), deadline).toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                break;
            }
            if (wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("no expected line within " + timeout + "; output so far:\n" + transcript());
    }

    /** Waits for the banner's last line: everything started. */
    void awaitUp(final Duration timeout) throws InterruptedException {
        awaitLine(line -> line.startsWith("Watch alarms:"), timeout);
    }

    /** Every line the console printed so far. */
    String transcript() {
        synchronized (transcript) {
            return transcript.toString();
        }
    }

    Process process() {
        return process;
    }

    /**
     * SIGTERM (what Ctrl-C's SIGINT does too), then waits for the process and every child it had to exit.
     *
     * @return how long the stop took
     */
    Duration stop(final Duration timeout) throws Exception {
        final List<ProcessHandle> children = process.descendants().toList();
        final Instant begin = Instant.now();
        process.destroy();
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("trailwatch up exits after SIGTERM")
            .isTrue();
        final Duration took = Duration.between(begin, Instant.now());
        for (final ProcessHandle child : children) {
            // Stopped before Trailwatch exited; init may take a moment to collect what Trailwatch had not.
            assertThat(child.onExit()).as("child process %s left behind: %s", child.pid(), child.info())
                .succeedsWithin(Duration.ofSeconds(2));
        }
        reader.join(10_000);
        return took;
    }

    /** SIGKILL: no shutdown hook runs; the children are left behind, as after a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(10_000);
    }
}
