package io.trailwatch.processors.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.Resource;
import io.trailwatch.avro.SessionContext;
import io.trailwatch.avro.SessionIssuer;
import io.trailwatch.avro.UserIdentity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The values of every {@link LookupAttribute} in one audit event: what the index stores and what a filter is
 * matched against. An attribute may have several values (an event touching two resources) or none.
 *
 * <ul>
 *   <li>Username: {@code userIdentity.userName}; for assumed roles and federated users the session name (the
 *       ARN's last segment); {@code root} for the root user; else the issuing role's name.</li>
 *   <li>ResourceType and ResourceName: the record's {@code resources} (name = ARN, also matched by the ARN's last
 *       segment, so a bucket is found by its name), and, as CloudTrail's event history does, the resource a
 *       well-known request parameter names (e.g. S3's {@code bucketName}).</li>
 *   <li>AccountId: the account the event was recorded in ({@code recipientAccountId}) and the caller's.</li>
 * </ul>
 */
public final class EventAttributes {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Request parameters that name the resource of a call, per event source, and the resource type they name. */
    private static final Map<String, Map<String, String>> NAMING_PARAMETERS = Map.of(
        "s3.amazonaws.com", Map.of("bucketName", "AWS::S3::Bucket"),
        "iam.amazonaws.com", Map.of("roleName", "AWS::IAM::Role", "userName", "AWS::IAM::User",
            "groupName", "AWS::IAM::Group", "policyArn", "AWS::IAM::Policy"),
        "lambda.amazonaws.com", Map.of("functionName", "AWS::Lambda::Function"),
        "dynamodb.amazonaws.com", Map.of("tableName", "AWS::DynamoDB::Table"),
        "kms.amazonaws.com", Map.of("keyId", "AWS::KMS::Key"),
        "rds.amazonaws.com", Map.of("dBInstanceIdentifier", "AWS::RDS::DBInstance"));

    /** Each attribute's distinct values, in the order found; lists, since an attribute has one or two values. */
    private final EnumMap<LookupAttribute, List<String>> values = new EnumMap<>(LookupAttribute.class);

    private EventAttributes() {
    }

    public static EventAttributes of(final AuditEvent event) {
        final EventAttributes attributes = new EventAttributes();
        attributes.add(LookupAttribute.EVENT_ID, event.getEventID());
        attributes.add(LookupAttribute.EVENT_NAME, event.getEventName());
        if (event.getReadOnly() != null) {
            attributes.add(LookupAttribute.READ_ONLY, event.getReadOnly().toString());
        }
        attributes.add(LookupAttribute.USERNAME, username(event));
        for (final EventResource resource : resources(event)) {
            attributes.add(LookupAttribute.RESOURCE_TYPE, resource.type());
            attributes.add(LookupAttribute.RESOURCE_NAME, resource.name());
            attributes.add(LookupAttribute.RESOURCE_NAME, lastSegment(resource.name()));
        }
        attributes.add(LookupAttribute.EVENT_SOURCE, event.getEventSource());
        final UserIdentity identity = event.getUserIdentity();
        attributes.add(LookupAttribute.ACCESS_KEY_ID, identity == null ? null : identity.getAccessKeyId());
        attributes.add(LookupAttribute.SOURCE_IP_ADDRESS, event.getSourceIPAddress());
        attributes.add(LookupAttribute.ERROR_CODE, event.getErrorCode());
        attributes.add(LookupAttribute.ACCOUNT_ID, event.getRecipientAccountId());
        attributes.add(LookupAttribute.ACCOUNT_ID, identity == null ? null : identity.getAccountId());
        attributes.add(LookupAttribute.AWS_REGION, event.getAwsRegion());
        return attributes;
    }

    /** The attribute's distinct values in this event; empty when it has none. */
    public List<String> values(final LookupAttribute attribute) {
        return values.getOrDefault(attribute, List.of());
    }

    /** Every (attribute, value) pair, EventId included. */
    public void forEach(final BiConsumer<LookupAttribute, String> action) {
        values.forEach((attribute, set) -> set.forEach(value -> action.accept(attribute, value)));
    }

    /** Whether the event has every value the filters ask for (all filters must hold). */
    public boolean matches(final Map<LookupAttribute, List<String>> filters) {
        for (final Map.Entry<LookupAttribute, List<String>> filter : filters.entrySet()) {
            if (!values(filter.getKey()).containsAll(filter.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** LookupEvents' Username of the event, or null when the identity names no one. */
    public static String username(final AuditEvent event) {
        final UserIdentity identity = event.getUserIdentity();
        if (identity == null) {
            return null;
        }
        if (notEmpty(identity.getUserName())) {
            return identity.getUserName();
        }
        final String type = identity.getType();
        if (("AssumedRole".equals(type) || "FederatedUser".equals(type) || "WebIdentityUser".equals(type)
            || "SAMLUser".equals(type)) && notEmpty(identity.getArn())) {
            return lastSegment(identity.getArn());
        }
        if ("Root".equals(type)) {
            return "root";
        }
        final SessionContext session = identity.getSessionContext();
        final SessionIssuer issuer = session == null ? null : session.getSessionIssuer();
        if (issuer != null && notEmpty(issuer.getUserName())) {
            return issuer.getUserName();
        }
        return notEmpty(identity.getInvokedBy()) ? identity.getInvokedBy() : null;
    }

    /** The resources the event touched: its {@code resources}, then what a naming request parameter names. */
    public static List<EventResource> resources(final AuditEvent event) {
        final Set<EventResource> found = new LinkedHashSet<>();
        if (event.getResources() != null) {
            for (final Resource resource : event.getResources()) {
                if (notEmpty(resource.getARN())) {
                    found.add(new EventResource(resource.getType(), resource.getARN()));
                }
            }
        }
        final Map<String, String> naming = NAMING_PARAMETERS.get(event.getEventSource());
        final String parameters = event.getRequestParameters();
        if (naming != null && parameters != null && naming.keySet().stream().anyMatch(parameters::contains)) {
            final JsonNode tree = parse(parameters);
            naming.forEach((parameter, type) -> {
                final JsonNode value = tree.path(parameter);
                if (value.isTextual() && !value.asText().isEmpty() && !named(found, type, value.asText())) {
                    found.add(new EventResource(type, value.asText()));
                }
            });
        }
        return found.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(found));
    }

    /** Whether a resource of the type (or of no stated type) is already listed by this name or an ARN ending in it. */
    private static boolean named(final Set<EventResource> resources, final String type, final String name) {
        for (final EventResource resource : resources) {
            if ((resource.type() == null || resource.type().equals(type))
                && (resource.name().equals(name) || name.equals(lastSegment(resource.name())))) {
                return true;
            }
        }
        return false;
    }

    private void add(final LookupAttribute attribute, final String value) {
        if (notEmpty(value)) {
            final List<String> found = values.computeIfAbsent(attribute, key -> new ArrayList<>(2));
            if (!found.contains(value)) {
                found.add(value);
            }
        }
    }

    private static JsonNode parse(final String text) {
        try {
            return JSON.readTree(text);
        } catch (final JsonProcessingException notJson) {
            // The publisher validated it as JSON; text that is not yields no named resource rather than no event.
            return JSON.missingNode();
        }
    }

    /** The part after an ARN's last ':' or '/': a bucket's, role's or function's name. */
    static String lastSegment(final String arn) {
        if (arn == null) {
            return null;
        }
        final int cut = Math.max(arn.lastIndexOf(':'), arn.lastIndexOf('/'));
        return cut < 0 ? arn : arn.substring(cut + 1);
    }

    private static boolean notEmpty(final String value) {
        return value != null && !value.isEmpty();
    }
}
