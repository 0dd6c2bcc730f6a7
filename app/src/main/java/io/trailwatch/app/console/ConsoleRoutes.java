package io.trailwatch.app.console;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.console.ConsoleAssets;
import java.util.List;

/**
 * The web console's files at {@code /console}. They hold no data and are public, like a sign-in page; everything
 * they show comes from the /v1 API, which a console session calls like any other caller: authenticated, authorized
 * by the user's policies and recorded on the trail.
 */
public final class ConsoleRoutes implements ApiRoutes {

    /** The console's routes, which answer without a signature (the gate lists them as public). */
    public static final List<String> ROUTES = List.of("GET /console", "GET /console/{file}", "GET /console/lib/{file}");

    private final ConsoleAssets assets = new ConsoleAssets();

    @Override
    public void register(final RoutesConfig routes) {
        routes.get("/console", ctx -> serve(ctx, "index.html"));
        routes.get("/console/{file}", ctx -> serve(ctx, ctx.pathParam("file")));
        routes.get("/console/lib/{file}", ctx -> serve(ctx, "lib/" + ctx.pathParam("file")));
    }

    private void serve(final Context ctx, final String name) {
        ConsoleAssets.SECURITY_HEADERS.forEach(ctx::header);
        assets.find(name).ifPresentOrElse(
            asset -> ctx.contentType(asset.contentType()).result(asset.bytes()),
            () -> ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain").result("No such page of the console."));
    }
}
