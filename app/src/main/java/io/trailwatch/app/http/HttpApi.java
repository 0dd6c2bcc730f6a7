package io.trailwatch.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;

/**
 * Trailwatch's one HTTP server (port 8080 by default). {@code GET /v1/health} reports liveness (the process
 * answers) and readiness (Kafka, the registry and every stream thread are usable): 200 when ready, 503 when not.
 */
public final class HttpApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin server;

    private HttpApi(final Javalin server) {
        this.server = server;
    }

    /**
     * Starts the server with the health endpoint and every feature's routes.
     *
     * @param port 0 for any free port ({@link #port()} tells which)
     */
    public static HttpApi start(final String host, final int port, final List<HealthCheck> checks,
                                final List<ApiRoutes> features) {
        final Javalin server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.jetty.port = port;
            ApiErrors.register(config.routes);
            config.routes.get("/v1/health", ctx -> health(ctx, checks));
            features.forEach(feature -> feature.register(config.routes));
        });
        server.start();
        return new HttpApi(server);
    }

    public int port() {
        return server.port();
    }

    private static void health(final Context ctx, final List<HealthCheck> checks) {
        final ObjectNode body = JSON.createObjectNode();
        final ObjectNode details = JSON.createObjectNode();
        boolean ready = true;
        for (final HealthCheck check : checks) {
            final HealthCheck.Status status = check.check();
            ready &= status.ready();
            details.putObject(check.name()).put("status", status.ready() ? "UP" : "DOWN").put("detail", status.detail());
        }
        body.put("status", ready ? "UP" : "DOWN");
        body.put("live", true);
        body.put("ready", ready);
        body.set("checks", details);
        ctx.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).contentType("application/json")
            .result(body.toString());
    }

    @Override
    public void close() {
        server.stop();
    }
}
