package io.trailwatch.app.logs;

import io.trailwatch.identity.ResourceNames;
import io.trailwatch.schemas.json.InvalidRecordException;

/**
 * CloudWatch Logs' {@code logGroupIdentifier}: a log group's name or its ARN (without the {@code :*} that
 * DescribeLogGroups' {@code arn} ends with), of this deployment's account and region.
 */
final class LogGroupIdentifier {

    static final String MEMBER = "logGroupIdentifier";

    private LogGroupIdentifier() {
    }

    /** The group's name. */
    static String name(final String identifier, final ResourceNames names) {
        if (!identifier.startsWith("arn:")) {
            return identifier;
        }
        final String prefix = names.logGroup("");
        if (!identifier.startsWith(prefix) || identifier.length() == prefix.length() || identifier.endsWith(":*")) {
            throw new InvalidRecordException(MEMBER, "must be a log group name or the ARN " + prefix
                + "<name> (without ':*'), was '" + identifier + "'");
        }
        return identifier.substring(prefix.length());
    }
}
