package io.trailwatch.app.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.processors.common.InstanceRouter;
import io.trailwatch.processors.logs.insights.InsightsExecutor;
import io.trailwatch.processors.logs.insights.InsightsQuery;
import io.trailwatch.processors.logs.insights.PartialResult;
import io.trailwatch.processors.logs.store.LocalLogEvents;
import io.trailwatch.processors.logs.store.LogStores;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * A Logs Insights query across instances: every other instance scans its partitions of the log store
 * ({@value #PATH}) while this one scans its own, and the partial results are merged by the caller; an answer that
 * does not cover every partition is unavailable (retry), never silently partial.
 */
final class InsightsRouter {

    static final String PATH = "/v1/internal/insights";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY = "queryString";
    private static final String LIMIT = "limit";
    private static final String GROUP = "logGroupName";
    private static final String LOG = "log";
    private static final String START = "startTime";
    private static final String END = "endTime";

    private final ProcessorsRuntime runtime;
    private final LogStoreRouter store;
    /** How long another instance may scan its part: as long as a query may run. */
    private final Duration timeout;

    InsightsRouter(final ProcessorsRuntime runtime, final LogStoreRouter store, final Duration timeout) {
        this.runtime = runtime;
        this.store = store;
        this.timeout = timeout;
    }

    /** Every instance's partial result, this one's first. */
    List<PartialResult> run(final InsightsQuery query, final List<InsightsExecutor.GroupRange> groups,
                            final int limit, final BooleanSupplier cancelled) {
        final List<CompletableFuture<Part>> others = runtime.router().fromOthers(LogStores.EVENTS,
            PATH + QueryString.of(parameters(query, groups, limit)), (host, body) -> Part.of(query, body), timeout);
        final LocalLogEvents local = store.local();
        final List<Part> parts = new ArrayList<>();
        parts.add(new Part(InsightsExecutor.run(query, groups, limit, local, cancelled), local.partitions()));
        parts.addAll(InstanceRouter.joined(others));
        store.requireEveryPartition(parts.stream().map(Part::partitions).toList());
        return parts.stream().map(Part::result).toList();
    }

    /** The internal route's answer: this instance's part only. */
    String runHere(final Map<String, List<String>> parameters) {
        QueryString.allowOnly(parameters, Set.of(QUERY, LIMIT, GROUP, LOG, START, END));
        final InsightsQuery query = InsightsQuery.parse(one(parameters, QUERY));
        final List<String> names = parameters.getOrDefault(GROUP, List.of());
        final List<String> logs = parameters.getOrDefault(LOG, List.of());
        final List<String> starts = parameters.getOrDefault(START, List.of());
        final List<String> ends = parameters.getOrDefault(END, List.of());
        if (logs.size() != names.size() || starts.size() != names.size() || ends.size() != names.size()) {
            throw new ApiErrors.BadRequest(GROUP, "each group needs its log, startTime and endTime");
        }
        final List<InsightsExecutor.GroupRange> groups = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            groups.add(new InsightsExecutor.GroupRange(names.get(i), logs.get(i), number(START, starts.get(i)),
                number(END, ends.get(i))));
        }
        final LocalLogEvents local = store.local();
        final PartialResult result = InsightsExecutor.run(query, groups, (int) number(LIMIT, one(parameters, LIMIT)),
            local, () -> false);
        return JSON.createObjectNode().put("result", result.toJson())
            .set("partitions", JSON.valueToTree(local.partitions())).toString();
    }

    private static Map<String, List<String>> parameters(final InsightsQuery query,
                                                        final List<InsightsExecutor.GroupRange> groups,
                                                        final int limit) {
        final Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put(QUERY, List.of(query.text()));
        parameters.put(LIMIT, List.of(Integer.toString(limit)));
        parameters.put(GROUP, groups.stream().map(InsightsExecutor.GroupRange::logGroupName).toList());
        parameters.put(LOG, groups.stream().map(InsightsExecutor.GroupRange::log).toList());
        parameters.put(START, groups.stream().map(group -> Long.toString(group.startMs())).toList());
        parameters.put(END, groups.stream().map(group -> Long.toString(group.endMs())).toList());
        return parameters;
    }

    private static String one(final Map<String, List<String>> parameters, final String name) {
        final List<String> values = parameters.get(name);
        if (values == null || values.size() != 1) {
            throw new ApiErrors.BadRequest(name, "is required, once");
        }
        return values.get(0);
    }

    private static long number(final String name, final String value) {
        try {
            return Long.parseLong(value);
        } catch (final NumberFormatException e) {
            throw new ApiErrors.BadRequest(name, "must be an integer");
        }
    }

    /** One instance's partial result and the partitions it covers. */
    private record Part(PartialResult result, Set<Integer> partitions) {
        static Part of(final InsightsQuery query, final String body) {
            try {
                final JsonNode tree = JSON.readTree(body);
                final Set<Integer> partitions = new TreeSet<>();
                tree.path("partitions").forEach(partition -> partitions.add(partition.asInt()));
                return new Part(PartialResult.fromJson(query, tree.path("result").asText()), partitions);
            } catch (final IOException | RuntimeException e) {
                throw new InstanceRouter.UnavailableException("an instance's Logs Insights results could not be "
                    + "read: " + e.getMessage());
            }
        }
    }
}
