package io.trailwatch.processors.logs;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.audit.AuditRecord;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Instant;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The log events Trailwatch keeps, as one stream: every log event of {@code trailwatch.logs} and the audit trail's
 * records as events of {@link AuditLogGroup}. What the log store stores, subscription filters deliver: the same
 * events, by the same rule ({@link #kept}).
 */
public final class KeptLogEvents {

    private KeptLogEvents() {
    }

    /** The log events and the trail's records as log events, merged (build it once per topology). */
    public static KStream<String, LogEvent> of(final KStream<String, LogEvent> logs,
                                               final KStream<String, AuditRecord> audit, final String account) {
        return logs.merge(audit.mapValues(record -> AuditLogGroup.event(record, account),
            Named.as("audit-log-events")), Named.as("logs-and-trail"));
    }

    /**
     * Whether an event of {@link #of} is kept: a trail record always (it was checked when published, and the 14-day
     * rule is about PutLogEvents' arrival: retention removes old ones); an event of {@code trailwatch.logs} when
     * PutLogEvents' rules accept it (which excludes one claiming the audit group). The metric filters' processor
     * dead-letters and counts the others.
     */
    public static boolean kept(final LogEvent event, final String sourceTopic, final long nowMs) {
        if (sourceTopic.equals(Topics.AUDIT.name())) {
            return true;
        }
        try {
            LogEventValidator.validate(event, Instant.ofEpochMilli(nowMs));
            return true;
        } catch (final InvalidRecordException e) {
            return false;
        }
    }
}
