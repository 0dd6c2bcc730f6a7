package io.trailwatch.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.trailwatch.app.http.access.AccessRefused;
import io.trailwatch.aws.AwsError;
import io.trailwatch.identity.IdentityException;
import io.trailwatch.processors.common.InstanceRouter;
import io.trailwatch.schemas.json.InvalidRecordException;
import io.trailwatch.schemas.text.Printable;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the API reports errors: JSON with the offending field (or parameter) and the reason, as
 * {@code {"error":"InvalidParameterValue","field":"period","message":"..."}}, so a client can tell what to fix.
 */
public final class ApiErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWERED = "trailwatch.error";
    private static final String RENDERER = "trailwatch.error.renderer";
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    /** A request the client must fix: 400 with the parameter and the reason. */
    public static final class BadRequest extends RuntimeException {
        private final String field;

        public BadRequest(final String field, final String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** What was asked for does not exist: 404. */
    public static final class NotFound extends RuntimeException {
        public NotFound(final String message) {
            super(message);
        }
    }

    /** The error a call was answered with, as its audit record reports it. */
    public record Answered(String code, String message) { }

    /**
     * Writes the errors of a request that speaks another protocol than the native API's JSON (AWS's query, JSON and
     * CBOR protocols), from the native error's status, code and message, or from the protocol's own error.
     */
    @FunctionalInterface
    public interface Renderer {
        /** @param awsError the protocol's own error when that is what was thrown, else null */
        void render(Context ctx, int status, String code, String message, AwsError awsError);
    }

    /** Answers this request's errors with {@code renderer} instead of the native API's JSON. */
    public static void renderWith(final Context ctx, final Renderer renderer) {
        ctx.attribute(RENDERER, renderer);
    }

    static void register(final RoutesConfig routes) {
        routes.exception(AwsError.class, (e, ctx) -> {
            ctx.attribute(ANSWERED, new Answered(e.shape(), e.getMessage()));
            final Renderer renderer = ctx.attribute(RENDERER);
            if (renderer != null) {
                renderer.render(ctx, e.status(), e.shape(), e.getMessage(), e);
            } else {
                respond(ctx, HttpStatus.forStatus(e.status()), e.queryCode(), null, e.getMessage());
            }
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), Printable.escape(ctx.path()), e);
            respond(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "InternalFailure", null, "The request processing has "
                + "failed because of an unknown error, exception or failure; it is logged on the server.");
        });
        routes.exception(AccessRefused.class, (e, ctx) -> respond(ctx, HttpStatus.forStatus(e.status()), e.code(),
            null, e.getMessage()));
        routes.exception(IdentityException.class, (e, ctx) -> respond(ctx, HttpStatus.forStatus(e.httpStatus()),
            e.code(), null, e.getMessage()));
        routes.exception(BadRequest.class, (e, ctx) -> respond(ctx, HttpStatus.BAD_REQUEST, "InvalidParameterValue",
            e.field(), e.getMessage()));
        routes.exception(InvalidRecordException.class, (e, ctx) -> respond(ctx, HttpStatus.BAD_REQUEST,
            "ValidationError", e.field(), e.getMessage()));
        routes.exception(NotFound.class, (e, ctx) -> respond(ctx, HttpStatus.NOT_FOUND, "ResourceNotFound", null,
            e.getMessage()));
        routes.exception(InstanceRouter.UnavailableException.class, (e, ctx) -> respond(ctx,
            HttpStatus.SERVICE_UNAVAILABLE, "ServiceUnavailable", null, e.getMessage()));
        // State stores are not queryable while the instance starts or rebalances: the client should retry.
        routes.exception(InvalidStateStoreException.class, (e, ctx) -> respond(ctx, HttpStatus.SERVICE_UNAVAILABLE,
            "ServiceUnavailable", null, "state is being restored or rebalanced: " + e.getMessage()));
    }

    public static void respond(final Context ctx, final HttpStatus status, final String error, final String field,
                               final String message) {
        final ObjectNode body = JSON.createObjectNode().put("error", error);
        if (field != null) {
            body.put("field", field);
        }
        body.put("message", message);
        ctx.attribute(ANSWERED, new Answered(error, message));
        final Renderer renderer = ctx.attribute(RENDERER);
        if (renderer != null) {
            renderer.render(ctx, status.getCode(), error, message, null);
            return;
        }
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    /** The error {@link #respond} answered the call with, or null. */
    public static Answered answered(final Context ctx) {
        return ctx.attribute(ANSWERED);
    }
}
