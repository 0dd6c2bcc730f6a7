package io.trailwatch.schemas.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.Resource;
import io.trailwatch.avro.SessionAttributes;
import io.trailwatch.avro.SessionContext;
import io.trailwatch.avro.SessionIssuer;
import io.trailwatch.avro.TlsDetails;
import io.trailwatch.avro.UserIdentity;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Writes an event as CloudTrail JSON text straight to a generator: the record {@link CloudTrailJson#toJson} builds
 * as a tree, the same fields in the same order, without building the tree. Output paths (the event history's
 * {@code CloudTrailEvent}, the archive's log files) write tens of thousands of records a second, and a tree per
 * record was most of their cost; matching (metric filters, rules) keeps the tree, which it walks.
 *
 * <p>The request parameters and the other JSON-text fields are copied as they are when they hold exactly one JSON
 * value, instead of being parsed into a tree and written again; the tree holds the same value, so the text is the
 * same whenever the field's text is compact (as every record parsed by {@link CloudTrailJson#fromJson} is), and
 * equal as JSON otherwise. Text that is not one JSON value is a string in both. A record with fields the schema does
 * not model ({@code otherFields}, rare) is written from the tree, which merges them back in.
 *
 * <p>Characters outside the Basic Multilingual Plane are written as UTF-8, not as escaped surrogate pairs, so an
 * archived file has the bytes it had when records were written from the tree's text.
 */
public final class CloudTrailJsonWriter {

    /** Jackson's strict defaults, whatever is configured on the shared mapper: what it accepts is copied out raw. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
        .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
        .build();

    private CloudTrailJsonWriter() {
    }

    /** The record as UTF-8 JSON text. */
    public static byte[] toBytes(final AuditEvent event) {
        try (JsonValueBuffer buffer = new JsonValueBuffer(FACTORY)) {
            return buffer.toBytes(json -> write(event, json));
        } catch (final IOException e) {
            throw new UncheckedIOException("writing JSON to memory", e);
        }
    }

    /**
     * Writes records one after another as JSON strings holding their text, LookupEvents' {@code CloudTrailEvent},
     * through one {@link JsonValueBuffer}. One caller at a time.
     */
    public static final class AsString implements Closeable {

        private final JsonValueBuffer text = new JsonValueBuffer(FACTORY);

        /** Writes the record's text, escaped, as a string value of {@code target}. */
        public void write(final AuditEvent event, final JsonGenerator target) throws IOException {
            text.writeAsString(json -> CloudTrailJsonWriter.write(event, json), target);
        }

        @Override
        public void close() throws IOException {
            text.close();
        }
    }

    /** Writes the record as one JSON object. */
    public static void write(final AuditEvent event, final JsonGenerator json) throws IOException {
        if (event.getOtherFields() != null) {
            CloudTrailJson.MAPPER.writeTree(json, CloudTrailJson.toJson(event));
            return;
        }
        json.writeStartObject();
        json.writeStringField("eventVersion", event.getEventVersion());
        json.writeFieldName("userIdentity");
        userIdentity(event.getUserIdentity(), json);
        json.writeStringField("eventTime", Instant.ofEpochMilli(event.getEventTime().toEpochMilli()).toString());
        json.writeStringField("eventSource", event.getEventSource());
        json.writeStringField("eventName", event.getEventName());
        json.writeStringField("awsRegion", event.getAwsRegion());
        json.writeStringField("sourceIPAddress", event.getSourceIPAddress());
        string(json, "userAgent", event.getUserAgent());
        string(json, "errorCode", event.getErrorCode());
        string(json, "errorMessage", event.getErrorMessage());
        jsonText(json, "requestParameters", event.getRequestParameters());
        jsonText(json, "responseElements", event.getResponseElements());
        if (event.getAdditionalEventData() != null) {
            jsonText(json, "additionalEventData", event.getAdditionalEventData());
        }
        string(json, "requestID", event.getRequestID());
        json.writeStringField("eventID", event.getEventID());
        bool(json, "readOnly", event.getReadOnly());
        if (event.getResources() != null) {
            json.writeArrayFieldStart("resources");
            for (final Resource resource : event.getResources()) {
                json.writeStartObject();
                string(json, "accountId", resource.getAccountId());
                string(json, "type", resource.getType());
                string(json, "ARN", resource.getARN());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        string(json, "eventType", event.getEventType());
        string(json, "apiVersion", event.getApiVersion());
        bool(json, "managementEvent", event.getManagementEvent());
        string(json, "recipientAccountId", event.getRecipientAccountId());
        string(json, "sharedEventID", event.getSharedEventID());
        string(json, "vpcEndpointId", event.getVpcEndpointId());
        if (event.getServiceEventDetails() != null) {
            jsonText(json, "serviceEventDetails", event.getServiceEventDetails());
        }
        string(json, "eventCategory", event.getEventCategory());
        final TlsDetails tls = event.getTlsDetails();
        if (tls != null) {
            json.writeObjectFieldStart("tlsDetails");
            string(json, "tlsVersion", tls.getTlsVersion());
            string(json, "cipherSuite", tls.getCipherSuite());
            string(json, "clientProvidedHostHeader", tls.getClientProvidedHostHeader());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void userIdentity(final UserIdentity identity, final JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", identity.getType());
        string(json, "principalId", identity.getPrincipalId());
        string(json, "arn", identity.getArn());
        string(json, "accountId", identity.getAccountId());
        string(json, "accessKeyId", identity.getAccessKeyId());
        string(json, "userName", identity.getUserName());
        string(json, "invokedBy", identity.getInvokedBy());
        final SessionContext context = identity.getSessionContext();
        if (context != null) {
            json.writeObjectFieldStart("sessionContext");
            final SessionIssuer issuer = context.getSessionIssuer();
            if (issuer != null) {
                json.writeObjectFieldStart("sessionIssuer");
                string(json, "type", issuer.getType());
                string(json, "principalId", issuer.getPrincipalId());
                string(json, "arn", issuer.getArn());
                string(json, "accountId", issuer.getAccountId());
                string(json, "userName", issuer.getUserName());
                json.writeEndObject();
            }
            final SessionAttributes attributes = context.getAttributes();
            if (attributes != null) {
                json.writeObjectFieldStart("attributes");
                string(json, "creationDate", attributes.getCreationDate());
                string(json, "mfaAuthenticated", attributes.getMfaAuthenticated());
                json.writeEndObject();
            }
            string(json, "sourceIdentity", context.getSourceIdentity());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /** JSON text as the value it holds; text that is not exactly one JSON value is written as a string. */
    private static void jsonText(final JsonGenerator json, final String field, final String text)
        throws IOException {
        json.writeFieldName(field);
        if (text == null) {
            json.writeNull();
        } else if (isOneJsonValue(text)) {
            json.writeRawValue(text);
        } else {
            json.writeString(text);
        }
    }

    /** Whether the text is one well-formed JSON value, so it can be copied into a record unparsed. */
    static boolean isOneJsonValue(final String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            int depth = 0;
            JsonToken token = parser.currentToken();
            do {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                    // Decoding the text is what checks its escapes; skipping it would not.
                    parser.getTextLength();
                }
            } while (depth > 0 && (token = parser.nextToken()) != null);
            return depth == 0 && parser.nextToken() == null;
        } catch (final IOException notJson) {
            return false;
        }
    }

    private static void string(final JsonGenerator json, final String field, final String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    private static void bool(final JsonGenerator json, final String field, final Boolean value) throws IOException {
        if (value != null) {
            json.writeBooleanField(field, value);
        }
    }
}
