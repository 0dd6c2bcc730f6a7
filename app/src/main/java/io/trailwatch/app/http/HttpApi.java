package io.trailwatch.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import io.trailwatch.app.http.access.AccessControl;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trailwatch's one HTTP server (port 8080 by default). {@code GET /v1/health} reports liveness (the process
 * answers) and readiness (every component usable, no state store restoring): 200 when ready, 503 when not, to
 * anyone; {@code GET /v1/health/components} says which component is down, since when and why, to authenticated
 * callers allowed {@code trailwatch:GetHealth}.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest request body the server reads: AWS's largest calls (1 MiB of log events) and their framing. */
    static final long MAX_REQUEST_BYTES = 4L * 1024 * 1024;

    private final Javalin server;

    private HttpApi(final Javalin server) {
        this.server = server;
    }

    /**
     * Starts the server with the health endpoint and every feature's routes, behind the access control: every
     * route but {@code GET /v1/health} needs an authenticated, authorized caller, and every call is audited.
     *
     * @param port 0 for any free port ({@link #port()} tells which)
     */
    public static HttpApi start(final String host, final int port, final List<HealthCheck> checks,
                                final List<ApiRoutes> features, final AccessControl access) {
        return start(host, port, checks, features, access, null);
    }

    /** As {@link #start(String, int, List, List, AccessControl)}, over HTTPS when {@code tls} is not null. */
    public static HttpApi start(final String host, final int port, final List<HealthCheck> checks,
                                final List<ApiRoutes> features, final AccessControl access, final TlsSettings tls) {
        return start(host, port, new HealthReport(checks), features, access, tls);
    }

    /** As {@link #start(String, int, List, List, AccessControl, TlsSettings)}, reporting the given health. */
    public static HttpApi start(final String host, final int port, final HealthReport health,
                                final List<ApiRoutes> features, final AccessControl access, final TlsSettings tls) {
        final List<ApiRoutes> all = new ArrayList<>();
        all.add(access);
        all.addAll(features);
        final HttpApi api = serve(host, port, health, all, tls);
        final List<String> unlisted = access.unlisted(api.server.unsafe.internalRouter.allHttpHandlers().stream()
            .map(parsed -> parsed.endpoint).toList());
        if (!unlisted.isEmpty()) {
            api.close();
            throw new IllegalStateException("routes without an IAM operation (they would refuse every call): "
                + unlisted);
        }
        return api;
    }

    /**
     * A server that lets anyone call every route: only for measuring what access control costs (the benchmarks'
     * baseline) and for tests of the server itself. Never serve this to anyone.
     */
    public static HttpApi startWithoutAccessControl(final String host, final int port, final List<HealthCheck> checks,
                                                    final List<ApiRoutes> features) {
        return serve(host, port, new HealthReport(checks), features, null);
    }

    private static HttpApi serve(final String host, final int port, final HealthReport health,
                                 final List<ApiRoutes> features, final TlsSettings tls) {
        final Javalin server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.jetty.port = port;
            // Javalin's default (1,000,000 bytes) is below what AWS's APIs take in one call: PutLogEvents' batch of
            // 1,048,576 bytes of messages, with its JSON around them.
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            if (tls != null) {
                tls.apply(config, host, port);
            }
            ApiErrors.register(config.routes);
            config.routes.get("/v1/health", ctx -> health(ctx, health));
            config.routes.get("/v1/health/components", ctx -> ctx.status(health.ready() ? HttpStatus.OK
                : HttpStatus.SERVICE_UNAVAILABLE).contentType("application/json").result(health.toJson().toString()));
            features.forEach(feature -> feature.register(config.routes));
        });
        server.start();
        firstRequest(host, server.port(), tls);
        return new HttpApi(server);
    }

    /**
     * Serves one request before any client can send theirs. Javalin 7 sets up its per-request configuration on the
     * first request without a lock (a Kotlin lazy of mode NONE); two first requests at once can then find it half
     * set up, and one of them fails with a 500 (seen when four clients started together on a fresh server). The
     * request goes to a path with no route, so no health check runs; it is best effort: a server this process
     * cannot reach itself on still starts, with the race left as it was.
     */
    private static void firstRequest(final String host, final int port, final TlsSettings tls) {
        final boolean https = tls != null;
        final String literal = host == null ? "" : host.replace("[", "").replace("]", "");
        final boolean wildcard = literal.isBlank() || literal.equals("0.0.0.0") || literal.equals("::")
            || literal.equals("0:0:0:0:0:0:0:0");
        final String address = wildcard ? "127.0.0.1" : literal.contains(":") ? "[" + literal + "]" : literal;
        try {
            final URI unrouted = new URI(https ? "https" : "http", null, address, port, "/v1/first-request",
                null, null);
            final HttpClient.Builder client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY);
            if (tls != null) {
                client.sslContext(tls.pinnedClientContext());
            }
            client.build()
                .send(HttpRequest.newBuilder(unrouted).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (final URISyntaxException | IllegalArgumentException | IOException e) {
            LOG.warn("The HTTP server on {}:{} did not answer its own first request ({}); serving anyway", host, port,
                e.toString());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int port() {
        return server.port();
    }

    /**
     * Liveness and readiness for anyone, load balancers included: UP (200) or DOWN (503) and nothing more, since
     * this is the one route that answers without authentication: what is down, since when and why (hosts, pids,
     * connector names) is for {@code /v1/health/components}, and logged when it changes.
     */
    private static void health(final Context ctx, final HealthReport report) {
        final boolean ready = report.ready();
        final ObjectNode body = JSON.createObjectNode().put("status", ready ? "UP" : "DOWN");
        ctx.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).contentType("application/json")
            .result(body.toString());
    }

    @Override
    public void close() {
        server.stop();
    }
}
