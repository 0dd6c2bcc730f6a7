package io.trailwatch.app.cli;

import io.trailwatch.app.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch config describe}: every setting, its value and where the value came from. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Trailwatch's settings.",
    subcommands = ConfigCommand.Describe.class)
public final class ConfigCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Lists the settings as {@code trailwatch up} with the same file, environment and --set would use them. */
    @Command(name = "describe", mixinStandardHelpOptions = true, description = {"List every setting with its "
        + "current value and its source (flag, environment, file, default); secrets are masked.",
        "Environment variables: TRAILWATCH_ and the name without 'trailwatch.', upper case, '.' and '-' as '_' "
            + "(trailwatch.aggregation.grace.ms: TRAILWATCH_AGGREGATION_GRACE_MS; kafka.security.protocol: "
            + "TRAILWATCH_KAFKA_SECURITY_PROTOCOL)."})
    public static final class Describe implements Callable<Integer> {

        @Option(names = "--config", paramLabel = "FILE", description = "The config file (its settings: section).")
        Path config;

        @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A setting, as up's --set. Repeatable.")
        List<String> sets;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (config != null && !Files.isRegularFile(config)) {
                spec.commandLine().getErr().println("trailwatch config describe: no such file: " + config);
                return CommandLine.ExitCode.USAGE;
            }
            try {
                UpCommand.settings(config, sets).describe().forEach(spec.commandLine().getOut()::println);
                spec.commandLine().getOut().flush();
                return CommandLine.ExitCode.OK;
            } catch (final ConfigException e) {
                spec.commandLine().getErr().println("trailwatch config describe: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
        }
    }
}
