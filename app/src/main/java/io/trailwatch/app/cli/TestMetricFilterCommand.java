package io.trailwatch.app.cli;

import io.trailwatch.schemas.text.Printable;
import io.trailwatch.app.definitions.MetricFilterJson;
import io.trailwatch.processors.filter.MetricFilterTester;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trailwatch test-metric-filter}, as {@code aws logs test-metric-filter}. It runs here, on the same pattern
 * engine as the processors, so it needs no running Trailwatch ({@code POST /v1/metric-filters/test} is the same over
 * HTTP).
 */
@Command(name = "test-metric-filter", mixinStandardHelpOptions = true,
    description = {"Show which sample messages a filter pattern matches and what it extracts, as JSON: "
        + "{\"matches\": [{\"eventNumber\", \"eventMessage\", \"extractedValues\"}]} (eventNumber counts from 1). "
        + "Runs locally; no running Trailwatch needed.",
        "Example: trailwatch test-metric-filter --filter-pattern '[ip, user, username, timestamp, request, "
            + "status_code = 4*, bytes]' --log-event-messages '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "
            + "\"GET /index.html HTTP/1.0\" 404 1534'"})
public final class TestMetricFilterCommand implements Callable<Integer> {

    @Option(names = "--filter-pattern", required = true, paramLabel = "PATTERN", description = "The pattern to test.")
    String filterPattern;

    @Option(names = "--log-event-messages", required = true, arity = "1..*", paramLabel = "MESSAGE",
        description = "1 to 50 messages to test the pattern against.")
    List<String> logEventMessages;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            spec.commandLine().getOut().println(MetricFilterJson.testResult(
                MetricFilterTester.test(filterPattern, logEventMessages)).toPrettyString());
            return CommandLine.ExitCode.OK;
        } catch (final InvalidRecordException e) {
            spec.commandLine().getErr().println("trailwatch test-metric-filter: " + Printable.escape(e.getMessage()));
            return CommandLine.ExitCode.USAGE;
        }
    }
}
