package io.trailwatch.app.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.processors.common.InstanceRouter;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which instance holds a Logs Insights query, and asking it. A query lives in the memory of the instance that
 * started it, and behind a load balancer GetQueryResults, StopQuery and DescribeQueries may land on another; so a
 * query's id begins with its home's tag (8 hex digits of a hash of the instance's advertised {@code host:port}, the
 * rest a random UUID's, so the id keeps a UUID's shape) and any instance asks the home over its internal routes.
 * <p>The id is the caller's input: only a current instance of the deployment whose tag it carries is ever asked, so
 * an id cannot point this instance at another host. The caller's ARN travels with the question because the home
 * answers only the query's starter (the internal routes are for the deployment's instances alone).
 */
final class QueryHomes {

    static final String RESULTS_PATH = "/v1/internal/queries/results";
    /** A GET: instances may call each other's internal routes with reads only; stopping twice is stopping once. */
    static final String STOP_PATH = "/v1/internal/queries/stop";
    static final String LIST_PATH = "/v1/internal/queries";
    static final String QUERY_ID = "queryId";
    static final String CALLER = "caller";
    private static final int TAG_LENGTH = 8;
    private static final String ANSWER = "answer";

    private final ProcessorsRuntime runtime;

    QueryHomes(final ProcessorsRuntime runtime) {
        this.runtime = runtime;
    }

    /** A new query's id, tagged with this instance. */
    String newId() {
        return newId(runtime.router().self());
    }

    static String newId(final HostInfo self) {
        return tag(self) + UUID.randomUUID().toString().substring(TAG_LENGTH);
    }

    /** The other instance whose tag the id carries; empty when it is this one's, or no current instance's. */
    Optional<HostInfo> elsewhere(final String queryId) {
        final InstanceRouter router = runtime.router();
        return elsewhere(queryId, router.self(), router.otherInstances());
    }

    static Optional<HostInfo> elsewhere(final String queryId, final HostInfo self, final List<HostInfo> others) {
        if (queryId.length() < TAG_LENGTH) {
            return Optional.empty();
        }
        final String tag = queryId.substring(0, TAG_LENGTH);
        if (tag.equals(tag(self))) {
            return Optional.empty();
        }
        return others.stream().filter(host -> tag(host).equals(tag)).findFirst();
    }

    /** The home's GetQueryResults answer; empty when it holds no such query of the caller. */
    Optional<ObjectNode> results(final HostInfo home, final String queryId, final String caller) {
        return answer(runtime.router().get(home, RESULTS_PATH + QueryString.of(question(queryId, caller))));
    }

    /** The home's StopQuery answer; empty when it holds no such query of the caller. */
    Optional<ObjectNode> stop(final HostInfo home, final String queryId, final String caller) {
        return answer(runtime.router().post(home, STOP_PATH + QueryString.of(question(queryId, caller))));
    }

    /** Every other instance's DescribeQueries answer for its own queries, asked at once. */
    List<CompletableFuture<JsonNode>> listsOfOthers(final Map<String, List<String>> describe, final String caller) {
        final Map<String, List<String>> parameters = new LinkedHashMap<>(describe);
        parameters.put(CALLER, List.of(caller));
        return runtime.router().fromAllOthers(LIST_PATH + QueryString.of(parameters), (host, body) -> read(body));
    }

    /** An internal route's body for an answer that may be missing (not an error: the caller answers not found). */
    static String body(final Optional<ObjectNode> answer) {
        final ObjectNode body = Definitions.MAPPER.createObjectNode();
        answer.ifPresent(found -> body.set(ANSWER, found));
        return body.toString();
    }

    /** One parameter given once, of an internal route's question. */
    static String one(final Map<String, List<String>> parameters, final String name) {
        final List<String> values = parameters.get(name);
        if (values == null || values.size() != 1 || values.get(0).isEmpty()) {
            throw new ApiErrors.BadRequest(name, "is required, once");
        }
        return values.get(0);
    }

    private static Map<String, List<String>> question(final String queryId, final String caller) {
        return Map.of(QUERY_ID, List.of(queryId), CALLER, List.of(caller));
    }

    private static Optional<ObjectNode> answer(final String body) {
        final JsonNode answer = read(body).path(ANSWER);
        return answer.isObject() ? Optional.of((ObjectNode) answer) : Optional.empty();
    }

    private static JsonNode read(final String body) {
        try {
            return Definitions.MAPPER.readTree(body);
        } catch (final IOException e) {
            throw new InstanceRouter.UnavailableException("an instance's answer about Logs Insights queries could "
                + "not be read: " + e.getMessage());
        }
    }

    static String tag(final HostInfo host) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest((host.host() + ":" + host.port()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, TAG_LENGTH / 2);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
