package io.trailwatch.processors.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.schemas.json.CloudTrailJson;

/**
 * An audit event with its CloudTrail JSON rendered once, shared in memory by every processor that reads the audit
 * trail (metric filters, event rules). Readers must not modify {@code json}.
 */
public record AuditRecord(AuditEvent event, ObjectNode json) {

    public static AuditRecord of(final AuditEvent event) {
        return new AuditRecord(event, CloudTrailJson.toJson(event));
    }
}
