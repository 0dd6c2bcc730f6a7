package io.trailwatch.app.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The dashboard commands, as the AWS CLI's {@code aws cloudwatch put-dashboard} and its siblings. */
public final class DashboardCommands {

    private static final String PATH = "/v1/dashboards";

    private DashboardCommands() {
    }

    /** {@code trailwatch put-dashboard}. */
    @Command(name = "put-dashboard", mixinStandardHelpOptions = true, description = {"Create or replace a dashboard "
        + "from its body: CloudWatch's dashboard body JSON (widgets of type metric, text, alarm and log on a "
        + "24-column grid). A body CloudWatch would refuse is refused with every problem named.",
        "Example: --dashboard-name ops --dashboard-body file://dashboard.json"})
    public static final class Put extends DefinitionCommand {

        @Option(names = "--dashboard-name", required = true, paramLabel = "NAME",
            description = "Letters, digits, - and _; at most 255.")
        String name;

        @Option(names = "--dashboard-body", required = true, paramLabel = "JSON|file://PATH",
            description = "The dashboard body, or file://PATH to read it from.")
        String body;

        @Override
        public Integer call() {
            final String text;
            try {
                text = FileArgument.read("--dashboard-body", body);
            } catch (final FileArgument.Unreadable e) {
                spec.commandLine().getErr().println("trailwatch put-dashboard: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            return put(PATH + "/" + ApiCall.segment(name), JSON.createObjectNode().put("DashboardBody", text), true);
        }
    }

    /** {@code trailwatch get-dashboard}. */
    @Command(name = "get-dashboard", mixinStandardHelpOptions = true,
        description = "Print a dashboard: its ARN, name and body; exit code 2 when there is none of that name.")
    public static final class Get extends DefinitionCommand {

        @Option(names = "--dashboard-name", required = true, paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            return get(PATH + "/" + ApiCall.segment(name));
        }
    }

    /** {@code trailwatch list-dashboards}. */
    @Command(name = "list-dashboards", mixinStandardHelpOptions = true,
        description = "List the dashboards (name, ARN, last modified, size), by name.")
    public static final class ListAll extends DefinitionCommand {

        @Option(names = "--dashboard-name-prefix", paramLabel = "PREFIX",
            description = "Only the dashboards whose names start with this.")
        String prefix;

        @Option(names = "--next-token", paramLabel = "TOKEN", description = "The NextToken of the previous page.")
        String nextToken;

        @Override
        public Integer call() {
            return get(ApiCall.path(PATH, Map.of("dashboardNamePrefix", nullable(prefix),
                "nextToken", nullable(nextToken))));
        }

        private static List<String> nullable(final String value) {
            return value == null ? List.of() : List.of(value);
        }
    }

    /** {@code trailwatch delete-dashboards}. */
    @Command(name = "delete-dashboards", mixinStandardHelpOptions = true,
        description = "Delete dashboards; stops with exit code 2 at the first that does not exist.")
    public static final class Delete extends DefinitionCommand {

        @Option(names = "--dashboard-names", required = true, arity = "1..*", paramLabel = "NAME")
        List<String> names;

        @Override
        public Integer call() {
            for (final String name : names) {
                final int exitCode = delete(PATH + "/" + ApiCall.segment(name));
                if (exitCode != CommandLine.ExitCode.OK) {
                    return exitCode;
                }
            }
            return CommandLine.ExitCode.OK;
        }
    }
}
