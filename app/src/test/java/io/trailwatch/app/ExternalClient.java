package io.trailwatch.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real non-Java client run as a process (kcat, Debian's Python): what it printed (stdout and stderr together) and
 * how it exited. Output goes through a file, so a chatty client never blocks on a full pipe.
 */
record ExternalClient(int exitCode, String output) {

    /**
     * Runs the command to its end, or kills it after the timeout (then an AssertionError with what it printed).
     *
     * @param environment added to this JVM's environment (secrets go here, not on the command line)
     * @param stdin       text fed to its standard input, or null for none
     */
    static ExternalClient run(final Duration timeout, final Map<String, String> environment, final String stdin,
                              final List<String> command) throws IOException, InterruptedException {
        final Path output = Files.createTempFile("external-client", ".out");
        final Path input = Files.createTempFile("external-client", ".in");
        try {
            Files.writeString(input, stdin == null ? "" : stdin, StandardCharsets.UTF_8);
            final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(input.toFile());
            builder.environment().putAll(environment);
            final Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command.get(0) + " did not finish within " + timeout + ": "
                    + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new ExternalClient(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(input);
        }
    }
}
