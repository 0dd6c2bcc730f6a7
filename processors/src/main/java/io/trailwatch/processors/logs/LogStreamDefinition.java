package io.trailwatch.processors.logs;

/**
 * A log stream of a log group, as CreateLogStream makes it.
 *
 * @param logGroupName  the group it belongs to
 * @param logStreamName its name ({@link LogNames#requireStream})
 * @param creationTime  when it was created, epoch milliseconds
 */
public record LogStreamDefinition(String logGroupName, String logStreamName, long creationTime) {

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
