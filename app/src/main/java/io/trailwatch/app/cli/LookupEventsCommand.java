package io.trailwatch.app.cli;

import io.trailwatch.processors.history.LookupAttribute;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch lookup-events}: the AWS CLI's {@code aws cloudtrail lookup-events}, against Trailwatch's API. */
@Command(name = "lookup-events", mixinStandardHelpOptions = true,
    description = {"Look up events in the event history (CloudTrail LookupEvents), newest first, through a running "
        + "Trailwatch's HTTP API (GET /v1/events).",
        "Lookup attributes: EventId, EventName, ReadOnly, Username, ResourceType, ResourceName, EventSource, "
            + "AccessKeyId, and Trailwatch's SourceIPAddress, ErrorCode, AccountId, AwsRegion. Unlike CloudTrail, any "
            + "number of them may be combined; all must hold.",
        "Prints one page; when there are more, the answer has a NextToken to pass with --next-token. Invalid "
            + "parameters: message and exit code 2."})
public final class LookupEventsCommand extends ApiCommand {

    /** The API's parameter names as this command's options, for error messages. */
    private static final Map<String, String> OPTION_OF = optionOfField();

    /** Output formats, named as the AWS CLI's. */
    public enum Output { json, table }

    @Option(names = "--lookup-attributes", arity = "1..*", paramLabel = "AttributeKey=KEY,AttributeValue=VALUE",
        description = "Events having this attribute value (repeat, or list several, to require all; JSON as the AWS "
            + "CLI takes it works too).")
    List<String> lookupAttributes = new ArrayList<>();

    @Option(names = "--start-time", paramLabel = "TIME",
        description = "Events at or after this time: ISO 8601 (2026-11-21T10:00:00Z) or epoch seconds.")
    String startTime;

    @Option(names = "--end-time", paramLabel = "TIME", description = "Events at or before this time.")
    String endTime;

    @Option(names = "--max-results", paramLabel = "N", description = "Events per page: 1 to 50 (default 50).")
    Integer maxResults;

    @Option(names = "--next-token", paramLabel = "TOKEN", description = "Continue after the page that returned it.")
    String nextToken;

    @Option(names = "--output", defaultValue = "json", paramLabel = "FORMAT",
        description = "json or table (default: ${DEFAULT-VALUE}).")
    Output output;

    @Override
    public Integer call() {
        final ApiCall api = api("LookupEvents", OPTION_OF);
        final Map<String, List<String>> query = new LinkedHashMap<>();
        try {
            for (final Map.Entry<String, String> attribute : LookupAttributes.parse(lookupAttributes)) {
                if (LookupAttribute.byKey(attribute.getKey()).isEmpty()) {
                    return api.invalid("--lookup-attributes: unknown AttributeKey '" + attribute.getKey()
                        + "'; one of " + String.join(", ", LookupAttribute.keys()));
                }
                query.computeIfAbsent(attribute.getKey(), key -> new ArrayList<>()).add(attribute.getValue());
            }
        } catch (final IllegalArgumentException e) {
            return api.invalid("--lookup-attributes: " + e.getMessage());
        }
        query.put("startTime", ApiCall.one(startTime));
        query.put("endTime", ApiCall.one(endTime));
        query.put("maxResults", ApiCall.one(maxResults == null ? null : maxResults.toString()));
        query.put("nextToken", ApiCall.one(nextToken));
        final ApiCall.Answer answer = api.get(ApiCall.path("/v1/events", query));
        if (!answer.ok() || output == Output.json) {
            return api.print(answer);
        }
        final PrintWriter out = spec.commandLine().getOut();
        EventsTable.print(answer.body(), out);
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    private static Map<String, String> optionOfField() {
        final Map<String, String> options = new HashMap<>(Map.of("startTime", "--start-time", "endTime", "--end-time",
            "maxResults", "--max-results", "nextToken", "--next-token"));
        LookupAttribute.keys().forEach(key -> options.put(key, "--lookup-attributes " + key));
        return options;
    }
}
