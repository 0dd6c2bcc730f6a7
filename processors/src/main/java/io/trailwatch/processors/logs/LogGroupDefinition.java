package io.trailwatch.processors.logs;

import static io.trailwatch.processors.config.DefinitionShapes.INTEGER;
import static io.trailwatch.processors.config.DefinitionShapes.LONG;
import static io.trailwatch.processors.config.DefinitionShapes.STRING;
import static io.trailwatch.processors.config.DefinitionShapes.object;
import static io.trailwatch.processors.config.DefinitionShapes.optional;
import static io.trailwatch.processors.config.DefinitionShapes.present;

import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionShapes.ObjectShape;
import io.trailwatch.processors.config.DefinitionType;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.List;

/**
 * A log group, as CreateLogGroup makes it and PutRetentionPolicy changes it.
 *
 * @param logGroupName    its name ({@link LogNames#requireGroup})
 * @param creationTime    when it was created, epoch milliseconds (kept across retention changes)
 * @param retentionInDays how long its events are kept; null: forever
 */
public record LogGroupDefinition(String logGroupName, long creationTime, Integer retentionInDays) {

    /** Its JSON fields and their types, as the API takes it. */
    public static final ObjectShape SHAPE = object("a log group (CreateLogGroup)",
        optional("LogGroupName", STRING),
        present("CreationTime", LONG),
        optional("RetentionInDays", INTEGER));

    /** How it is read, checked and stored: every edge that takes one reads it through this. */
    public static final DefinitionType<LogGroupDefinition> TYPE = DefinitionType.of(
        DefinitionKind.LOG_GROUP, LogGroupDefinition.class, SHAPE, LogGroupDefinition::logGroupName,
        LogGroupDefinition::validate);

    /** The retention periods CloudWatch Logs allows (PutRetentionPolicy). */
    public static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
        545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    public LogGroupDefinition validate() {
        LogNames.requireGroup("logGroupName", logGroupName);
        requireRetention(retentionInDays);
        return this;
    }

    public LogGroupDefinition withRetention(final Integer days) {
        return new LogGroupDefinition(logGroupName, creationTime, requireRetention(days));
    }

    private static Integer requireRetention(final Integer days) {
        if (days != null && !RETENTION_DAYS.contains(days)) {
            throw new InvalidRecordException("retentionInDays", "must be one of " + RETENTION_DAYS + ", was " + days);
        }
        return days;
    }
}
