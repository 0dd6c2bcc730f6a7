package io.trailwatch.app.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** JSON responses of the definition endpoints. */
final class Responses {

    private Responses() {
    }

    static void json(final Context ctx, final HttpStatus status, final JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }
}
