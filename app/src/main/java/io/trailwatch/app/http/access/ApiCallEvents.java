package io.trailwatch.app.http.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.Resource;
import io.trailwatch.avro.TlsDetails;
import io.trailwatch.avro.UserIdentity;
import io.trailwatch.identity.Principal;
import io.trailwatch.schemas.UrlPasswords;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CloudTrail record of one call to the API: the management event AWS would record for the service the
 * operation belongs to, with who called (userIdentity), from where (sourceIPAddress, userAgent), what they asked
 * (requestParameters, secrets hidden as CloudTrail hides them) and how it ended (errorCode, errorMessage).
 */
final class ApiCallEvents {

    static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";
    /** Parameters larger than this are left out, as CloudTrail omits oversized requestParameters. */
    private static final int MAX_PARAMETERS_CHARS = 64 * 1024;
    private static final Pattern SECRET = Pattern.compile("(?i).*(secret|password|token|credential|apikeyvalue).*");
    private static final Pattern CLAIMED_KEY = Pattern.compile("Credential=([A-Za-z0-9]{1,128})/");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String region;
    private final String accountId;

    ApiCallEvents(final String region, final String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    /**
     * @param principal    the caller, or null when authentication failed
     * @param errorCode    the error answered, or null on success
     */
    AuditEvent of(final Context ctx, final ApiCallRoute.Call call, final Principal principal, final String requestId,
                  final Instant time, final String errorCode, final String errorMessage) {
        final AuditEvent.Builder event = AuditEvent.newBuilder()
            .setEventVersion("1.11")
            .setEventID(java.util.UUID.randomUUID().toString())
            .setEventTime(time)
            .setEventSource(call.operation().eventSource())
            .setEventName(call.operation().name())
            .setAwsRegion(region)
            .setSourceIPAddress(ctx.ip())
            .setUserAgent(ctx.userAgent())
            .setUserIdentity(identity(ctx, principal))
            .setRequestParameters(requestParameters(ctx, call))
            .setErrorCode(errorCode)
            .setErrorMessage(errorMessage)
            .setRequestID(requestId)
            .setReadOnly(call.operation().readOnly())
            .setEventType(call.operation().name().startsWith("Console") ? "AwsConsoleSignIn" : "AwsApiCall")
            .setManagementEvent(!call.operation().dataEvent())
            .setRecipientAccountId(accountId)
            .setEventCategory(call.operation().dataEvent() ? "Data" : "Management")
            .setTlsDetails(tls(ctx));
        if (call.resourceType() != null) {
            event.setResources(call.resourceArns().stream()
                .map(arn -> new Resource(arn, accountId, call.resourceType())).toList());
        }
        return event.build();
    }

    private UserIdentity identity(final Context ctx, final Principal principal) {
        if (principal == null) {
            // Refused before we knew who: record the key the caller claimed, as a lead, never as an identity.
            final String authorization = ctx.header("Authorization");
            return UserIdentity.newBuilder().setType("Unknown").setAccountId(accountId)
                .setAccessKeyId(claimedKey(authorization)).build();
        }
        return UserIdentity.newBuilder().setType(principal.type()).setPrincipalId(principal.userId())
            .setArn(principal.arn()).setAccountId(principal.accountId()).setAccessKeyId(principal.accessKeyId())
            .setUserName(principal.userName()).build();
    }

    /** The key id a refused request named: SigV4's {@code Credential=}, or HTTP Basic's user (the registry's). */
    static String claimedKey(final String authorization) {
        if (authorization == null) {
            return null;
        }
        final Matcher signed = CLAIMED_KEY.matcher(authorization);
        if (signed.find()) {
            return signed.group(1);
        }
        return BasicCredentials.parse(authorization).map(BasicCredentials::accessKeyId)
            .filter(user -> user.matches("[A-Za-z0-9]{1,128}")).orElse(null);
    }

    /** Path parameters under CloudTrail's names, query parameters and the JSON body's fields, in camelCase. */
    private static String requestParameters(final Context ctx, final ApiCallRoute.Call call) {
        final ObjectNode parameters = JSON.createObjectNode();
        if (call.requestParameters() != null) {
            call.requestParameters().fields().forEachRemaining(field -> put(parameters, field.getKey(),
                field.getValue()));
            return parameters.isEmpty() ? null : limited(hidingCredentialEndpoints(parameters).toString());
        }
        final List<String> pathValues = List.copyOf(ctx.pathParamMap().values());
        for (int i = 0; i < Math.min(pathValues.size(), call.pathParameters().size()); i++) {
            final String name = call.pathParameters().get(i);
            if (name.endsWith("Names")) {
                parameters.putArray(name).add(pathValues.get(i));
            } else {
                parameters.put(name, pathValues.get(i));
            }
        }
        ctx.queryParamMap().forEach((name, values) -> put(parameters, name,
            values.size() == 1 ? JSON.getNodeFactory().textNode(values.get(0)) : JSON.valueToTree(values)));
        final JsonNode body = body(ctx);
        if (body != null && body.isObject()) {
            final Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                put(parameters, field.getKey(), field.getValue());
            }
        }
        if (parameters.isEmpty()) {
            return null;
        }
        return limited(hidingCredentialEndpoints(parameters).toString());
    }

    /** A Slack webhook's URL and a PagerDuty routing key are credentials: a Subscribe to them hides its endpoint. */
    private static ObjectNode hidingCredentialEndpoints(final ObjectNode parameters) {
        final String protocol = parameters.path("protocol").asText("").toLowerCase(Locale.ROOT);
        if (parameters.has("endpoint") && (protocol.equals("slack") || protocol.equals("pagerduty"))) {
            parameters.put("endpoint", HIDDEN);
        }
        return parameters;
    }

    private static String limited(final String text) {
        return text.length() > MAX_PARAMETERS_CHARS ? null : text;
    }

    private static void put(final ObjectNode parameters, final String name, final JsonNode value) {
        final String camel = name.isEmpty() ? name : name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
        parameters.set(camel, secret(camel) ? JSON.getNodeFactory().textNode(HIDDEN) : hidingSecrets(value));
    }

    /** A member that holds a secret, at any depth ({@code nextToken} is a page marker, not a secret). */
    private static boolean secret(final String name) {
        return SECRET.matcher(name).matches() && !name.equalsIgnoreCase("nextToken");
    }

    /** The value with every nested member that holds a secret hidden, as CloudTrail hides them. */
    private static JsonNode hidingSecrets(final JsonNode value) {
        if (value.isObject()) {
            final ObjectNode copy = JSON.createObjectNode();
            value.fields().forEachRemaining(field -> copy.set(field.getKey(), secret(field.getKey())
                ? JSON.getNodeFactory().textNode(HIDDEN) : hidingSecrets(field.getValue())));
            return copy;
        }
        if (value.isArray()) {
            final com.fasterxml.jackson.databind.node.ArrayNode copy = JSON.createArrayNode();
            value.forEach(element -> copy.add(hidingSecrets(element)));
            return copy;
        }
        // A subscription's endpoint may be a URL with a password in it (HTTP Basic, as SNS takes it).
        return value.isTextual() ? JSON.getNodeFactory().textNode(UrlPasswords.masked(value.asText())) : value;
    }

    private static JsonNode body(final Context ctx) {
        try {
            final byte[] bytes = ctx.bodyAsBytes();
            return bytes.length == 0 || bytes.length > MAX_PARAMETERS_CHARS ? null : JSON.readTree(bytes);
        } catch (final Exception unreadable) {
            return null;
        }
    }

    private static TlsDetails tls(final Context ctx) {
        if (!ctx.req().isSecure()) {
            return null;
        }
        final Object session = ctx.req().getAttribute(org.eclipse.jetty.io.EndPoint.SslSessionData.ATTRIBUTE);
        final String protocol = session instanceof org.eclipse.jetty.io.EndPoint.SslSessionData ssl
            && ssl.sslSession() != null ? ssl.sslSession().getProtocol() : null;
        final Object cipher = ctx.req().getAttribute("jakarta.servlet.request.cipher_suite");
        return new TlsDetails(protocol, cipher == null ? null : cipher.toString(), ctx.header("Host"));
    }
}
