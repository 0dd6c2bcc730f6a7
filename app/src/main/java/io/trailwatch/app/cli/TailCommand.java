package io.trailwatch.app.cli;

import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.app.AlarmChangeFormat;
import io.trailwatch.app.AlarmTail;
import io.trailwatch.avro.AlarmStateChange;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trailwatch tail alarms}. */
@Command(name = "tail", mixinStandardHelpOptions = true, description = "Print records as they arrive.",
    subcommands = TailCommand.Alarms.class)
public final class TailCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name what to tail: alarms");
    }

    /** Output formats of tailed records. */
    public enum Output { text, json }

    @Command(name = "alarms", mixinStandardHelpOptions = true,
        description = "Print alarm state changes from trailwatch.alarms as they arrive (Ctrl-C to stop).")
    static final class Alarms implements Callable<Integer> {

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--from-beginning", description = "Start with the oldest state change instead of new ones.")
        boolean fromBeginning;

        @Option(names = "--output", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
        Output output;

        @Option(names = "--alarm-name", paramLabel = "NAME", split = ",",
            description = "Only these alarms (repeat or separate with commas).")
        java.util.Set<String> alarmNames;

        @Option(names = "--state-value", paramLabel = "STATE",
            description = "Only changes into this state: OK, ALARM or INSUFFICIENT_DATA.")
        io.trailwatch.avro.AlarmStateValue stateValue;

        @Option(names = "--max-records", paramLabel = "N", description = "Stop after N state changes.")
        Integer maxRecords;

        @Option(names = "--timeout-seconds", paramLabel = "S",
            description = "Stop after S seconds (exit code 1 if --max-records was not reached).")
        Integer timeoutSeconds;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            final PrintWriter out = spec.commandLine().getOut();
            final Instant deadline = timeoutSeconds == null ? Instant.MAX : Instant.now().plusSeconds(timeoutSeconds);
            final int limit = maxRecords == null ? Integer.MAX_VALUE : maxRecords;
            final KafkaAccess kafka;
            try {
                kafka = connection.kafka();
            } catch (final IllegalArgumentException noCredentials) {
                spec.commandLine().getErr().println("trailwatch tail alarms: " + noCredentials.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            try (AlarmTail tail = new AlarmTail(kafka, connection.schemaRegistryUrl(), fromBeginning)) {
                final Thread stopper = new Thread(tail::stop, "trailwatch-tail-stop");
                Runtime.getRuntime().addShutdownHook(stopper);
                final int printed = tail.follow(change -> (alarmNames == null || alarmNames.contains(change.getAlarmName()))
                    && (stateValue == null || stateValue == change.getState().getValue()), change -> {
                    out.println(render(change, output));
                    out.flush();
                }, deadline, limit);
                return maxRecords == null || printed >= maxRecords ? CommandLine.ExitCode.OK
                    : CommandLine.ExitCode.SOFTWARE;
            }
        }

        /**
         * One change as printed: CloudWatch's event detail for programs (JSON, which escapes what it carries), or
         * one line for people, whose recorded texts (alarm name, reason, ...) are escaped by
         * {@link AlarmChangeFormat#line}, so that a reason cannot print lines of its own or act on the terminal.
         */
        static String render(final AlarmStateChange change, final Output output) {
            return output == Output.json ? AlarmChangeFormat.json(change) : AlarmChangeFormat.line(change);
        }
    }
}
