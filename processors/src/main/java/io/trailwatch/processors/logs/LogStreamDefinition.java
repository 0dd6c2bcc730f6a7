package io.trailwatch.processors.logs;

import static io.trailwatch.processors.config.DefinitionShapes.LONG;
import static io.trailwatch.processors.config.DefinitionShapes.STRING;
import static io.trailwatch.processors.config.DefinitionShapes.object;
import static io.trailwatch.processors.config.DefinitionShapes.optional;
import static io.trailwatch.processors.config.DefinitionShapes.present;

import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionShapes.ObjectShape;
import io.trailwatch.processors.config.DefinitionType;

/**
 * A log stream of a log group, as CreateLogStream makes it.
 *
 * @param logGroupName  the group it belongs to
 * @param logStreamName its name ({@link LogNames#requireStream})
 * @param creationTime  when it was created, epoch milliseconds
 */
public record LogStreamDefinition(String logGroupName, String logStreamName, long creationTime) {

    /** Its JSON fields and their types, as the API takes it. */
    public static final ObjectShape SHAPE = object("a log stream (CreateLogStream)",
        optional("LogGroupName", STRING),
        optional("LogStreamName", STRING),
        present("CreationTime", LONG));

    /** How it is read, checked and stored: every edge that takes one reads it through this. */
    public static final DefinitionType<LogStreamDefinition> TYPE = DefinitionType.of(
        DefinitionKind.LOG_STREAM, LogStreamDefinition.class, SHAPE, LogStreamDefinition::name,
        LogStreamDefinition::validate);

    /** Between the group's name and the stream's in a definition's name: neither name may contain it. */
    private static final char SEPARATOR = ':';

    public LogStreamDefinition validate() {
        LogNames.requireGroup("logGroupName", logGroupName);
        LogNames.requireStream("logStreamName", logStreamName);
        return this;
    }

    /** The definition's name on the config topic: unique per group and stream, and prefixed by its group's. */
    public String name() {
        return namePrefix(logGroupName) + logStreamName;
    }

    /** What the names of a group's streams start with. */
    public static String namePrefix(final String logGroupName) {
        return logGroupName + SEPARATOR;
    }
}
