package io.trailwatch.processors.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.processors.notify.NotificationTopicDefinition;
import io.trailwatch.processors.rules.input.InputTransformer;
import io.trailwatch.processors.rules.input.JsonPaths;
import io.trailwatch.processors.rules.destinations.ConnectionDefinition;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.regex.Pattern;

/**
 * One target of a rule, as EventBridge's PutTargets adds it: its id within the rule and what receives each matching
 * event, exactly one of a Kafka topic, a notification topic (whose subscriptions each get the event, as an SNS
 * target's do) or an API destination (an HTTP endpoint invoked with the connection's authorization).
 *
 * @param id                1 to 64 characters of {@code [.-_A-Za-z0-9]}, unique within the rule
 * @param topic             a Kafka topic that is neither Trailwatch's nor Kafka's own; or null
 * @param notificationTopic the name of a notification topic; or null
 * @param apiDestination    the name of an API destination; or null
 * @param roleArn           the RoleArn given (EventBridge requires one for API destinations; Trailwatch authorizes
 *                          at PutTargets and keeps it only to answer it); null: none
 * @param retryPolicy       how an API destination's failed invocation is retried; null: EventBridge's default
 * @param deadLetterTopic   the Kafka topic of the target's DeadLetterConfig; null: Trailwatch's own dead letters
 * @param input             Input: fixed JSON text the target gets instead of the event; or null
 * @param inputPath         InputPath: the JSON path of the part of the event the target gets; or null
 * @param inputTransformer  InputTransformer: the target gets its template filled from the event; or null
 */
public record RuleTarget(String id, String topic, String notificationTopic, String apiDestination, String roleArn,
                         TargetRetryPolicy retryPolicy, String deadLetterTopic, String input, String inputPath,
                         InputTransformer inputTransformer) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** IAM's limit on an ARN. */
    private static final int MAX_ROLE_ARN = 1600;

    /** A Kafka topic target. */
    public RuleTarget(final String id, final String topic) {
        this(id, topic, null, null, null, null, null, null, null, null);
    }

    /** A notification topic target. */
    public static RuleTarget toNotificationTopic(final String id, final String notificationTopic) {
        return new RuleTarget(id, null, notificationTopic, null, null, null, null, null, null, null);
    }

    /** An API destination target. */
    public static RuleTarget toApiDestination(final String id, final String apiDestination) {
        return new RuleTarget(id, null, null, apiDestination, null, null, null, null, null, null);
    }

    /** This target with PutTargets' RoleArn, RetryPolicy and DeadLetterConfig (each may be null). */
    public RuleTarget with(final String role, final TargetRetryPolicy retries, final String deadLetters) {
        return new RuleTarget(id, topic, notificationTopic, apiDestination, role, retries, deadLetters, input,
            inputPath, inputTransformer);
    }

    /** This target with PutTargets' Input, InputPath and InputTransformer (at most one of them given). */
    public RuleTarget withInput(final String fixed, final String path, final InputTransformer transformer) {
        return new RuleTarget(id, topic, notificationTopic, apiDestination, roleArn, retryPolicy, deadLetterTopic,
            fixed, path, transformer);
    }

    /**
     * What the target gets for the event: the event itself, or what its Input, InputPath or InputTransformer make
     * of it.
     */
    public String inputFor(final JsonNode event, final InputTransformer.Context context) {
        if (input != null) {
            return input;
        }
        if (inputPath != null) {
            final JsonNode selected = JsonPaths.read(event, inputPath);
            return selected == null ? "null" : selected.toString();
        }
        return inputTransformer != null ? inputTransformer.apply(event, context) : event.toString();
    }

    /** The Kafka topics this target writes: its topic if it is one, and its dead-letter topic if it has one. */
    public java.util.stream.Stream<String> kafkaTopics() {
        return java.util.stream.Stream.of(topic, deadLetterTopic).filter(java.util.Objects::nonNull);
    }

    /** The retry policy that applies: the target's, or EventBridge's default. */
    public TargetRetryPolicy retries() {
        return retryPolicy == null ? TargetRetryPolicy.DEFAULT : retryPolicy;
    }

    private static final Pattern ID = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** Validates as PutTargets does; {@code field} names the target in errors ({@code Targets.2}). */
    public RuleTarget validate(final String field) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidRecordException(field + ".Id", "must be 1 to 64 characters of letters, digits and "
                + ". - _, was '" + id + "'");
        }
        if ((topic != null ? 1 : 0) + (notificationTopic != null ? 1 : 0) + (apiDestination != null ? 1 : 0) > 1) {
            throw new InvalidRecordException(field, "names more than one of a Kafka topic, a notification topic and "
                + "an API destination: one only");
        }
        if (roleArn != null && (roleArn.isEmpty() || roleArn.length() > MAX_ROLE_ARN)) {
            throw new InvalidRecordException(field + ".RoleArn", "must be 1 to " + MAX_ROLE_ARN + " characters");
        }
        if (retryPolicy != null) {
            retryPolicy.validate(field + ".RetryPolicy");
        }
        if (deadLetterTopic != null) {
            requireTopic(field + ".DeadLetterConfig.Arn", deadLetterTopic);
        }
        validateInput(field);
        if (notificationTopic != null) {
            NotificationTopicDefinition.requireName(field + ".NotificationTopic", notificationTopic);
        } else if (apiDestination != null) {
            ConnectionDefinition.requireName(field + ".ApiDestination", apiDestination);
        } else {
            requireTopic(field + ".Topic", topic);
        }
        return this;
    }

    private void validateInput(final String field) {
        if ((input != null ? 1 : 0) + (inputPath != null ? 1 : 0) + (inputTransformer != null ? 1 : 0) > 1) {
            throw new InvalidRecordException(field, "Only one of Input, InputPath, or InputTransformer must be "
                + "provided.");
        }
        if (input != null) {
            if (input.length() > InputTransformer.MAX_TEMPLATE) {
                throw new InvalidRecordException(field + ".Input", "must be at most " + InputTransformer.MAX_TEMPLATE
                    + " characters");
            }
            try {
                JSON.readTree(input);
            } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new InvalidRecordException(field + ".Input", "must be valid JSON: " + e.getOriginalMessage());
            }
        }
        if (inputPath != null) {
            JsonPaths.steps(field + ".InputPath", inputPath);
        }
        if (inputTransformer != null) {
            inputTransformer.validate(field + ".InputTransformer");
        }
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
