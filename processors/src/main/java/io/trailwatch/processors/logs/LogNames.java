package io.trailwatch.processors.logs;

import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.regex.Pattern;

/** CloudWatch Logs' rules for log group and log stream names (CreateLogGroup, CreateLogStream). */
public final class LogNames {

    public static final int MAX_LENGTH = 512;
    private static final Pattern GROUP = Pattern.compile("[.\\-_/#A-Za-z0-9]+");

    private LogNames() {
    }

    /** 1 to 512 characters of {@code [.-_/#A-Za-z0-9]}. */
    public static String requireGroup(final String field, final String name) {
        requireLength(field, name);
        if (!GROUP.matcher(name).matches()) {
            throw new InvalidRecordException(field, "may contain only letters, digits and . - _ / #, was '"
                + name + "'");
        }
        return name;
    }

    /** 1 to 512 characters, neither ':' nor '*'. */
    public static String requireStream(final String field, final String name) {
        requireLength(field, name);
        if (name.indexOf(':') >= 0 || name.indexOf('*') >= 0) {
            throw new InvalidRecordException(field, "may not contain ':' or '*', was '" + name + "'");
        }
        return name;
    }

    private static void requireLength(final String field, final String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidRecordException(field, "is required");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidRecordException(field, "at most " + MAX_LENGTH + " characters, got " + name.length());
        }
    }
}
