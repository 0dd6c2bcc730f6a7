package io.trailwatch.processors.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.testkit.TestInfrastructure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The processors in a JVM of their own ({@link ProcessorsMain}) on the test infrastructure, so that a test can kill
 * them (SIGKILL: no close, no commit, no flush) as a crash would. Closing kills it too, if the test did not.
 */
public final class ProcessorsProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ProcessorsProcess(final Process process, final Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the processors with these settings (besides the infrastructure's addresses) and waits until they run.
     */
    public static ProcessorsProcess start(final TestInfrastructure infrastructure, final Map<String, String> settings)
        throws IOException {
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
            System.getProperty("java.class.path"), ProcessorsMain.class.getName(),
            ProcessorsConfig.BOOTSTRAP_SERVERS + "=" + infrastructure.bootstrapServers(),
            ProcessorsConfig.SCHEMA_REGISTRY_URL + "=" + infrastructure.registryUrl()));
        settings.forEach((key, value) -> command.add(key + "=" + value));
        final Path log = Files.createTempFile("processors-process", ".log");
        final ProcessorsProcess started = new ProcessorsProcess(
            new ProcessBuilder(command).redirectErrorStream(true).start(), log);
        started.awaitRunning();
        return started;
    }

    /** Kills the JVM (SIGKILL) and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void awaitRunning() {
        final CompletableFuture<Boolean> running = new CompletableFuture<>();
        // Copies the child's output to its log (so it never blocks on a full pipe) and notices when it runs.
        final Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.APPEND);
                    if (line.contains(ProcessorsMain.RUNNING)) {
                        running.complete(true);
                    }
                }
            } catch (final IOException e) {
                running.completeExceptionally(e);
            }
            running.complete(false);
        }, "processors-output");
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(running.get(180, TimeUnit.SECONDS)).as("processors started, log " + log).isTrue();
        } catch (final Exception e) {
            process.destroyForcibly();
            throw new AssertionError("processors did not start, log " + log, e);
        }
    }
}
