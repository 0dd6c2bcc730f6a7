package io.trailwatch.processors.rules;

import io.trailwatch.schemas.json.InvalidRecordException;

/**
 * A target's RetryPolicy, as PutTargets takes it: how many times a failed invocation of an API destination is
 * retried, and for how long after the event arrived, before it goes to the target's dead-letter topic. Kafka topic
 * targets are written in the rule's own transaction and never retried.
 *
 * @param maximumRetryAttempts     0 to 185 (EventBridge's bounds and default 185); null: the default
 * @param maximumEventAgeInSeconds 60 to 86,400 (default 86,400, 24 hours); null: the default
 */
public record TargetRetryPolicy(Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds) {

    public static final int DEFAULT_ATTEMPTS = 185;
    public static final int DEFAULT_AGE = 86_400;
    /** EventBridge's policy when a target has none. */
    public static final TargetRetryPolicy DEFAULT = new TargetRetryPolicy(DEFAULT_ATTEMPTS, DEFAULT_AGE);

    public TargetRetryPolicy validate(final String field) {
        if (maximumRetryAttempts != null && (maximumRetryAttempts < 0 || maximumRetryAttempts > DEFAULT_ATTEMPTS)) {
            throw new InvalidRecordException(field + ".MaximumRetryAttempts", "must be 0 to " + DEFAULT_ATTEMPTS);
        }
        if (maximumEventAgeInSeconds != null && (maximumEventAgeInSeconds < 60
            || maximumEventAgeInSeconds > DEFAULT_AGE)) {
            throw new InvalidRecordException(field + ".MaximumEventAgeInSeconds", "must be 60 to " + DEFAULT_AGE);
        }
        return this;
    }

    public int retries() {
        return maximumRetryAttempts == null ? DEFAULT_ATTEMPTS : maximumRetryAttempts;
    }

    public int maxAgeSeconds() {
        return maximumEventAgeInSeconds == null ? DEFAULT_AGE : maximumEventAgeInSeconds;
    }
}
