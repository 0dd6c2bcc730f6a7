package io.trailwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ApiCommandTest {

    @Test
    void everyApiVerbTakesTheEndpointAndCredentialOptions() {
        final List<CommandLine> verbs = new ArrayList<>();
        collect(Main.commandLine(), verbs);
        assertThat(verbs).as("the API verbs").hasSizeGreaterThanOrEqualTo(40);
        assertThat(verbs).allSatisfy(verb -> assertThat(verb.getCommandSpec().findOption("--endpoint-url"))
            .as(verb.getCommandName()).isNotNull());
    }

    @Test
    void aCallNamesTheOperationTheVerbIsNamedAfter() {
        final StringWriter err = new StringWriter();
        final CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        final int exitCode = cli.execute("subscribe", "--topic-arn", "not-an-arn", "--protocol", "https",
            "--notification-endpoint", "https://hooks.example.com/db", "--endpoint-url", "http://127.0.0.1:9");
        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).startsWith("An error occurred (ValidationError) when calling the Subscribe "
            + "operation: ").contains("--topic-arn");
    }

    private static void collect(final CommandLine command, final List<CommandLine> verbs) {
        if (command.getCommand() instanceof ApiCommand) {
            verbs.add(command);
        }
        command.getSubcommands().values().forEach(sub -> collect(sub, verbs));
    }
}
