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
        // Calls sign with the tests' administrator key unless a test names other credentials.
        final java.nio.file.Path credentials = TestIdentity.credentialsFileIfStarted();
        commandLine.setDefaultValueProvider(option -> credentials != null && option.isOption()
            && "--credentials-file".equals(((CommandLine.Model.OptionSpec) option).longestName())
            ? credentials.toString() : null);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final int exitCode = commandLine.execute(args);
        return new CommandLineRunner(exitCode, out.toString(), err.toString());
    }
}
