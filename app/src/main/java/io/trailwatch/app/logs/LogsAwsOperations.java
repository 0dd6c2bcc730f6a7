package io.trailwatch.app.logs;

import static io.trailwatch.identity.AwsService.LOGS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.aws.AwsApis;
import io.trailwatch.app.aws.AwsOperations;
import io.trailwatch.app.aws.NamePages;
import io.trailwatch.app.aws.TopicWriter;
import io.trailwatch.app.definitions.MetricFilters;
import io.trailwatch.app.http.access.CurrentCaller;
import io.trailwatch.avro.LogEvent;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.aws.AwsOperation;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.logs.AuditLogGroup;
import io.trailwatch.processors.logs.LogGroupDefinition;
import io.trailwatch.processors.logs.LogNames;
import io.trailwatch.processors.logs.LogStream;
import io.trailwatch.processors.logs.LogStreamDefinition;
import io.trailwatch.processors.logs.store.LogStreamStats;
import io.trailwatch.processors.logs.subscription.SubscriptionFilterDefinition;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.Optional;

/**
 * CloudWatch Logs' log groups, log streams, PutLogEvents, GetLogEvents, FilterLogEvents and subscription filters in
 * AWS's protocol, over {@link LogGroups}, {@link LogEventsService} and {@link SubscriptionFilters}; accepted events are written to {@code trailwatch.logs}, where the
 * metric filters of their group count them and the log store keeps them.
 */
public final class LogsAwsOperations implements AwsOperations {

    private static final String LOG_GROUP_NAME = "logGroupName";
    private static final String LOG_STREAM_NAME = "logStreamName";
    private static final String FILTER_NAME = "filterName";
    private static final NamePages PAGES = new NamePages("limit", "nextToken");

    private final LogGroups groups;
    private final LogEventsService reads;
    private final MetricFilters filters;
    private final TopicWriter<String, LogEvent> events;
    private final LogGroupResource logGroup;
    private final InsightsQueries insights;
    private final ResourceNames names;
    private final SubscriptionFilters subscriptions;
    private final Clock clock;

    LogsAwsOperations(final LogGroups groups, final LogEventsService reads, final InsightsQueries insights,
                      final MetricFilters filters, final TopicWriter<String, LogEvent> events,
                      final ResourceNames names, final SubscriptionFilters subscriptions, final Clock clock) {
        this.groups = groups;
        this.subscriptions = subscriptions;
        this.reads = reads;
        this.insights = insights;
        this.names = names;
        this.filters = filters;
        this.events = events;
        this.logGroup = new LogGroupResource(names);
        this.clock = clock;
    }

    @Override
    public void addTo(final AwsApis apis) {
        apis.logs()
            .operation(LOGS.write("CreateLogGroup"), logGroup::of, input -> {
                groups.create(text(input, LOG_GROUP_NAME));
                return null;
            })
            .operation(LOGS.write("DeleteLogGroup"), logGroup::of, input -> {
                groups.delete(text(input, LOG_GROUP_NAME));
                return null;
            })
            .operation(LOGS.write("PutRetentionPolicy"), logGroup::of, input -> {
                final AwsInput in = AwsInput.of(input);
                groups.retain(in.requiredText(LOG_GROUP_NAME), in.requiredInt("retentionInDays"));
                return null;
            })
            .operation(LOGS.write("DeleteRetentionPolicy"), logGroup::of, input -> {
                groups.retain(text(input, LOG_GROUP_NAME), null);
                return null;
            })
            .operation(LOGS.read("DescribeLogGroups"), this::describeLogGroups)
            .operation(LOGS.write("CreateLogStream"), logGroup::of, input -> {
                final AwsInput in = AwsInput.of(input);
                groups.createStream(in.requiredText(LOG_GROUP_NAME), in.requiredText(LOG_STREAM_NAME));
                return null;
            })
            .operation(LOGS.read("DescribeLogStreams"), logGroup::of, this::describeLogStreams)
            .operation(LOGS.data("PutLogEvents"), logGroup::of, this::putLogEvents)
            .operation(LOGS.read("GetLogEvents"), logGroup::of, input -> reads.getLogEvents(AwsInput.of(input)))
            .operation(LOGS.read("FilterLogEvents"), logGroup::of,
                input -> reads.filterLogEvents(AwsInput.of(input)))
            // Logs Insights: StartQuery on every group it reads; the others act on a query id, on * as in AWS's IAM
            // (a query is its starter's: the others see only their own, see InsightsQueries)
            .operation(LOGS.read("StartQuery"), this::queriedGroups, input -> insights.start(AwsInput.of(input),
                CurrentCaller.arn()))
            .operation(LOGS.read("GetQueryResults"), input -> insights.results(AwsInput.of(input),
                CurrentCaller.arn()))
            .operation(LOGS.read("StopQuery"), input -> insights.stop(AwsInput.of(input), CurrentCaller.arn()))
            .operation(LOGS.read("DescribeQueries"), input -> insights.describe(AwsInput.of(input),
                CurrentCaller.arn()))
            .operation(LOGS.write("PutSubscriptionFilter"), logGroup::of, input -> {
                final AwsInput in = AwsInput.of(input);
                subscriptions.put(in.requiredText(LOG_GROUP_NAME), in.requiredText(FILTER_NAME),
                    in.text("filterPattern").orElse(null), in.requiredText("destinationArn"),
                    in.text("distribution").orElse(null));
                return null;
            })
            .operation(LOGS.read("DescribeSubscriptionFilters"), logGroup::of, this::describeSubscriptionFilters)
            .operation(LOGS.write("DeleteSubscriptionFilter"), logGroup::of, input -> {
                final AwsInput in = AwsInput.of(input);
                subscriptions.delete(in.requiredText(LOG_GROUP_NAME), in.requiredText(FILTER_NAME));
                return null;
            });
    }

    /** The groups a StartQuery names; none (refused by the operation, naming the member) is authorized on *. */
    private Optional<AwsOperation.Resource> queriedGroups(final ObjectNode input) {
        try {
            final List<String> arns = InsightsQueries.groupNames(AwsInput.of(input), names).stream()
                .map(logGroup::arn).distinct().toList();
            return arns.isEmpty() ? Optional.empty() : Optional.of(new AwsOperation.Resource(arns,
                LogGroupResource.TYPE));
        } catch (final InvalidRecordException notAGroup) {
            return Optional.empty();
        }
    }

    private JsonNode describeSubscriptionFilters(final ObjectNode request) {
        final AwsInput input = AwsInput.of(request);
        final NamePages.Page<SubscriptionFilterDefinition> page = PAGES.page(input, subscriptions.describe(
            input.requiredText(LOG_GROUP_NAME), input.text("filterNamePrefix").orElse(null)),
            SubscriptionFilterDefinition::filterName);
        final ObjectNode answer = SubscriptionFilterJson.list(page.items());
        page.nextToken().ifPresent(token -> answer.put("nextToken", token));
        return answer;
    }

    /** DescribeLogGroups: also the native {@code GET /v1/log-groups} ({@link LogGroupRoutes}). */
    JsonNode describeLogGroups(final ObjectNode request) {
        final AwsInput input = AwsInput.of(request);
        final Optional<String> prefix = input.text("logGroupNamePrefix");
        prefix.ifPresent(text -> LogNames.requireGroup("logGroupNamePrefix", text));
        final Optional<String> pattern = input.text("logGroupNamePattern").map(text -> text.toLowerCase(Locale.ROOT));
        pattern.filter(text -> !text.isEmpty()).ifPresent(text -> LogNames.requireGroup("logGroupNamePattern", text));
        if (prefix.isPresent() && pattern.isPresent()) {
            throw new InvalidRecordException("logGroupNamePattern", "logGroupNamePrefix and logGroupNamePattern "
                + "are mutually exclusive");
        }
        final List<LogGroupDefinition> selected = groups.groups(prefix.orElse("")).stream()
            .filter(group -> pattern.isEmpty()
                || group.logGroupName().toLowerCase(Locale.ROOT).contains(pattern.get()))
            .toList();
        final NamePages.Page<LogGroupDefinition> page = PAGES.page(input, selected, LogGroupDefinition::logGroupName);
        final Map<String, SortedMap<String, LogStreamStats>> stored = reads.stored(page.items().stream()
            .map(LogGroupDefinition::logGroupName).toList());
        final ObjectNode answer = Definitions.MAPPER.createObjectNode();
        final var described = answer.putArray("logGroups");
        for (final LogGroupDefinition group : page.items()) {
            final ObjectNode item = described.addObject()
                .put(LOG_GROUP_NAME, group.logGroupName())
                .put("creationTime", group.creationTime());
            if (group.retentionInDays() != null) {
                item.put("retentionInDays", group.retentionInDays());
            }
            item.put("metricFilterCount", filters.describe(group.logGroupName(), null, null, null).size())
                .put("arn", logGroup.arn(group.logGroupName()) + ":*")
                .put("storedBytes", stored.getOrDefault(group.logGroupName(), Collections.emptySortedMap()).values()
                    .stream().mapToLong(LogStreamStats::storedBytes).sum())
                .put("logGroupClass", "STANDARD")
                .put("logGroupArn", logGroup.arn(group.logGroupName()));
        }
        page.nextToken().ifPresent(token -> answer.put("nextToken", token));
        return answer;
    }

    /** DescribeLogStreams: also the native {@code GET /v1/log-streams} ({@link LogGroupRoutes}). */
    JsonNode describeLogStreams(final ObjectNode request) {
        final AwsInput input = AwsInput.of(request);
        final String group = input.requiredText(LOG_GROUP_NAME);
        final String orderBy = input.text("orderBy").orElse("LogStreamName");
        final boolean byLastEvent = orderBy.equals("LastEventTime");
        if (!byLastEvent && !orderBy.equals("LogStreamName")) {
            throw new InvalidRecordException("orderBy", "must be LogStreamName or LastEventTime, was '" + orderBy + "'");
        }
        final Optional<String> prefix = input.text("logStreamNamePrefix");
        prefix.ifPresent(text -> LogNames.requireStream("logStreamNamePrefix", text));
        if (byLastEvent && prefix.isPresent()) {
            throw new InvalidRecordException("logStreamNamePrefix", "cannot be combined with orderBy LastEventTime");
        }
        final boolean descending = input.bool("descending").orElse(false);
        final SortedMap<String, LogStreamStats> stored = reads.stored(List.of(group))
            .getOrDefault(group, Collections.emptySortedMap());
        // What orders the streams and what the nextToken names: by last event time, the time (0 for a stream without
        // events, zero-padded so that text order is time order) then the name.
        final Function<LogStreamDefinition, String> sortKey = byLastEvent
            ? stream -> String.format("%020d/%s", Optional.ofNullable(stored.get(stream.logStreamName()))
                .map(LogStreamStats::lastEventTimestamp).orElse(0L), stream.logStreamName())
            : LogStreamDefinition::logStreamName;
        final Comparator<String> order = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        final List<LogStreamDefinition> streams = new ArrayList<>(groups.streams(group, prefix.orElse("")));
        if (AuditLogGroup.is(group)) {
            // the trail's streams exist by having events, as CloudTrail's delivery creates them
            stored.forEach((name, stats) -> {
                if (name.startsWith(prefix.orElse(""))) {
                    streams.add(new LogStreamDefinition(group, name, stats.firstEventTimestamp()));
                }
            });
        }
        streams.sort(Comparator.comparing(sortKey, order));
        final NamePages.Page<LogStreamDefinition> page = PAGES.page(input, streams, sortKey, order);
        final ObjectNode answer = Definitions.MAPPER.createObjectNode();
        final var described = answer.putArray("logStreams");
        for (final LogStreamDefinition stream : page.items()) {
            final ObjectNode item = described.addObject()
                .put(LOG_STREAM_NAME, stream.logStreamName())
                .put("creationTime", stream.creationTime());
            final LogStreamStats stats = stored.get(stream.logStreamName());
            if (stats != null) {
                item.put("firstEventTimestamp", stats.firstEventTimestamp())
                    .put("lastEventTimestamp", stats.lastEventTimestamp())
                    .put("lastIngestionTime", stats.lastIngestionTime());
            }
            item.put("arn", logGroup.arn(group) + ":log-stream:" + stream.logStreamName())
                .put("storedBytes", stats == null ? 0 : stats.storedBytes());
        }
        page.nextToken().ifPresent(token -> answer.put("nextToken", token));
        return answer;
    }

    private JsonNode putLogEvents(final ObjectNode request) {
        final AwsInput input = AwsInput.of(request);
        final LogGroupDefinition group = groups.writable(input.requiredText(LOG_GROUP_NAME));
        final LogStreamDefinition stream = groups.stream(group.logGroupName(), input.requiredText(LOG_STREAM_NAME));
        final LogEventBatch batch = LogEventBatch.of(group.logGroupName(), stream.logStreamName(), input,
            Optional.ofNullable(group.retentionInDays()).map(Duration::ofDays), clock.instant());
        events.write(batch.accepted(), event -> LogStream.key(event.getLogGroup(), event.getLogStream()));
        final ObjectNode answer = Definitions.MAPPER.createObjectNode();
        if (batch.tooNewLogEventStartIndex().isPresent() || batch.tooOldLogEventEndIndex().isPresent()
            || batch.expiredLogEventEndIndex().isPresent()) {
            final ObjectNode rejected = answer.putObject("rejectedLogEventsInfo");
            batch.tooNewLogEventStartIndex().ifPresent(index -> rejected.put("tooNewLogEventStartIndex", index));
            batch.tooOldLogEventEndIndex().ifPresent(index -> rejected.put("tooOldLogEventEndIndex", index));
            batch.expiredLogEventEndIndex().ifPresent(index -> rejected.put("expiredLogEventEndIndex", index));
        }
        return answer;
    }

    private static String text(final ObjectNode input, final String member) {
        return AwsInput.of(input).requiredText(member);
    }
}
