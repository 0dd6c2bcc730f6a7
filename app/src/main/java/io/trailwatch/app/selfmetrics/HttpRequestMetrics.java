package io.trailwatch.app.selfmetrics;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.trailwatch.app.http.ApiRoutes;
import java.time.Duration;

/**
 * Every HTTP request's latency and outcome, by route and status: {@value #NAME}, a histogram. The route is the
 * pattern the request matched ({@code /v1/alarms/{name}}), never the path itself, so names in paths do not multiply
 * the series; a request that matched no route counts under {@value #UNMATCHED}.
 */
final class HttpRequestMetrics implements ApiRoutes {

    static final String NAME = "trailwatch.http.requests";
    static final String UNMATCHED = "unmatched";
    private static final String STARTED = "trailwatch.metrics.started";
    /** Buckets from a cached read to a PutLogEvents batch or a query across instances. */
    static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;

    HttpRequestMetrics(final MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        routes.after(this::record);
    }

    private void record(final Context ctx) {
        final Long started = ctx.attribute(STARTED);
        if (started == null) {
            return; // refused before timing began (a Host this API does not answer to)
        }
        final Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        Timer.builder(NAME)
            .description("HTTP requests to the API, by route and status")
            .tag("method", ctx.method().name())
            .tag("route", endpoint == null ? UNMATCHED : endpoint.path)
            .tag("status", Integer.toString(ctx.statusCode()))
            .serviceLevelObjectives(BUCKETS)
            .register(registry)
            .record(Duration.ofNanos(System.nanoTime() - started));
    }
}
