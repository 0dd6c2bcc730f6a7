package io.trailwatch.processors.rules.schedule;

import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Instant;

/**
 * A scheduled rule's ScheduleExpression, {@code rate(...)} or {@code cron(...)}, as EventBridge's PutRule takes it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html): its ticks, in UTC.
 */
public interface RuleSchedule {

    /** EventBridge's limit on a ScheduleExpression. */
    int MAX_LENGTH = 256;

    /** The first tick strictly after the instant; null when there is none within the years cron can name. */
    Instant nextAfter(Instant instant);

    /** Parses either form; a refusal naming {@code field} with EventBridge's reason. */
    static RuleSchedule parse(final String field, final String expression) {
        if (expression == null || expression.isBlank() || expression.length() > MAX_LENGTH) {
            throw new InvalidRecordException(field, "must be rate(...) or cron(...), 1 to " + MAX_LENGTH
                + " characters");
        }
        final String trimmed = expression.trim();
        if (trimmed.startsWith("rate(") && trimmed.endsWith(")")) {
            return RateSchedule.parse(field, trimmed.substring(5, trimmed.length() - 1));
        }
        if (trimmed.startsWith("cron(") && trimmed.endsWith(")")) {
            return CronExpression.parse(field, trimmed.substring(5, trimmed.length() - 1));
        }
        throw new InvalidRecordException(field, "Parameter ScheduleExpression is not valid: '" + expression
            + "' is neither rate(value unit) nor cron(fields)");
    }
}
