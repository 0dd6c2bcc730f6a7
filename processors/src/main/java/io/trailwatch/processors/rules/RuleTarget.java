package io.trailwatch.processors.rules;

import io.trailwatch.processors.notify.NotificationTopicDefinition;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.regex.Pattern;

/**
 * One target of a rule, as EventBridge's PutTargets adds it: its id within the rule and what receives each matching
 * event, a Kafka topic or a notification topic (whose subscriptions each get the event, as an SNS target's do).
 *
 * @param id                1 to 64 characters of {@code [.-_A-Za-z0-9]}, unique within the rule
 * @param topic             a Kafka topic that is neither Trailwatch's nor Kafka's own; null for a notification topic
 * @param notificationTopic the name of a notification topic; null for a Kafka topic
 */
public record RuleTarget(String id, String topic, String notificationTopic) {

    /** A Kafka topic target. */
    public RuleTarget(final String id, final String topic) {
        this(id, topic, null);
    }

    /** A notification topic target. */
    public static RuleTarget toNotificationTopic(final String id, final String notificationTopic) {
        return new RuleTarget(id, null, notificationTopic);
    }

    private static final Pattern ID = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** Validates as PutTargets does; {@code field} names the target in errors ({@code Targets.2}). */
    public RuleTarget validate(final String field) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidRecordException(field + ".Id", "must be 1 to 64 characters of letters, digits and "
                + ". - _, was '" + id + "'");
        }
        if (notificationTopic != null) {
            if (topic != null) {
                throw new InvalidRecordException(field, "names a Kafka topic and a notification topic: one only");
            }
            NotificationTopicDefinition.requireName(field + ".NotificationTopic", notificationTopic);
            return this;
        }
        requireTopic(field + ".Topic", topic);
        return this;
    }

    /** A topic a rule may deliver to: a legal Kafka topic name, and not one of {@link #reserved} topics. */
    static void requireTopic(final String field, final String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new InvalidRecordException(field, "is required");
        }
        if (!TOPIC.matcher(topic).matches() || ".".equals(topic) || "..".equals(topic)) {
            throw new InvalidRecordException(field, "is not a legal Kafka topic name (1 to 249 characters of "
                + "letters, digits and . _ -): '" + topic + "'");
        }
        if (reserved(topic)) {
            throw new InvalidRecordException(field, "'" + topic + "' is Trailwatch's or Kafka's own "
                + "topic (names starting with 'trailwatch.', '_' or '__'): a rule may not write to it, since forged "
                + "records there would reach the alarms, the notifier or the archive");
        }
    }

    /**
     * Whether a topic belongs to Trailwatch (its audit trail, alarms, config, identities...) or to Kafka and its
     * tools (__consumer_offsets, __transaction_state, _schemas, Connect's internal topics start with an underscore
     * by convention in Trailwatch's stack): no rule may deliver into those.
     */
    public static boolean reserved(final String topic) {
        return topic.startsWith("trailwatch.") || topic.startsWith("_");
    }
}
