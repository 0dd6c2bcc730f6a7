package io.trailwatch.app.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.access.AccessControl;
import io.trailwatch.app.http.access.ApiCallRoute;
import io.trailwatch.aws.AwsCall;
import io.trailwatch.aws.AwsDialect;
import io.trailwatch.aws.AwsEndpoint;
import io.trailwatch.aws.AwsError;
import io.trailwatch.aws.AwsHttpRequest;
import io.trailwatch.aws.AwsOperation;
import io.trailwatch.aws.AwsResponse;
import io.trailwatch.identity.ResourceNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * AWS's protocols on the HTTP API's address: {@code POST /} (query and awsJson), {@code POST /service/.../operation/...}
 * (Smithy RPC v2 CBOR) and each restJson1 operation's path. The gate ({@link AccessControl}) resolves each request to
 * its operation through {@link #resolve}, so that authorization and the audit record name the real operation; this
 * class then answers it through the {@link AwsEndpoint}, and writes every error in the caller's protocol.
 */
public final class AwsRoutes implements ApiRoutes {

    private static final String CALL = "trailwatch.aws.call";
    private static final String REQUEST_ID = "trailwatch.aws.request-id";
    private static final String CBOR_ROUTE = "/service/{service}/operation/{operation}";

    private final AwsEndpoint endpoint;

    public AwsRoutes(final AwsEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** The endpoint of every operation the features add to {@code apis}. */
    public static AwsRoutes of(final List<?> features) {
        final AwsApis apis = new AwsApis();
        features.stream().filter(AwsOperations.class::isInstance).map(AwsOperations.class::cast)
            .forEach(feature -> feature.addTo(apis));
        return new AwsRoutes(new AwsEndpoint(apis.all()));
    }

    /** Lists this endpoint's routes in the gate's catalogue: their operation is the one each request names. */
    public AwsRoutes listIn(final AccessControl access) {
        routes().forEach(route -> access.addProtocolRoute("POST " + route));
        return this;
    }

    private List<String> routes() {
        final List<String> routes = new ArrayList<>(List.of("/", CBOR_ROUTE));
        routes.addAll(endpoint.restPaths());
        return routes;
    }

    @Override
    public void register(final RoutesConfig routes) {
        for (final String route : routes()) {
            routes.before(route, this::resolve);
            routes.post(route, this::handle);
        }
    }

    /**
     * Decodes the request before the gate, which authorizes and records the operation it names; then
     * {@link #handle} answers it. A request that cannot be decoded is answered with the protocol's error.
     */
    private void resolve(final Context ctx) {
        if (!"POST".equals(ctx.method().name())) {
            return;
        }
        final AwsCall call = decode(ctx);
        final AwsOperation operation = call.operation();
        final Optional<AwsOperation.Resource> resource = operation.resource().apply(call.input());
        final JsonNode parameters = call.input();
        ApiCallRoute.resolved(ctx, new ApiCallRoute.Call(operation.iam(), resource.map(AwsOperation.Resource::arns)
            .orElse(List.of(ResourceNames.ANY)), resource.map(AwsOperation.Resource::type).orElse(null), List.of(),
            call.api().signingName(), parameters));
    }

    private AwsCall decode(final Context ctx) {
        final AwsCall decoded = ctx.attribute(CALL);
        if (decoded != null) {
            return decoded;
        }
        final AwsHttpRequest request = new AwsHttpRequest(ctx.method().name(), ctx.path(), ctx.queryString(),
            ctx::header, ctx.bodyAsBytes());
        final AwsDialect dialect = endpoint.dialect(request);
        ApiErrors.renderWith(ctx, (context, status, code, message, awsError) -> write(context,
            endpoint.error(dialect, awsError != null ? awsError : NativeErrors.of(status, code, message),
                requestId(context))));
        final AwsCall call = endpoint.decode(request, dialect);
        ctx.attribute(CALL, call);
        return call;
    }

    private void handle(final Context ctx) {
        write(ctx, endpoint.invoke(decode(ctx), requestId(ctx)));
    }

    private static String requestId(final Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        if (id == null) {
            id = UUID.randomUUID().toString();
            ctx.attribute(REQUEST_ID, id);
        }
        return id;
    }

    private static void write(final Context ctx, final AwsResponse response) {
        for (final Map.Entry<String, String> header : response.headers().entrySet()) {
            ctx.header(header.getKey(), header.getValue());
        }
        ctx.status(response.status()).contentType(response.contentType()).result(response.body());
    }

    /** The native API's errors (the gate's refusals above all) under the names AWS's protocols give them. */
    static final class NativeErrors {
        private NativeErrors() {
        }

        static AwsError of(final int status, final String code, final String message) {
            return switch (code) {
                case "AccessDenied" -> AwsError.of("AccessDeniedException", "AccessDenied", status, message);
                case "InvalidClientTokenId" -> AwsError.of("UnrecognizedClientException", "InvalidClientTokenId",
                    status, message);
                case "SignatureDoesNotMatch" -> AwsError.of("InvalidSignatureException", "SignatureDoesNotMatch",
                    status, message);
                case "IncompleteSignature" -> AwsError.of("IncompleteSignatureException", "IncompleteSignature",
                    status, message);
                case "MissingAuthenticationToken" -> AwsError.of("MissingAuthenticationTokenException",
                    "MissingAuthenticationToken", status, message);
                case "RequestExpired" -> AwsError.of("InvalidSignatureException", "RequestExpired", status, message);
                case "ExpiredToken" -> AwsError.of("ExpiredTokenException", "ExpiredToken", status, message);
                case "InvalidParameterValue" -> AwsError.of("InvalidParameterValueException", "InvalidParameterValue",
                    status, message);
                case "ServiceUnavailable" -> AwsError.of("ServiceUnavailableException", "ServiceUnavailable", status,
                    message);
                default -> AwsError.of(code, status, message);
            };
        }
    }
}
