package io.trailwatch.app.notify;

import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.Optional;

/**
 * SNS's ARNs of this deployment's topics ({@code arn:aws:sns:<region>:<account>:<name>}) and subscriptions (the
 * topic's ARN, {@code :<id>}): read back into names, a malformed one refused naming the parameter, one of another
 * account or region not found, as SNS answers for a topic it does not have.
 */
public final class TopicArns {

    private static final String SNS_PREFIX = "arn:aws:sns:";

    private final ResourceNames names;

    public TopicArns(final ResourceNames names) {
        this.names = names;
    }

    public String topic(final String topicName) {
        return names.topic(topicName);
    }

    public String subscription(final String topicName, final String id) {
        return names.topic(topicName) + ":" + id;
    }

    /** The name of the topic the ARN names. */
    public String topicName(final String field, final String arn) {
        final String[] parts = parts(field, arn, 6);
        return parts[5];
    }

    /** The topic's name and the subscription's id the subscription ARN names. */
    public SubscriptionName subscriptionName(final String field, final String arn) {
        final String[] parts = parts(field, arn, 7);
        return new SubscriptionName(parts[5], parts[6]);
    }

    /** The topic's name when the ARN is one of this deployment's topic ARNs (an alarm's action may name others). */
    public Optional<String> ownTopic(final String arn) {
        final String prefix = names.topic("");
        final String name = arn.startsWith(prefix) ? arn.substring(prefix.length()) : "";
        return name.isEmpty() || name.contains(":") ? Optional.empty() : Optional.of(name);
    }

    private String[] parts(final String field, final String arn, final int count) {
        if (arn == null || arn.isEmpty()) {
            throw new InvalidRecordException(field, "is required");
        }
        final String[] parts = arn.split(":", -1);
        if (!arn.startsWith(SNS_PREFIX) || parts.length != count || parts[5].isEmpty()) {
            throw new InvalidRecordException(field, "Invalid " + field + ": " + arn);
        }
        if (!parts[3].equals(names.region()) || !parts[4].equals(names.accountId())) {
            throw new ApiErrors.NotFound((count == 6 ? "Topic" : "Subscription") + " does not exist: " + arn);
        }
        return parts;
    }

    /** A subscription as its ARN names it. */
    public record SubscriptionName(String topicName, String id) {
    }
}
