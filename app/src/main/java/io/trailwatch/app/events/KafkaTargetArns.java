package io.trailwatch.app.events;

import java.util.Optional;

/**
 * The ARN an EventBridge target has when it is a Kafka topic of this Trailwatch, in the form of an MSK topic ARN
 * whose cluster is {@code trailwatch}: {@code arn:aws:kafka:<region>:<account>:topic/trailwatch/<topic>}, in the
 * region and account of this instance's event bus. PutTargets takes only those; ListTargetsByRule answers them.
 */
public final class KafkaTargetArns {

    private final String prefix;

    public KafkaTargetArns(final String account, final String region) {
        this.prefix = "arn:aws:kafka:" + region + ":" + account + ":topic/trailwatch/";
    }

    public String arn(final String topic) {
        return prefix + topic;
    }

    /** The topic an ARN names, or empty when it is not a topic of this Trailwatch. */
    public Optional<String> topic(final String arn) {
        return arn.startsWith(prefix) && arn.length() > prefix.length()
            ? Optional.of(arn.substring(prefix.length())) : Optional.empty();
    }

    /** What the ARNs of targets look like, for the error that refuses another kind. */
    public String form() {
        return prefix + "<topic>";
    }
}
