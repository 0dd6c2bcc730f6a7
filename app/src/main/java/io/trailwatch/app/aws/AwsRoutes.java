package io.trailwatch.app.aws;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.access.AccessControl;
import io.trailwatch.app.http.access.ApiCallRoute;
import io.trailwatch.app.http.access.CurrentCaller;
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
 * (Smithy RPC v2 CBOR) and each restJson1 operation's path. Before the gate, only the protocol is recognized (from
 * the path and headers, not the body), so that every error, the gate's refusals included, is written in the
 * caller's protocol; the gate verifies the signature, then has the request decoded into its operation
 * ({@link #resolve}), so that authorization and the audit record name the real operation; this class then answers
 * it through the {@link AwsEndpoint}.
 */
public final class AwsRoutes implements ApiRoutes {

    private static final String CALL = "trailwatch.aws.call";
    private static final String DIALECT = "trailwatch.aws.dialect";
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
        routes().forEach(route -> access.addProtocolRoute("POST " + route, this::resolve, endpoint.signingNames()));
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
            routes.before(route, this::answerErrorsInTheCallersProtocol);
            routes.post(route, this::handle);
        }
    }

    /** Recognizes the protocol from the path and headers, so that any error is answered in it. */
    private void answerErrorsInTheCallersProtocol(final Context ctx) {
        final AwsDialect dialect = endpoint.dialect(request(ctx));
        ctx.attribute(DIALECT, dialect);
        ApiErrors.renderWith(ctx, (context, status, code, message, awsError) -> write(context,
            endpoint.error(dialect, awsError != null ? awsError : NativeErrors.of(status, code, message),
                requestId(context))));
    }

    /**
     * The gate's decoder, asked once the signature is verified: the operation the request names, what it touches,
     * and its input as the audit record shows it. A request that cannot be decoded is answered with the protocol's
     * error.
     */
    private ApiCallRoute.Call resolve(final Context ctx) {
        final AwsCall call = decode(ctx);
        final AwsOperation operation = call.operation();
        final Optional<AwsOperation.Resource> resource = operation.resource().apply(call.input());
        return new ApiCallRoute.Call(operation.iam(), resource.map(AwsOperation.Resource::arns)
            .orElse(List.of(ResourceNames.ANY)), resource.map(AwsOperation.Resource::type).orElse(null), List.of(),
            call.api().signingName(), call.input());
    }

    private AwsCall decode(final Context ctx) {
        final AwsCall decoded = ctx.attribute(CALL);
        if (decoded != null) {
            return decoded;
        }
        final AwsCall call = endpoint.decode(request(ctx), ctx.attribute(DIALECT));
        ctx.attribute(CALL, call);
        return call;
    }

    private static AwsHttpRequest request(final Context ctx) {
        return new AwsHttpRequest(ctx.method().name(), ctx.path(), ctx.queryString(), ctx::header, ctx.bodyAsBytes());
    }

    private void handle(final Context ctx) {
        write(ctx, CurrentCaller.during(ctx, () -> endpoint.invoke(decode(ctx), requestId(ctx))));
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
