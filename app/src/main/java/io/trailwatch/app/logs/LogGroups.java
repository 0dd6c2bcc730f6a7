package io.trailwatch.app.logs;

import io.trailwatch.app.definitions.DefinitionStore;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.aws.AwsError;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.logs.AuditLogGroup;
import io.trailwatch.processors.logs.LogGroupDefinition;
import io.trailwatch.processors.logs.LogNames;
import io.trailwatch.processors.logs.LogStreamDefinition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * CloudWatch Logs' log groups and their streams, kept as definitions on the config topic: durable, and seen by every
 * instance. Names are checked as CloudWatch checks them; a group or stream that exists is not created again
 * ({@code ResourceAlreadyExistsException}), one that does not is not found ({@code ResourceNotFoundException}).
 * The audit trail's group ({@link AuditLogGroup}) always exists, with the streams the trail writes; it has a
 * definition only once its retention is set, and it cannot be deleted or given streams.
 */
public final class LogGroups {

    private final DefinitionStore definitions;
    private final Clock clock;

    public LogGroups(final DefinitionStore definitions, final Clock clock) {
        this.definitions = definitions;
        this.clock = clock;
    }

    /** CreateLogGroup. */
    public LogGroupDefinition create(final String logGroupName) {
        LogNames.requireGroup("logGroupName", logGroupName);
        if (AuditLogGroup.is(logGroupName) || definitions.get(DefinitionKind.LOG_GROUP, logGroupName).isPresent()) {
            throw alreadyExists("The specified log group already exists: " + logGroupName);
        }
        return put(new LogGroupDefinition(logGroupName, clock.millis(), null));
    }

    /** PutRetentionPolicy ({@code null}: DeleteRetentionPolicy, kept forever). */
    public LogGroupDefinition retain(final String logGroupName, final Integer retentionInDays) {
        return put(group(logGroupName).withRetention(retentionInDays));
    }

    /** CreateLogStream, in a group that exists. */
    public LogStreamDefinition createStream(final String logGroupName, final String logStreamName) {
        final LogStreamDefinition stream = new LogStreamDefinition(logGroupName, logStreamName, clock.millis());
        final DefinitionEntry entry = LogStreamDefinition.TYPE.entryOf(stream); // validates
        writable(logGroupName);
        if (definitions.get(DefinitionKind.LOG_STREAM, stream.name()).isPresent()) {
            throw alreadyExists("The specified log stream already exists: " + logStreamName);
        }
        definitions.put(entry);
        return stream;
    }

    /** The group of that name; ResourceNotFoundException when there is none. */
    public LogGroupDefinition group(final String logGroupName) {
        LogNames.requireGroup("logGroupName", logGroupName);
        return definitions.get(DefinitionKind.LOG_GROUP, logGroupName).map(LogGroups::group)
            .or(() -> AuditLogGroup.is(logGroupName) ? Optional.of(AuditLogGroup.definition()) : Optional.empty())
            .orElseThrow(() -> new ApiErrors.NotFound("The specified log group does not exist: " + logGroupName));
    }

    /** The stream of that name in that group; ResourceNotFoundException when either does not exist. */
    public LogStreamDefinition stream(final String logGroupName, final String logStreamName) {
        group(logGroupName);
        LogNames.requireStream("logStreamName", logStreamName);
        if (AuditLogGroup.is(logGroupName) && AuditLogGroup.isStream(logStreamName)) {
            return new LogStreamDefinition(logGroupName, logStreamName, 0);
        }
        return definitions.get(DefinitionKind.LOG_STREAM, LogStreamDefinition.namePrefix(logGroupName) + logStreamName)
            .map(LogGroups::stream)
            .orElseThrow(() -> new ApiErrors.NotFound("The specified log stream does not exist: " + logStreamName));
    }

    /** The groups whose names start with the prefix, by name. */
    public List<LogGroupDefinition> groups(final String namePrefix) {
        final List<LogGroupDefinition> found = new ArrayList<>(definitions.list(DefinitionKind.LOG_GROUP, namePrefix)
            .stream().map(LogGroups::group).toList());
        if (AuditLogGroup.NAME.startsWith(namePrefix)
            && found.stream().noneMatch(group -> AuditLogGroup.is(group.logGroupName()))) {
            found.add(AuditLogGroup.definition());
            found.sort(Comparator.comparing(LogGroupDefinition::logGroupName));
        }
        return found;
    }

    /** The group's streams whose names start with the prefix, by name; the group must exist. */
    public List<LogStreamDefinition> streams(final String logGroupName, final String namePrefix) {
        group(logGroupName);
        return definitions.list(DefinitionKind.LOG_STREAM, LogStreamDefinition.namePrefix(logGroupName) + namePrefix)
            .stream().map(LogGroups::stream).toList();
    }

    /** DeleteLogGroup: the group and its streams. */
    public void delete(final String logGroupName) {
        writable(logGroupName);
        // The streams first: a delete interrupted midway leaves a group to delete again, never orphaned streams.
        for (final LogStreamDefinition stream : streams(logGroupName, "")) {
            definitions.delete(DefinitionKind.LOG_STREAM, stream.name());
        }
        definitions.delete(DefinitionKind.LOG_GROUP, logGroupName);
    }

    /**
     * The group of that name, which callers may write to: the audit trail's is refused (InvalidOperationException),
     * since only the trail writes it.
     */
    public LogGroupDefinition writable(final String logGroupName) {
        if (AuditLogGroup.is(logGroupName)) {
            throw AwsError.of("InvalidOperationException", 400, AuditLogGroup.NAME + " holds the audit trail, which "
                + "only the trail writes: it cannot be deleted, given streams or written to");
        }
        return group(logGroupName);
    }

    private LogGroupDefinition put(final LogGroupDefinition group) {
        definitions.put(LogGroupDefinition.TYPE.entryOf(group));
        return group;
    }

    private static LogGroupDefinition group(final ConfigEntry entry) {
        return LogGroupDefinition.TYPE.fromJson(entry.getDefinition());
    }

    private static LogStreamDefinition stream(final ConfigEntry entry) {
        return LogStreamDefinition.TYPE.fromJson(entry.getDefinition());
    }

    private static AwsError alreadyExists(final String message) {
        return AwsError.of("ResourceAlreadyExistsException", 400, message);
    }
}
