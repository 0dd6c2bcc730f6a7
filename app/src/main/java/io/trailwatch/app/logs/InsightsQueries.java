package io.trailwatch.app.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.aws.AwsError;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.processors.common.InstanceRouter;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.logs.LogGroupDefinition;
import io.trailwatch.processors.logs.insights.InsightsExecutor;
import io.trailwatch.processors.logs.insights.InsightsQuery;
import io.trailwatch.processors.logs.insights.InsightsSettings;
import io.trailwatch.processors.logs.insights.MalformedQueryException;
import io.trailwatch.processors.logs.insights.QueryResults;
import io.trailwatch.processors.logs.insights.QueryStatistics;
import io.trailwatch.schemas.json.InvalidRecordException;
import io.trailwatch.schemas.text.Printable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs Insights queries as CloudWatch Logs runs them, for every front end (AWS's protocol, the {@code /v1} routes,
 * the CLI): StartQuery checks the request and the query, estimates the scan and schedules it; the query runs on a
 * bounded pool, across instances ({@link InsightsRouter}); GetQueryResults, StopQuery and DescribeQueries read and
 * stop it. Queries and their results live on the instance that started them, for {@link InsightsSettings#resultsKept};
 * any instance answers for them by asking that one ({@link QueryHomes}), and DescribeQueries lists every instance's.
 * <p>A query is its starter's: AWS authorizes GetQueryResults, StopQuery and DescribeQueries on {@code *}, so in a
 * deployment shared by several users anyone allowed those calls could otherwise read the results (and query text) of
 * a query over groups they may not StartQuery on. Another principal's query answers as one that does not exist.
 */
public final class InsightsQueries implements AutoCloseable {

    static final int MAX_LIMIT = 10_000;
    static final int MAX_QUERY_LENGTH = 10_000;
    static final int MAX_GROUPS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(InsightsQueries.class);
    private static final String LANGUAGE = "CWLI";
    private static final String QUERY_ID = "queryId";
    private static final String QUERIES = "queries";
    private static final String CREATE_TIME = "createTime";

    /** CloudWatch Logs' query statuses. */
    enum Status {
        Scheduled, Running, Complete, Failed, Cancelled, Timeout;

        boolean active() {
            return this == Scheduled || this == Running;
        }
    }

    private final LogGroups groups;
    private final LogStoreRouter store;
    private final InsightsRouter router;
    private final QueryHomes homes;
    private final ResourceNames names;
    private final InsightsSettings settings;
    private final Clock clock;
    private final ExecutorService pool;
    private final Map<String, Query> queries = new ConcurrentHashMap<>();

    InsightsQueries(final LogGroups groups, final LogStoreRouter store, final InsightsRouter router,
                    final QueryHomes homes, final ResourceNames names, final InsightsSettings settings,
                    final Clock clock) {
        this.groups = groups;
        this.store = store;
        this.router = router;
        this.homes = homes;
        this.names = names;
        this.settings = settings;
        this.clock = clock;
        // scans are CPU-bound: no more threads than cores, the rest wait as Scheduled
        final int threads = Math.max(1, Math.min(settings.maxConcurrent(), Runtime.getRuntime().availableProcessors()));
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            final Thread thread = new Thread(runnable, "trailwatch-insights");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The names of the groups a StartQuery request names (for authorization), without checking them. */
    static List<String> groupNames(final AwsInput input, final ResourceNames names) {
        final List<String> named = new ArrayList<>();
        input.text("logGroupName").ifPresent(named::add);
        named.addAll(input.texts("logGroupNames"));
        input.texts("logGroupIdentifiers").forEach(identifier -> named.add(LogGroupIdentifier.name(identifier,
            names)));
        return named;
    }

    /** StartQuery. */
    public ObjectNode start(final AwsInput input, final String caller) {
        purge();
        input.text("queryLanguage").filter(language -> !language.equals(LANGUAGE)).ifPresent(language -> {
            throw new InvalidRecordException("queryLanguage", "Trailwatch runs CWLI (Logs Insights QL) queries only, "
                + "was '" + language + "'");
        });
        final List<LogGroupDefinition> selected = selectedGroups(input);
        final long startSeconds = seconds(input, "startTime");
        final long endSeconds = seconds(input, "endTime");
        if (endSeconds < startSeconds) {
            throw new InvalidRecordException("endTime", "must not be before startTime");
        }
        final String text = input.requiredText("queryString");
        if (text.isEmpty() || text.length() > MAX_QUERY_LENGTH) {
            throw new InvalidRecordException("queryString", "must be 1 to " + MAX_QUERY_LENGTH + " characters, was "
                + text.length());
        }
        final int limit = input.integer("limit").orElse(MAX_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRecordException("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        final InsightsQuery query;
        try {
            query = InsightsQuery.parse(text);
        } catch (final MalformedQueryException e) {
            throw AwsError.of("MalformedQueryException", 400, e.getMessage());
        }
        final long nowMs = clock.millis();
        final List<InsightsExecutor.GroupRange> ranges = new ArrayList<>();
        for (final LogGroupDefinition group : selected) {
            // the whole end second is included, as CloudWatch's endTime is
            final long retained = group.retentionInDays() == null ? 0
                : nowMs - Duration.ofDays(group.retentionInDays()).toMillis();
            ranges.add(new InsightsExecutor.GroupRange(group.logGroupName(), names.accountId() + ":"
                + group.logGroupName(), Math.max(startSeconds * 1000, retained), (endSeconds + 1) * 1000));
        }
        refuseLargeScans(ranges);
        final Query started = new Query(homes.newId(), caller, text, ranges, nowMs,
            nowMs + settings.timeout().toMillis());
        synchronized (queries) {
            final long active = queries.values().stream().filter(q -> q.status.active()).count();
            if (active >= settings.maxConcurrent()) {
                throw AwsError.of("LimitExceededException", 400, "Account maximum query concurrency limit of ["
                    + settings.maxConcurrent() + "] reached.");
            }
            queries.put(started.id, started);
        }
        pool.execute(() -> run(started, query, limit));
        return Definitions.MAPPER.createObjectNode().put(QUERY_ID, started.id);
    }

    private void refuseLargeScans(final List<InsightsExecutor.GroupRange> ranges) {
        final long estimate = ScanEstimate.bytes(ranges, store.streams(ranges.stream()
            .map(InsightsExecutor.GroupRange::logGroupName).toList()));
        if (estimate > settings.maxScanBytes()) {
            throw AwsError.of("LimitExceededException", 400, "The query would scan about " + estimate + " bytes, "
                + "more than this deployment's limit of " + settings.maxScanBytes() + " bytes "
                + "(trailwatch.logs.insights.max.scan.bytes); narrow the time range or the log groups.");
        }
    }

    private void run(final Query query, final InsightsQuery parsed, final int limit) {
        if (query.stopRequested) {
            query.status = Status.Cancelled;
            query.finishedMs = clock.millis();
            return;
        }
        query.status = Status.Running;
        try {
            final QueryResults results = parsed.merge(router.run(parsed, query.ranges, limit,
                () -> query.stopRequested || clock.millis() > query.deadlineMs), limit);
            query.results = results;
            query.status = query.stopRequested ? Status.Cancelled
                : clock.millis() > query.deadlineMs ? Status.Timeout : Status.Complete;
        } catch (final RuntimeException e) {
            LOG.warn("Logs Insights query {} failed: {}", query.id, Printable.escape(String.valueOf(e.getMessage())));
            query.status = Status.Failed;
        } finally {
            query.finishedMs = clock.millis();
        }
    }

    /** GetQueryResults, of a query started on any instance. */
    public ObjectNode results(final AwsInput input, final String caller) {
        final String id = input.requiredText(QUERY_ID);
        return found(id, homes.elsewhere(id).map(home -> homes.results(home, id, caller))
            .orElseGet(() -> resultsHere(id, caller)));
    }

    /** GetQueryResults of a query this instance started; empty when it holds no such query of the caller. */
    Optional<ObjectNode> resultsHere(final String id, final String caller) {
        purge();
        return here(id, caller).map(this::resultsOf);
    }

    private ObjectNode resultsOf(final Query query) {
        final ObjectNode answer = Definitions.MAPPER.createObjectNode().put("queryLanguage", LANGUAGE);
        final ArrayNode rows = answer.putArray("results");
        final QueryResults results = query.results;
        if (results != null) {
            for (final List<QueryResults.ResultField> row : results.rows()) {
                final ArrayNode fields = rows.addArray();
                row.forEach(field -> fields.addObject().put("field", field.field()).put("value", field.value()));
            }
        }
        final QueryStatistics statistics = results == null ? QueryStatistics.NONE : results.statistics();
        answer.putObject("statistics")
            .put("recordsMatched", (double) statistics.recordsMatched())
            .put("recordsScanned", (double) statistics.recordsScanned())
            .put("estimatedRecordsSkipped", 0.0)
            .put("bytesScanned", (double) statistics.bytesScanned())
            .put("estimatedBytesSkipped", 0.0)
            .put("logGroupsScanned", (double) query.ranges.size());
        answer.put("status", query.status.name());
        return answer;
    }

    /** StopQuery, of a query started on any instance: true when the query was still scheduled or running. */
    public ObjectNode stop(final AwsInput input, final String caller) {
        final String id = input.requiredText(QUERY_ID);
        return found(id, homes.elsewhere(id).map(home -> homes.stop(home, id, caller))
            .orElseGet(() -> stopHere(id, caller)));
    }

    /** StopQuery of a query this instance started; empty when it holds no such query of the caller. */
    Optional<ObjectNode> stopHere(final String id, final String caller) {
        return here(id, caller).map(query -> {
            final boolean stopping = query.status.active();
            query.stopRequested = true;
            return Definitions.MAPPER.createObjectNode().put("success", stopping);
        });
    }

    /** DescribeQueries: the caller's queries on every instance, newest first, of one group and one status if given. */
    public ObjectNode describe(final AwsInput input, final String caller) {
        final QueryFilter filter = QueryFilter.of(input);
        final List<CompletableFuture<JsonNode>> others = homes.listsOfOthers(filter.parameters(), caller);
        final List<JsonNode> all = new ArrayList<>();
        describeHere(filter, caller).path(QUERIES).forEach(all::add);
        InstanceRouter.joined(others).forEach(other -> other.path(QUERIES).forEach(all::add));
        final ObjectNode answer = Definitions.MAPPER.createObjectNode();
        answer.putArray(QUERIES).addAll(all.stream()
            .sorted(Comparator.comparingLong((JsonNode query) -> query.path(CREATE_TIME).asLong()).reversed()
                .thenComparing(query -> query.path(QUERY_ID).asText()))
            .limit(filter.maxResults())
            .toList());
        return answer;
    }

    /** DescribeQueries over the queries this instance started. */
    ObjectNode describeHere(final QueryFilter filter, final String caller) {
        purge();
        final ObjectNode answer = Definitions.MAPPER.createObjectNode();
        final ArrayNode described = answer.putArray(QUERIES);
        queries.values().stream()
            .filter(query -> query.owner.equals(caller))
            .filter(query -> filter.logGroupName().isEmpty() || query.ranges.stream()
                .anyMatch(range -> range.logGroupName().equals(filter.logGroupName().get())))
            .filter(query -> filter.status().isEmpty() || query.status.name().equals(filter.status().get()))
            .sorted(Comparator.comparingLong((Query query) -> query.createMs).reversed()
                .thenComparing(query -> query.id))
            .limit(filter.maxResults())
            .forEach(query -> described.addObject().put("queryLanguage", LANGUAGE).put(QUERY_ID, query.id)
                .put("queryString", query.text).put("status", query.status.name()).put(CREATE_TIME, query.createMs)
                .put("logGroupName", query.ranges.get(0).logGroupName()));
        return answer;
    }

    private List<LogGroupDefinition> selectedGroups(final AwsInput input) {
        final int given = (input.has("logGroupName") ? 1 : 0) + (input.has("logGroupNames") ? 1 : 0)
            + (input.has("logGroupIdentifiers") ? 1 : 0);
        if (given != 1) {
            throw new InvalidRecordException("logGroupNames", "exactly one of logGroupName, logGroupNames and "
                + "logGroupIdentifiers is required");
        }
        final Set<String> named = new LinkedHashSet<>(groupNames(input, names));
        if (named.isEmpty() || named.size() > MAX_GROUPS) {
            throw new InvalidRecordException("logGroupNames", "must name 1 to " + MAX_GROUPS + " log groups");
        }
        return named.stream().map(groups::group).toList();
    }

    private static long seconds(final AwsInput input, final String member) {
        final long value = input.longValue(member)
            .orElseThrow(() -> new InvalidRecordException(member, "is required"));
        if (value < 0 || value > Long.MAX_VALUE / 2000) {
            throw new InvalidRecordException(member, "must be epoch seconds from 0, was " + value);
        }
        return value;
    }

    private Optional<Query> here(final String id, final String caller) {
        return Optional.ofNullable(queries.get(id)).filter(query -> query.owner.equals(caller));
    }

    private static ObjectNode found(final String id, final Optional<ObjectNode> answer) {
        return answer.orElseThrow(() -> new ApiErrors.NotFound("The specified query does not exist: " + id));
    }

    /** Finished queries are forgotten once their results have been kept long enough. */
    private void purge() {
        final long before = clock.millis() - settings.resultsKept().toMillis();
        queries.values().removeIf(query -> !query.status.active() && query.finishedMs < before);
    }

    @Override
    public void close() {
        queries.values().forEach(query -> query.stopRequested = true);
        pool.shutdownNow();
    }

    /** One started query; its mutable parts are written by its worker and read by callers. */
    private static final class Query {
        final String id;
        final String owner;
        final String text;
        final List<InsightsExecutor.GroupRange> ranges;
        final long createMs;
        final long deadlineMs;
        volatile Status status = Status.Scheduled;
        volatile boolean stopRequested;
        volatile QueryResults results;
        volatile long finishedMs = Long.MAX_VALUE;

        Query(final String id, final String owner, final String text, final List<InsightsExecutor.GroupRange> ranges,
              final long createMs, final long deadlineMs) {
            this.id = id;
            this.owner = owner;
            this.text = text;
            this.ranges = ranges;
            this.createMs = createMs;
            this.deadlineMs = deadlineMs;
        }
    }
}
