package io.trailwatch.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.aws.internals.Cbor;
import io.trailwatch.aws.internals.ContentEncoding;
import io.trailwatch.aws.internals.QueryForm;
import io.trailwatch.aws.internals.WireTypes;
import io.trailwatch.aws.internals.XmlAnswer;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS's services on one endpoint, addressed as AWS's clients address them:
 * <ul>
 *   <li>{@code POST /service/<target prefix>/operation/<Operation>} with {@code smithy-protocol: rpc-v2-cbor}: Smithy
 *       RPC v2 CBOR;</li>
 *   <li>{@code X-Amz-Target: <target prefix>.<Operation>}: awsJson 1.0 or 1.1, by the {@code Content-Type};</li>
 *   <li>a path a restJson1 service routes ({@code POST /PutAuditEvents}): restJson1;</li>
 *   <li>a form with {@code Action} and {@code Version}: the query protocol of the service the SigV4 credential scope
 *       names (or, unsigned, whose version it is).</li>
 * </ul>
 * It decodes the input into one tree, calls the operation's handler and encodes its answer or error in the same
 * protocol. Authentication and authorization are the caller's (the HTTP API's gate), before {@link #invoke}.
 */
public final class AwsEndpoint {

    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    private static final String CBOR_PATH_PREFIX = "/service/";
    private static final Pattern CBOR_PATH = Pattern.compile("^/service/([^/]+)/operation/([^/]+)$");
    private static final Pattern SCOPE_SERVICE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/[^/]+/([^/]+)/");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AwsApi> apis;

    public AwsEndpoint(final List<AwsApi> apis) {
        this.apis = List.copyOf(apis);
    }

    public List<AwsApi> apis() {
        return apis;
    }

    /** The paths of restJson1 operations, each served at {@code POST <path>}. */
    public List<String> restPaths() {
        return apis.stream().flatMap(api -> api.restRoutes().keySet().stream()).distinct().toList();
    }

    /** The protocol and service of a request; a request this endpoint cannot place is awsJson 1.1 of no service. */
    public AwsDialect dialect(final AwsHttpRequest request) {
        final Matcher cbor = CBOR_PATH.matcher(request.path());
        if (request.path().startsWith(CBOR_PATH_PREFIX)) {
            return new AwsDialect(AwsProtocol.RPC_V2_CBOR, cbor.matches() ? byTarget(cbor.group(1),
                AwsProtocol.RPC_V2_CBOR) : null);
        }
        final String target = request.header().apply("X-Amz-Target");
        if (target != null) {
            final AwsProtocol protocol = mediaType(request).equals("application/x-amz-json-1.0")
                ? AwsProtocol.AWS_JSON_1_0 : AwsProtocol.AWS_JSON_1_1;
            final int dot = target.lastIndexOf('.');
            return new AwsDialect(protocol, dot < 0 ? null : byTarget(target.substring(0, dot), protocol));
        }
        for (final AwsApi api : apis) {
            if (api.restRoutes().containsKey(request.path())) {
                return new AwsDialect(AwsProtocol.REST_JSON_1, api);
            }
        }
        if (mediaType(request).equals("application/x-www-form-urlencoded")) {
            return new AwsDialect(AwsProtocol.AWS_QUERY, queryApi(request));
        }
        return new AwsDialect(AwsProtocol.AWS_JSON_1_1, null);
    }

    private AwsApi byTarget(final String prefix, final AwsProtocol protocol) {
        return apis.stream().filter(api -> prefix.equals(api.targetPrefix()) && api.speaks(protocol)).findFirst()
            .orElse(null);
    }

    private AwsApi queryApi(final AwsHttpRequest request) {
        final String authorization = request.header().apply("Authorization");
        final Matcher scope = SCOPE_SERVICE.matcher(authorization == null ? "" : authorization);
        final String service = scope.find() ? scope.group(1) : null;
        return apis.stream().filter(api -> api.speaks(AwsProtocol.AWS_QUERY))
            .filter(api -> service == null || api.signingName().equals(service)).findFirst().orElse(null);
    }

    /**
     * The call a request makes.
     *
     * @throws AwsError when the request is malformed, or names a service or operation this endpoint does not answer
     */
    public AwsCall decode(final AwsHttpRequest request, final AwsDialect dialect) {
        if (dialect.api() == null) {
            throw AwsError.unknownOperation("No AWS service at this endpoint answers this request (the X-Amz-Target, "
                + "the path or the credential scope names none of " + signingNames() + ").");
        }
        if (!request.method().equals("POST")) {
            throw AwsError.of("UnknownOperationException", "InvalidAction", 405, "AWS protocol requests are POSTs.");
        }
        final AwsApi api = dialect.api();
        final byte[] body = ContentEncoding.decode(request.header().apply("Content-Encoding"), request.body());
        return switch (dialect.protocol()) {
            case RPC_V2_CBOR -> {
                if (!"rpc-v2-cbor".equals(request.header().apply("smithy-protocol"))) {
                    throw AwsError.serialization("a Smithy RPC v2 CBOR request needs the header smithy-protocol: "
                        + "rpc-v2-cbor");
                }
                final Matcher path = CBOR_PATH.matcher(request.path());
                final String operation = path.matches() ? path.group(2) : "";
                checkSize(api, operation, body);
                yield call(api, dialect.protocol(), operation, object(Cbor.read(body)));
            }
            case AWS_JSON_1_0, AWS_JSON_1_1 -> {
                final String target = request.header().apply("X-Amz-Target");
                final String operation = target.substring(target.lastIndexOf('.') + 1);
                checkSize(api, operation, body);
                yield call(api, dialect.protocol(), operation, object(json(body)));
            }
            case REST_JSON_1 -> {
                final String operation = api.restRoutes().get(request.path());
                checkSize(api, operation, body);
                final ObjectNode input = object(json(body));
                QueryForm.parameters(request.rawQuery()).forEach(input::put);
                yield call(api, dialect.protocol(), operation, input);
            }
            case AWS_QUERY -> {
                final Map<String, String> form = QueryForm.parameters(new String(body, StandardCharsets.UTF_8));
                final String action = form.get("Action");
                if (action == null || action.isEmpty()) {
                    throw AwsError.of("MissingAction", 400, "The request must contain the parameter Action.");
                }
                if (!api.queryVersion().equals(form.get("Version"))) {
                    throw AwsError.of("InvalidAction", 400, "Version " + form.get("Version") + " of "
                        + api.signingName() + " is not answered here; use Version=" + api.queryVersion() + ".");
                }
                checkSize(api, action, body);
                yield call(api, dialect.protocol(), action, QueryForm.tree(form));
            }
        };
    }

    private static void checkSize(final AwsApi api, final String operation, final byte[] body) {
        api.maxRequestBytes(operation).filter(limit -> body.length > limit).ifPresent(limit -> {
            throw AwsError.of("RequestEntityTooLargeException", "RequestEntityTooLarge", 413, "Request size "
                + body.length + " exceeded " + limit + " bytes, the limit of " + operation + ".");
        });
    }

    private static AwsCall call(final AwsApi api, final AwsProtocol protocol, final String name,
                                final ObjectNode input) {
        final AwsOperation operation = api.operation(name).orElseThrow(() -> protocol == AwsProtocol.AWS_QUERY
            ? AwsError.of("InvalidAction", 400, "The action " + name + " is not valid for this web service.")
            : AwsError.unknownOperation("Operation " + name + " of " + api.signingName()
                + " is not answered by Trailwatch."));
        try {
            WireTypes.typeInput(api, input);
        } catch (final InvalidRecordException e) {
            // The service's own bad-request shape; a service without a translator answers CloudWatch's, whose query
            // protocol is the one that carries every value as text.
            throw api.translate(e).orElseGet(() -> AwsError.of("InvalidParameterValueException",
                "InvalidParameterValue", 400, e.reason() + "."));
        }
        return new AwsCall(api, operation, protocol, input);
    }

    /**
     * Answers an authorized call.
     *
     * @throws AwsError the operation's refusal, in its service's terms
     * @throws RuntimeException an exception the service's translator does not know: an internal failure
     */
    public AwsResponse invoke(final AwsCall call, final String requestId) {
        final JsonNode output;
        try {
            output = call.operation().handler().handle(call.input());
        } catch (final AwsError e) {
            throw e;
        } catch (final RuntimeException e) {
            throw call.api().translate(e).orElseThrow(() -> e);
        }
        return answer(call, output == null ? JSON.createObjectNode() : output, requestId);
    }

    private static AwsResponse answer(final AwsCall call, final JsonNode output, final String requestId) {
        final AwsApi api = call.api();
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put(REQUEST_ID_HEADER, requestId);
        return switch (call.protocol()) {
            case AWS_QUERY -> new AwsResponse(200, "text/xml", headers, XmlAnswer.result(api,
                call.operation().name(), output, requestId).getBytes(StandardCharsets.UTF_8));
            case AWS_JSON_1_0, AWS_JSON_1_1 -> new AwsResponse(200, jsonMedia(call.protocol()), headers,
                bytes(WireTypes.outputForJson(api, output)));
            case RPC_V2_CBOR -> {
                headers.put("smithy-protocol", "rpc-v2-cbor");
                yield new AwsResponse(200, "application/cbor", headers, Cbor.write(api,
                    WireTypes.outputForJson(api, output)));
            }
            case REST_JSON_1 -> new AwsResponse(200, "application/json", headers,
                bytes(WireTypes.outputForJson(api, output)));
        };
    }

    /** An error in the dialect's protocol, under the names its clients map to exception types. */
    public AwsResponse error(final AwsDialect dialect, final AwsError error, final String requestId) {
        final AwsApi api = dialect.api();
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put(REQUEST_ID_HEADER, requestId);
        final String fault = error.senderFault() ? "Sender" : "Receiver";
        if (dialect.protocol() == AwsProtocol.AWS_QUERY && api != null) {
            return new AwsResponse(error.status(), "text/xml", headers, XmlAnswer.error(api.xmlNamespace(),
                error.senderFault(), error.queryCode(), error.getMessage(), requestId).getBytes(StandardCharsets.UTF_8));
        }
        headers.put("x-amzn-ErrorType", error.shape());
        if (api != null && api.queryCompatible()) {
            headers.put("x-amzn-query-error", error.queryCode() + ";" + fault);
        }
        final boolean namespaced = api != null && api.smithyNamespace() != null
            && (dialect.protocol() == AwsProtocol.AWS_JSON_1_0 || dialect.protocol() == AwsProtocol.RPC_V2_CBOR);
        final ObjectNode body = JSON.createObjectNode();
        if (dialect.protocol() != AwsProtocol.REST_JSON_1) {
            body.put("__type", namespaced ? api.smithyNamespace() + "#" + error.shape() : error.shape());
        }
        body.put("message", error.getMessage());
        body.setAll(error.members());
        return switch (dialect.protocol()) {
            case RPC_V2_CBOR -> {
                headers.put("smithy-protocol", "rpc-v2-cbor");
                yield new AwsResponse(error.status(), "application/cbor", headers, Cbor.write(null, body));
            }
            case REST_JSON_1 -> new AwsResponse(error.status(), "application/json", headers, bytes(body));
            case AWS_JSON_1_0 -> new AwsResponse(error.status(), jsonMedia(AwsProtocol.AWS_JSON_1_0), headers,
                bytes(body));
            default -> new AwsResponse(error.status(), jsonMedia(AwsProtocol.AWS_JSON_1_1), headers, bytes(body));
        };
    }

    /** The operation a request names, if its service and operation are known: for records of refused calls. */
    public Optional<AwsOperation> operationOf(final AwsHttpRequest request, final AwsDialect dialect) {
        try {
            return Optional.of(decode(request, dialect).operation());
        } catch (final AwsError e) {
            return Optional.empty();
        }
    }

    /** The SigV4 signing names of the services answered here ({@code monitoring}, {@code logs}, ...). */
    public Set<String> signingNames() {
        return apis.stream().map(AwsApi::signingName).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static String jsonMedia(final AwsProtocol protocol) {
        return protocol == AwsProtocol.AWS_JSON_1_0 ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
    }

    private static String mediaType(final AwsHttpRequest request) {
        final String type = request.header().apply("Content-Type");
        return type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    private static JsonNode json(final byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
            throw AwsError.serialization("the body is not JSON: " + e.getOriginalMessage());
        } catch (final IOException e) {
            throw AwsError.serialization("the body is not JSON: " + e.getMessage());
        }
    }

    private static ObjectNode object(final JsonNode input) {
        if (input == null || input.isMissingNode()) {
            return JSON.createObjectNode();
        }
        if (!input.isObject()) {
            throw AwsError.serialization("the input must be a structure (an object), not " + input.getNodeType());
        }
        return (ObjectNode) input;
    }

    private static byte[] bytes(final JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
