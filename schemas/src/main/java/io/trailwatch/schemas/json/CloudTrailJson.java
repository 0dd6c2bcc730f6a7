package io.trailwatch.schemas.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.Resource;
import io.trailwatch.avro.SessionAttributes;
import io.trailwatch.avro.SessionContext;
import io.trailwatch.avro.SessionIssuer;
import io.trailwatch.avro.TlsDetails;
import io.trailwatch.avro.UserIdentity;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts between CloudTrail's JSON record format and {@link AuditEvent}.
 *
 * <p>Fields the schema does not model are kept in {@code otherFields} as a JSON object with the same
 * nesting, and merged back when rendering, so a record survives the round trip whole.
 */
public final class CloudTrailJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectReader ONE_VALUE = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Set<String> TOP_LEVEL = Set.of("eventVersion", "eventID", "eventTime", "eventSource",
        "eventName", "awsRegion", "sourceIPAddress", "userAgent", "userIdentity", "requestParameters",
        "responseElements", "additionalEventData", "serviceEventDetails", "errorCode", "errorMessage", "requestID",
        "readOnly", "resources", "eventType", "apiVersion", "managementEvent", "recipientAccountId", "sharedEventID",
        "vpcEndpointId", "eventCategory", "tlsDetails");
    private static final Set<String> USER_IDENTITY = Set.of("type", "principalId", "arn", "accountId",
        "accessKeyId", "userName", "invokedBy", "sessionContext");
    private static final Set<String> SESSION_CONTEXT = Set.of("attributes", "sessionIssuer", "sourceIdentity");
    private static final Set<String> ATTRIBUTES = Set.of("mfaAuthenticated", "creationDate");
    private static final Set<String> SESSION_ISSUER = Set.of("type", "principalId", "arn", "accountId", "userName");
    private static final Set<String> TLS_DETAILS = Set.of("tlsVersion", "cipherSuite", "clientProvidedHostHeader");

    private CloudTrailJson() {
    }

    /**
     * Reads the records of a CloudTrail JSON document: one record, an array of records, or
     * {@code {"Records":[...]}} as CloudTrail writes its log files.
     */
    public static List<JsonNode> records(final JsonNode document) {
        if (document.isArray()) {
            final List<JsonNode> list = new ArrayList<>();
            document.forEach(list::add);
            return list;
        }
        if (document.isObject() && document.has("Records") && !document.has("eventName")) {
            final JsonNode records = document.get("Records");
            if (!records.isArray()) {
                throw new InvalidRecordException("Records", "must be an array of CloudTrail records");
            }
            return records(records);
        }
        return List.of(document);
    }

    /** Parses one CloudTrail record, or throws naming the first field that is missing or malformed. */
    public static AuditEvent fromJson(final JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidRecordException("(record)", "must be a JSON object");
        }
        final ObjectNode residual = NODES.objectNode();
        json.fields().forEachRemaining(field -> {
            if (!TOP_LEVEL.contains(field.getKey())) {
                residual.set(field.getKey(), field.getValue());
            }
        });
        final AuditEvent.Builder event = AuditEvent.newBuilder()
            .setEventVersion(requiredText(json, "eventVersion"))
            .setEventID(requiredText(json, "eventID"))
            .setEventTime(instant(json, "eventTime"))
            .setEventSource(requiredText(json, "eventSource"))
            .setEventName(requiredText(json, "eventName"))
            .setAwsRegion(requiredText(json, "awsRegion"))
            .setSourceIPAddress(requiredText(json, "sourceIPAddress"))
            .setUserAgent(optionalText(json, "userAgent", null))
            .setUserIdentity(userIdentity(json, residual))
            .setRequestParameters(jsonText(json, "requestParameters"))
            .setResponseElements(jsonText(json, "responseElements"))
            .setAdditionalEventData(jsonText(json, "additionalEventData"))
            .setServiceEventDetails(jsonText(json, "serviceEventDetails"))
            .setErrorCode(optionalText(json, "errorCode", null))
            .setErrorMessage(optionalText(json, "errorMessage", null))
            .setRequestID(optionalText(json, "requestID", null))
            .setReadOnly(optionalBoolean(json, "readOnly"))
            .setResources(resources(json))
            .setEventType(optionalText(json, "eventType", null))
            .setApiVersion(optionalText(json, "apiVersion", null))
            .setManagementEvent(optionalBoolean(json, "managementEvent"))
            .setRecipientAccountId(optionalText(json, "recipientAccountId", null))
            .setSharedEventID(optionalText(json, "sharedEventID", null))
            .setVpcEndpointId(optionalText(json, "vpcEndpointId", null))
            .setEventCategory(optionalText(json, "eventCategory", null))
            .setTlsDetails(tlsDetails(json, residual));
        event.setOtherFields(residual.isEmpty() ? null : residual.toString());
        return event.build();
    }

    /**
     * Renders the event as a CloudTrail JSON record, as a tree to match against; {@link CloudTrailJsonWriter} writes
     * the same record as text without the tree.
     */
    public static ObjectNode toJson(final AuditEvent event) {
        final ObjectNode json = NODES.objectNode();
        json.put("eventVersion", event.getEventVersion());
        json.set("userIdentity", userIdentityJson(event.getUserIdentity()));
        json.put("eventTime", Instant.ofEpochMilli(event.getEventTime().toEpochMilli()).toString());
        json.put("eventSource", event.getEventSource());
        json.put("eventName", event.getEventName());
        json.put("awsRegion", event.getAwsRegion());
        json.put("sourceIPAddress", event.getSourceIPAddress());
        putIfPresent(json, "userAgent", event.getUserAgent());
        putIfPresent(json, "errorCode", event.getErrorCode());
        putIfPresent(json, "errorMessage", event.getErrorMessage());
        json.set("requestParameters", parseJsonText(event.getRequestParameters()));
        json.set("responseElements", parseJsonText(event.getResponseElements()));
        if (event.getAdditionalEventData() != null) {
            json.set("additionalEventData", parseJsonText(event.getAdditionalEventData()));
        }
        putIfPresent(json, "requestID", event.getRequestID());
        json.put("eventID", event.getEventID());
        if (event.getReadOnly() != null) {
            json.put("readOnly", event.getReadOnly());
        }
        if (event.getResources() != null) {
            final var resources = json.putArray("resources");
            for (final Resource resource : event.getResources()) {
                final ObjectNode node = resources.addObject();
                putIfPresent(node, "accountId", resource.getAccountId());
                putIfPresent(node, "type", resource.getType());
                putIfPresent(node, "ARN", resource.getARN());
            }
        }
        putIfPresent(json, "eventType", event.getEventType());
        putIfPresent(json, "apiVersion", event.getApiVersion());
        if (event.getManagementEvent() != null) {
            json.put("managementEvent", event.getManagementEvent());
        }
        putIfPresent(json, "recipientAccountId", event.getRecipientAccountId());
        putIfPresent(json, "sharedEventID", event.getSharedEventID());
        putIfPresent(json, "vpcEndpointId", event.getVpcEndpointId());
        if (event.getServiceEventDetails() != null) {
            json.set("serviceEventDetails", parseJsonText(event.getServiceEventDetails()));
        }
        putIfPresent(json, "eventCategory", event.getEventCategory());
        final TlsDetails tls = event.getTlsDetails();
        if (tls != null) {
            final ObjectNode node = json.putObject("tlsDetails");
            putIfPresent(node, "tlsVersion", tls.getTlsVersion());
            putIfPresent(node, "cipherSuite", tls.getCipherSuite());
            putIfPresent(node, "clientProvidedHostHeader", tls.getClientProvidedHostHeader());
        }
        if (event.getOtherFields() != null) {
            deepMerge(json, parseJsonText(event.getOtherFields()));
        }
        return json;
    }

    private static UserIdentity userIdentity(final JsonNode json, final ObjectNode residual) {
        final JsonNode node = json.get("userIdentity");
        if (node == null || node.isNull()) {
            throw new InvalidRecordException("userIdentity", "is required");
        }
        if (!node.isObject()) {
            throw new InvalidRecordException("userIdentity", "must be an object");
        }
        keepUnknown(node, USER_IDENTITY, residual, "userIdentity");
        final JsonNode context = node.get("sessionContext");
        SessionContext sessionContext = null;
        if (context != null && !context.isNull()) {
            if (!context.isObject()) {
                throw new InvalidRecordException("userIdentity.sessionContext", "must be an object");
            }
            final ObjectNode identityResidual = childOf(residual, "userIdentity");
            keepUnknown(context, SESSION_CONTEXT, identityResidual, "sessionContext");
            final ObjectNode contextResidual = childOf(identityResidual, "sessionContext");
            sessionContext = SessionContext.newBuilder()
                .setAttributes(attributes(context.get("attributes"), contextResidual))
                .setSessionIssuer(sessionIssuer(context.get("sessionIssuer"), contextResidual))
                .setSourceIdentity(optionalText(context, "sourceIdentity", null, "userIdentity.sessionContext."))
                .build();
            prune(identityResidual, "sessionContext");
            prune(residual, "userIdentity");
        }
        return UserIdentity.newBuilder()
            .setType(requiredText(node, "type", "userIdentity."))
            .setPrincipalId(optionalText(node, "principalId", null, "userIdentity."))
            .setArn(optionalText(node, "arn", null, "userIdentity."))
            .setAccountId(optionalText(node, "accountId", null, "userIdentity."))
            .setAccessKeyId(optionalText(node, "accessKeyId", null, "userIdentity."))
            .setUserName(optionalText(node, "userName", null, "userIdentity."))
            .setInvokedBy(optionalText(node, "invokedBy", null, "userIdentity."))
            .setSessionContext(sessionContext)
            .build();
    }

    private static SessionAttributes attributes(final JsonNode node, final ObjectNode residual) {
        if (node == null || node.isNull()) {
            return null;
        }
        final String prefix = "userIdentity.sessionContext.attributes.";
        keepUnknown(node, ATTRIBUTES, residual, "attributes");
        return SessionAttributes.newBuilder()
            .setMfaAuthenticated(scalarText(node, "mfaAuthenticated", prefix))
            .setCreationDate(optionalText(node, "creationDate", null, prefix))
            .build();
    }

    private static SessionIssuer sessionIssuer(final JsonNode node, final ObjectNode residual) {
        if (node == null || node.isNull()) {
            return null;
        }
        final String prefix = "userIdentity.sessionContext.sessionIssuer.";
        keepUnknown(node, SESSION_ISSUER, residual, "sessionIssuer");
        return SessionIssuer.newBuilder()
            .setType(optionalText(node, "type", null, prefix))
            .setPrincipalId(optionalText(node, "principalId", null, prefix))
            .setArn(optionalText(node, "arn", null, prefix))
            .setAccountId(optionalText(node, "accountId", null, prefix))
            .setUserName(optionalText(node, "userName", null, prefix))
            .build();
    }

    private static TlsDetails tlsDetails(final JsonNode json, final ObjectNode residual) {
        final JsonNode node = json.get("tlsDetails");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidRecordException("tlsDetails", "must be an object");
        }
        keepUnknown(node, TLS_DETAILS, residual, "tlsDetails");
        return TlsDetails.newBuilder()
            .setTlsVersion(optionalText(node, "tlsVersion", null, "tlsDetails."))
            .setCipherSuite(optionalText(node, "cipherSuite", null, "tlsDetails."))
            .setClientProvidedHostHeader(optionalText(node, "clientProvidedHostHeader", null, "tlsDetails."))
            .build();
    }

    private static List<Resource> resources(final JsonNode json) {
        final JsonNode node = json.get("resources");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new InvalidRecordException("resources", "must be an array");
        }
        final List<Resource> resources = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            final JsonNode item = node.get(i);
            final String prefix = "resources[" + i + "].";
            if (!item.isObject()) {
                throw new InvalidRecordException("resources[" + i + "]", "must be an object");
            }
            resources.add(Resource.newBuilder()
                .setARN(optionalText(item, "ARN", null, prefix))
                .setAccountId(optionalText(item, "accountId", null, prefix))
                .setType(optionalText(item, "type", null, prefix))
                .build());
        }
        return resources;
    }

    private static Instant instant(final JsonNode json, final String field) {
        final String text = requiredText(json, field);
        try {
            return Instant.parse(text);
        } catch (final DateTimeParseException e) {
            throw new InvalidRecordException(field, "must be an ISO-8601 UTC time such as 2026-11-21T13:45:00Z, was '"
                + text + "'");
        }
    }

    private static String requiredText(final JsonNode json, final String field) {
        return requiredText(json, field, "");
    }

    private static String requiredText(final JsonNode json, final String field, final String prefix) {
        final String value = optionalText(json, field, null, prefix);
        if (value == null || value.isEmpty()) {
            throw new InvalidRecordException(prefix + field, "is required");
        }
        return value;
    }

    private static String optionalText(final JsonNode json, final String field, final String defaultValue) {
        return optionalText(json, field, defaultValue, "");
    }

    private static String optionalText(final JsonNode json, final String field, final String defaultValue,
                                       final String prefix) {
        final JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isTextual()) {
            throw new InvalidRecordException(prefix + field, "must be a string, was " + node.getNodeType());
        }
        return node.textValue();
    }

    /** CloudTrail writes some flags as strings ("true") and some producers send booleans: accept both. */
    private static String scalarText(final JsonNode json, final String field, final String prefix) {
        final JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw new InvalidRecordException(prefix + field, "must be a string, was " + node.getNodeType());
        }
        return node.asText();
    }

    private static Boolean optionalBoolean(final JsonNode json, final String field) {
        final JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new InvalidRecordException(field, "must be true or false, was " + node);
        }
        return node.booleanValue();
    }

    private static String jsonText(final JsonNode json, final String field) {
        final JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.toString();
    }

    /** JSON text as the value it holds; text that is not exactly one JSON value is a string (as the writer has it). */
    private static JsonNode parseJsonText(final String text) {
        if (text == null) {
            return NODES.nullNode();
        }
        try {
            final JsonNode value = ONE_VALUE.readTree(text);
            return value == null || value.isMissingNode() ? NODES.textNode(text) : value;
        } catch (final JsonProcessingException e) {
            return NODES.textNode(text);
        }
    }

    private static void putIfPresent(final ObjectNode json, final String field, final String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static void keepUnknown(final JsonNode node, final Set<String> known, final ObjectNode residual,
                                    final String name) {
        final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> field = fields.next();
            if (!known.contains(field.getKey())) {
                childOf(residual, name).set(field.getKey(), field.getValue());
            }
        }
    }

    private static ObjectNode childOf(final ObjectNode parent, final String name) {
        final JsonNode child = parent.get(name);
        return child instanceof ObjectNode object ? object : parent.putObject(name);
    }

    private static void prune(final ObjectNode parent, final String name) {
        final JsonNode child = parent.get(name);
        if (child != null && child.isObject() && child.isEmpty()) {
            parent.remove(name);
        }
    }

    private static void deepMerge(final ObjectNode target, final JsonNode extra) {
        if (!extra.isObject()) {
            return;
        }
        extra.fields().forEachRemaining(field -> {
            final JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode object && field.getValue().isObject()) {
                deepMerge(object, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        });
    }

    private static ObjectNode userIdentityJson(final UserIdentity identity) {
        final ObjectNode node = NODES.objectNode();
        node.put("type", identity.getType());
        putIfPresent(node, "principalId", identity.getPrincipalId());
        putIfPresent(node, "arn", identity.getArn());
        putIfPresent(node, "accountId", identity.getAccountId());
        putIfPresent(node, "accessKeyId", identity.getAccessKeyId());
        putIfPresent(node, "userName", identity.getUserName());
        putIfPresent(node, "invokedBy", identity.getInvokedBy());
        final SessionContext context = identity.getSessionContext();
        if (context != null) {
            final ObjectNode contextNode = node.putObject("sessionContext");
            if (context.getSessionIssuer() != null) {
                final SessionIssuer issuer = context.getSessionIssuer();
                final ObjectNode issuerNode = contextNode.putObject("sessionIssuer");
                putIfPresent(issuerNode, "type", issuer.getType());
                putIfPresent(issuerNode, "principalId", issuer.getPrincipalId());
                putIfPresent(issuerNode, "arn", issuer.getArn());
                putIfPresent(issuerNode, "accountId", issuer.getAccountId());
                putIfPresent(issuerNode, "userName", issuer.getUserName());
            }
            if (context.getAttributes() != null) {
                final ObjectNode attributes = contextNode.putObject("attributes");
                putIfPresent(attributes, "creationDate", context.getAttributes().getCreationDate());
                putIfPresent(attributes, "mfaAuthenticated", context.getAttributes().getMfaAuthenticated());
            }
            putIfPresent(contextNode, "sourceIdentity", context.getSourceIdentity());
        }
        return node;
    }
}
