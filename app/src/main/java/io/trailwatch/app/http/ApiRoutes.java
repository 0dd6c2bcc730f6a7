package io.trailwatch.app.http;

import io.javalin.config.RoutesConfig;

/** One feature's endpoints on the HTTP API; each feature registers its own. */
@FunctionalInterface
public interface ApiRoutes {

    void register(RoutesConfig routes);
}
