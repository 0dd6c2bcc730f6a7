package io.trailwatch.app.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trailwatch logs}: reading the kept log events as {@code aws logs} does, from a running Trailwatch (its
 * {@code /v1/log-events} routes). Times are epoch milliseconds, as {@code aws logs} takes them.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = "Read kept log events, as aws logs does.",
    subcommands = {LogsCommand.GetLogEvents.class, LogsCommand.FilterLogEvents.class, LogsCommand.Tail.class,
        LogsQueryCommands.StartQuery.class, LogsQueryCommands.GetQueryResults.class,
        LogsQueryCommands.StopQuery.class, LogsCommand.PutSubscriptionFilter.class, LogsCommand.DescribeSubscriptionFilters.class,
        LogsCommand.DeleteSubscriptionFilter.class})
public final class LogsCommand {

    private static final String EVENTS = "/v1/log-events";
    private static final String FILTER = EVENTS + "/filter";
    private static final String SUBSCRIPTION_FILTERS = "/v1/subscription-filters";

    /** Options of both reads. */
    static class Range {
        @Option(names = "--start-time", description = "Epoch milliseconds, included.")
        Long startTime;

        @Option(names = "--end-time", description = "Epoch milliseconds, excluded.")
        Long endTime;

        @Option(names = "--limit", description = "At most this many events (1 to 10,000).")
        Integer limit;

        @Option(names = "--next-token", description = "Where the previous page ended.")
        String nextToken;

        void addTo(final Map<String, List<String>> params) {
            put(params, "startTime", startTime);
            put(params, "endTime", endTime);
            put(params, "limit", limit);
            put(params, "nextToken", nextToken);
        }
    }

    /** {@code trailwatch logs get-log-events}. */
    @Command(name = "get-log-events", mixinStandardHelpOptions = true,
        description = "One stream's events, paged forward or backward (GetLogEvents).")
    static final class GetLogEvents extends ApiCommand {
        @Mixin
        Group group;

        @Option(names = "--log-stream-name", required = true, description = "The log stream.")
        String logStreamName;

        @Option(names = "--start-from-head", description = "Oldest events first (default: the latest).")
        boolean startFromHead;

        @Mixin
        Range range;

        @Override
        public Integer call() {
            final Map<String, List<String>> params = group.params();
            params.put("logStreamName", List.of(logStreamName));
            if (startFromHead) {
                params.put("startFromHead", List.of("true"));
            }
            range.addTo(params);
            final ApiCall api = api("GetLogEvents");
            return api.print(api.get(ApiCall.path(EVENTS, params)));
        }
    }

    /** The log group a command reads: by name, or by name or ARN. */
    static class Group {
        @Option(names = "--log-group-name", description = "The log group.")
        String logGroupName;

        @Option(names = "--log-group-identifier", description = "The log group's name or ARN.")
        String logGroupIdentifier;

        Map<String, List<String>> params() {
            return group(logGroupName, logGroupIdentifier);
        }
    }

    /** Options that select a group's streams and events. */
    static class Selection extends Group {
        @Option(names = "--log-stream-names", arity = "1..*", description = "Only these streams (at most 100).")
        List<String> logStreamNames;

        @Option(names = "--log-stream-name-prefix", description = "Only streams whose names start so.")
        String logStreamNamePrefix;

        @Option(names = "--filter-pattern", description = "A filter pattern, as metric filters take.")
        String filterPattern;

        @Override
        Map<String, List<String>> params() {
            final Map<String, List<String>> params = super.params();
            if (logStreamNames != null) {
                params.put("logStreamNames", logStreamNames);
            }
            put(params, "logStreamNamePrefix", logStreamNamePrefix);
            put(params, "filterPattern", filterPattern);
            return params;
        }
    }

    /** {@code trailwatch logs filter-log-events}. */
    @Command(name = "filter-log-events", mixinStandardHelpOptions = true,
        description = "A group's events that match a filter pattern, in time order (FilterLogEvents).")
    static final class FilterLogEvents extends ApiCommand {
        @Mixin
        Selection selection;

        @Mixin
        Range range;

        @Override
        public Integer call() {
            final Map<String, List<String>> params = selection.params();
            range.addTo(params);
            final ApiCall api = api("FilterLogEvents");
            return api.print(api.get(ApiCall.path(FILTER, params)));
        }
    }

    /**
     * {@code trailwatch logs tail GROUP}: as {@code aws logs tail}, the group's events since a time, one line each
     * ({@code <time> <stream> <message>}); with {@code --follow}, then each new one as it is published (the live
     * tail's server-sent events, {@code GET /v1/log-groups/{group}/tail}), until stopped.
     */
    @Command(name = "tail", mixinStandardHelpOptions = true,
        description = "A log group's latest events, and with --follow every new one (aws logs tail).")
    static final class Tail extends ApiCommand {
        private static final Pattern SINCE = Pattern.compile("(\\d+)([smhdw])");

        @Parameters(index = "0", paramLabel = "GROUP", description = "The log group's name or ARN.")
        String group;

        @Option(names = "--follow", description = "Keep printing new events until stopped (Ctrl-C).")
        boolean follow;

        @Option(names = "--filter-pattern", description = "Only events that match this filter pattern.")
        String filterPattern;

        @Option(names = "--log-stream-name-prefix", description = "Only streams whose names start so.")
        String logStreamNamePrefix;

        @Option(names = "--since", defaultValue = "10m",
            description = "How far back to start: 30s, 10m, 2h, 1d, 1w or an ISO 8601 time (default 10m).")
        String since;

        @Override
        public Integer call() {
            final ApiCall api = api("FilterLogEvents");
            final Long start = start(since, Instant.now());
            if (start == null) {
                return api.invalid("--since must be a number and s, m, h, d or w, or an ISO 8601 time, was '"
                    + since + "'");
            }
            final TailLines lines = new TailLines(spec.commandLine().getOut(), spec.commandLine().getErr());
            if (!follow) {
                return catchUp(api, start, lines);
            }
            // The live tail first, then what came since --since: the live stream starts when its first line comes,
            // so nothing falls between the two; an event in both is printed once.
            final int[] caughtUp = {-1};
            final Map<String, List<String>> params = new LinkedHashMap<>();
            put(params, "filterPattern", filterPattern);
            put(params, "logStreamNamePrefix", logStreamNamePrefix);
            final ApiCall.Answer answer = api("StartLiveTail").stream(ApiCall.path(
                "/v1/log-groups/" + ApiCall.segment(groupName()) + "/tail", params), line -> {
                    if (caughtUp[0] < 0) {
                        caughtUp[0] = catchUp(api, start, lines);
                        if (caughtUp[0] != CommandLine.ExitCode.OK) {
                            return false;
                        }
                    }
                    return lines.sse(line);
                });
            if (!answer.ok()) {
                return answer.exitCode();
            }
            return caughtUp[0] > 0 ? caughtUp[0] : lines.endReason() != null ? CommandLine.ExitCode.SOFTWARE
                : CommandLine.ExitCode.OK;
        }

        /** The group's name, from its name or ARN (the live tail's route takes its name). */
        private String groupName() {
            final int at = group.indexOf(":log-group:");
            return group.startsWith("arn:") && at >= 0 ? group.substring(at + ":log-group:".length()) : group;
        }

        /** Prints the group's events since {@code from} (FilterLogEvents, every page); returns the exit code. */
        private int catchUp(final ApiCall api, final long from, final TailLines lines) {
            String token = null;
            do {
                final Map<String, List<String>> params = new LinkedHashMap<>();
                params.put("logGroupIdentifier", List.of(group));
                put(params, "filterPattern", filterPattern);
                put(params, "logStreamNamePrefix", logStreamNamePrefix);
                params.put("startTime", List.of(Long.toString(from)));
                put(params, "nextToken", token);
                final ApiCall.Answer answer = api.get(ApiCall.path(FILTER, params));
                if (!answer.ok()) {
                    return answer.exitCode();
                }
                answer.body().path("events").forEach(lines::print);
                token = answer.body().path("nextToken").isTextual() ? answer.body().path("nextToken").asText() : null;
            } while (token != null);
            return CommandLine.ExitCode.OK;
        }

        /** Epoch milliseconds of {@code --since}; null when it is neither a duration nor a time. */
        static Long start(final String since, final Instant now) {
            final Matcher matcher = SINCE.matcher(since);
            if (matcher.matches()) {
                final long amount = Long.parseLong(matcher.group(1));
                final Duration unit = switch (matcher.group(2)) {
                    case "s" -> Duration.ofSeconds(1);
                    case "m" -> Duration.ofMinutes(1);
                    case "h" -> Duration.ofHours(1);
                    case "d" -> Duration.ofDays(1);
                    default -> Duration.ofDays(7);
                };
                return now.minus(unit.multipliedBy(amount)).toEpochMilli();
            }
            try {
                return Instant.parse(since).toEpochMilli();
            } catch (final java.time.format.DateTimeParseException e) {
                return null;
            }
        }
    }

    /** {@code trailwatch logs put-subscription-filter}. */
    @Command(name = "put-subscription-filter", mixinStandardHelpOptions = true,
        description = "Deliver a group's matching events to a Kafka topic (PutSubscriptionFilter; at most 2 per group).")
    static final class PutSubscriptionFilter extends ApiCommand {
        @Option(names = "--log-group-name", required = true, description = "The log group.")
        String logGroupName;

        @Option(names = "--filter-name", required = true, description = "The filter's name, unique in the group.")
        String filterName;

        @Option(names = "--filter-pattern", required = true,
            description = "A filter pattern, as metric filters take (\"\" for every event).")
        String filterPattern;

        @Option(names = "--destination-arn", required = true,
            description = "The topic: arn:aws:kafka:<region>:<account>:topic/trailwatch/<topic>.")
        String destinationArn;

        @Option(names = "--distribution", description = "ByLogStream (default) or Random.")
        String distribution;

        @Override
        public Integer call() {
            final var body = ApiCall.JSON.createObjectNode().put("logGroupName", logGroupName)
                .put("filterPattern", filterPattern).put("destinationArn", destinationArn);
            if (distribution != null) {
                body.put("distribution", distribution);
            }
            final ApiCall api = api("PutSubscriptionFilter");
            return api.print(api.put(SUBSCRIPTION_FILTERS + "/" + ApiCall.segment(filterName), body));
        }
    }

    /** {@code trailwatch logs describe-subscription-filters}. */
    @Command(name = "describe-subscription-filters", mixinStandardHelpOptions = true,
        description = "A group's subscription filters (DescribeSubscriptionFilters).")
    static final class DescribeSubscriptionFilters extends ApiCommand {
        @Option(names = "--log-group-name", required = true, description = "The log group.")
        String logGroupName;

        @Option(names = "--filter-name-prefix", description = "Only filters whose names start so.")
        String filterNamePrefix;

        @Override
        public Integer call() {
            final Map<String, List<String>> params = group(logGroupName, null);
            put(params, "filterNamePrefix", filterNamePrefix);
            final ApiCall api = api("DescribeSubscriptionFilters");
            return api.print(api.get(ApiCall.path(SUBSCRIPTION_FILTERS, params)));
        }
    }

    /** {@code trailwatch logs delete-subscription-filter}. */
    @Command(name = "delete-subscription-filter", mixinStandardHelpOptions = true,
        description = "Stop a subscription filter's deliveries (DeleteSubscriptionFilter).")
    static final class DeleteSubscriptionFilter extends ApiCommand {
        @Option(names = "--log-group-name", required = true, description = "The log group.")
        String logGroupName;

        @Option(names = "--filter-name", required = true, description = "The filter.")
        String filterName;

        @Override
        public Integer call() {
            final ApiCall api = api("DeleteSubscriptionFilter");
            final ApiCall.Answer answer = api.delete(ApiCall.path(SUBSCRIPTION_FILTERS + "/"
                + ApiCall.segment(filterName), group(logGroupName, null)));
            return answer.exitCode();
        }
    }

    private static Map<String, List<String>> group(final String name, final String identifier) {
        final Map<String, List<String>> params = new LinkedHashMap<>();
        put(params, "logGroupName", name);
        put(params, "logGroupIdentifier", identifier);
        return params;
    }

    private static void put(final Map<String, List<String>> params, final String name, final Object value) {
        if (value != null) {
            params.put(name, List.of(value.toString()));
        }
    }
}
