package io.trailwatch.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the trailwatch command in-process and captures what it prints. */
record CommandLineRunner(int exitCode, String out, String err) {

    static CommandLineRunner run(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = Main.commandLine();
        // Calls sign with the integration tests' administrator key, or in unit tests (whose fake servers verify no
        // signature) with a well-formed key of no deployment, unless a test names other credentials.
        final java.nio.file.Path started = TestIdentity.credentialsFileIfStarted();
        final java.nio.file.Path credentials = started != null ? started : UnitTestCredentials.FILE;
        // The tests' broker authenticates nobody.
        commandLine.setDefaultValueProvider(option -> !option.isOption() ? null
            : switch (((CommandLine.Model.OptionSpec) option).longestName()) {
                case "--credentials-file" -> credentials.toString();
                case "--kafka-security-protocol" -> "PLAINTEXT";
                default -> null;
            });
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final int exitCode = commandLine.execute(args);
        return new CommandLineRunner(exitCode, out.toString(), err.toString());
    }

    /** A credentials file with a key that no Trailwatch knows. */
    private static final class UnitTestCredentials {
        static final java.nio.file.Path FILE = write();

        private static java.nio.file.Path write() {
            try {
                final java.nio.file.Path file = java.nio.file.Files.createTempFile("trailwatch-unit", ".credentials");
                java.nio.file.Files.writeString(file, "[trailwatch]\naws_access_key_id = AKIAUNITTESTONLY0000\n"
                    + "aws_secret_access_key = unit/test/secret/of/no/deployment/00000000\n");
                file.toFile().deleteOnExit();
                return file;
            } catch (final java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
