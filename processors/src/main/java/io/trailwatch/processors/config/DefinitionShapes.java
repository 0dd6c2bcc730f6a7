package io.trailwatch.processors.config;

import io.trailwatch.processors.logs.subscription.SubscriptionFilterDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.processors.alarm.CompositeAlarmDefinition;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.processors.alarm.mute.AlarmMuteRuleDefinition;
import io.trailwatch.processors.logs.LogGroupDefinition;
import io.trailwatch.processors.logs.LogStreamDefinition;
import io.trailwatch.processors.notify.NotificationTopicDefinition;
import io.trailwatch.processors.notify.SubscriptionDefinition;
import io.trailwatch.processors.rules.RuleDefinition;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import io.trailwatch.processors.rules.destinations.ApiDestinationDefinition;
import io.trailwatch.processors.rules.destinations.ConnectionDefinition;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The JSON shape of each kind of definition: its fields and their JSON types, checked before a definition is bound
 * to its record, so that nothing is coerced, as AWS's APIs coerce nothing:
 * <ul>
 *   <li>a string field takes a JSON string (not {@code 123}), an integer field a JSON integer within Java's int
 *   (not {@code 1.5}, nor {@code 1.0}, nor {@code "1"}), a number field a JSON number, a boolean field {@code true}
 *   or {@code false}, a list a JSON array;</li>
 *   <li>null reads as absent where the record can hold it (strings, lists, objects), and is rejected for the
 *   numbers and booleans a record holds as primitives (where it would silently become 0 or false);</li>
 *   <li>field names are matched ignoring case, as the definitions are read; a name that is not one of the
 *   definition's fields, or one given twice in different cases, is rejected.</li>
 * </ul>
 * YAML read by Jackson gives the same node types, so config files are held to the same shapes (quote a YAML value
 * that must be a string but looks like a number: {@code metricValue: "1"}). Errors name the field by its path as
 * given, e.g. {@code metricTransformations[0].metricValue}.
 */
public final class DefinitionShapes {

    /** A JSON value's expected shape. */
    public interface Shape {

        /** What the value must be, for messages: "a string", "a list of strings". */
        String expected();

        /** Whether the value is of this shape's JSON type at its top level (a list is an array, ...). */
        boolean fits(JsonNode node);

        /** @throws InvalidRecordException naming the first offending field under {@code path} */
        void check(JsonNode node, String path);

        /** Checks a whole definition; fields are named from its root. */
        default void check(final JsonNode node) {
            check(node, "");
        }
    }

    /** A JSON string. */
    public static final Shape STRING = new Scalar("a string", JsonNode::isTextual);
    /** A JSON integer that fits a Java int. */
    public static final Shape INTEGER = new Scalar("an integer", node -> node.isIntegralNumber() && node.canConvertToInt());
    /**
     * Any JSON number (integer or not) that a double holds: one too large for it (1e400, read as infinity) is not
     * passed on as infinity.
     */
    public static final Shape NUMBER = new Scalar("a number", node -> node.isNumber()
        && (!node.isFloatingPointNumber() || Double.isFinite(node.doubleValue())));
    /** A JSON integer that fits a Java long (epoch milliseconds). */
    public static final Shape LONG = new Scalar("an integer", node -> node.isIntegralNumber()
        && node.canConvertToLong());
    /** true or false. */
    public static final Shape BOOLEAN = new Scalar("a boolean (true or false)", JsonNode::isBoolean);
    /** Any JSON object, whatever it holds (an event pattern). */
    public static final Shape ANY_OBJECT = new Scalar("an object", JsonNode::isObject);

    static final Shape METRIC_TRANSFORMATION = object("a metric transformation",
        optional("MetricName", STRING),
        optional("MetricNamespace", STRING),
        optional("MetricValue", STRING),
        optional("DefaultValue", NUMBER),
        optional("Dimensions", mapOf(STRING)),
        optional("Unit", STRING));

    static final Shape METRIC_FILTER = object("a metric filter (PutMetricFilter)",
        optional("FilterName", STRING),
        optional("LogGroupName", STRING),
        optional("FilterPattern", STRING),
        optional("MetricTransformations", listOf(METRIC_TRANSFORMATION)));

    private static final Shape DIMENSION = object("a dimension", present("Name", STRING), present("Value", STRING));

    static final Shape METRIC_ALARM = object("a metric alarm (PutMetricAlarm)",
        optional("AlarmName", STRING),
        optional("AlarmDescription", STRING),
        optional("Namespace", STRING),
        optional("MetricName", STRING),
        optional("Dimensions", either(listOf(DIMENSION), mapOf(STRING))),
        optional("Statistic", STRING),
        optional("ExtendedStatistic", STRING),
        present("Period", INTEGER),
        present("EvaluationPeriods", INTEGER),
        present("DatapointsToAlarm", INTEGER),
        present("Threshold", NUMBER),
        optional("ComparisonOperator", STRING),
        optional("TreatMissingData", STRING),
        present("ActionsEnabled", BOOLEAN),
        optional("AlarmActions", listOf(STRING)),
        optional("OKActions", listOf(STRING)),
        optional("InsufficientDataActions", listOf(STRING)),
        optional("Unit", STRING));

    static final Shape COMPOSITE_ALARM = object("a composite alarm (PutCompositeAlarm)",
        optional("AlarmName", STRING),
        optional("AlarmDescription", STRING),
        optional("AlarmRule", STRING),
        present("ActionsEnabled", BOOLEAN),
        optional("AlarmActions", listOf(STRING)),
        optional("OKActions", listOf(STRING)),
        optional("InsufficientDataActions", listOf(STRING)));

    static final Shape RULE = object("a rule (PutRule)",
        optional("Name", STRING),
        optional("EventPattern", either(STRING, ANY_OBJECT)),
        optional("ScheduleExpression", STRING),
        optional("TargetTopic", STRING),
        optional("Targets", listOf(object("a rule's target", optional("Id", STRING), optional("Topic", STRING),
            optional("NotificationTopic", STRING), optional("ApiDestination", STRING), optional("RoleArn", STRING),
            optional("RetryPolicy", object("a target's RetryPolicy", optional("MaximumRetryAttempts", INTEGER),
                optional("MaximumEventAgeInSeconds", INTEGER))),
            optional("DeadLetterTopic", STRING), optional("Input", STRING), optional("InputPath", STRING),
            optional("InputTransformer", object("a target's InputTransformer", optional("InputPathsMap",
                mapOf(STRING)), optional("InputTemplate", STRING)))))),
        optional("State", STRING),
        optional("Description", STRING));

    static final Shape ALARM_MUTE_RULE = object("an alarm mute rule (PutAlarmMuteRule)",
        optional("Name", STRING),
        optional("Description", STRING),
        optional("Rule", object("a mute rule's Rule",
            optional("Schedule", object("a mute rule's Schedule",
                optional("Expression", STRING),
                optional("Duration", STRING),
                optional("Timezone", STRING))))),
        optional("MuteTargets", object("a mute rule's MuteTargets", optional("AlarmNames", listOf(STRING)))),
        optional("StartDate", STRING),
        optional("ExpireDate", STRING));

    static final Shape LOG_GROUP = object("a log group (CreateLogGroup)",
        optional("LogGroupName", STRING),
        present("CreationTime", LONG),
        optional("RetentionInDays", INTEGER));

    static final Shape LOG_STREAM = object("a log stream (CreateLogStream)",
        optional("LogGroupName", STRING),
        optional("LogStreamName", STRING),
        present("CreationTime", LONG));

    static final Shape NOTIFICATION_TOPIC = object("a notification topic (CreateTopic)",
        optional("Name", STRING),
        present("CreationTime", LONG),
        optional("DisplayName", STRING));

    static final Shape SUBSCRIPTION = object("a subscription (Subscribe)",
        optional("TopicName", STRING),
        optional("Id", STRING),
        optional("Protocol", STRING),
        optional("Endpoint", STRING),
        present("CreationTime", LONG),
        present("PendingConfirmation", BOOLEAN),
        optional("ConfirmationToken", STRING));

    static final Shape CONNECTION = object("a connection (CreateConnection)",
        optional("Name", STRING),
        optional("AuthorizationType", STRING),
        optional("ApiKey", object("a connection's API key", optional("ApiKeyName", STRING),
            optional("ApiKeyValue", STRING))),
        optional("Basic", object("a connection's basic authorization", optional("Username", STRING),
            optional("Password", STRING))),
        optional("Oauth", object("a connection's OAuth client credentials", optional("AuthorizationEndpoint", STRING),
            optional("HttpMethod", STRING), optional("ClientId", STRING), optional("ClientSecret", STRING))),
        optional("Description", STRING),
        present("CreationTime", LONG));

    static final Shape API_DESTINATION = object("an API destination (CreateApiDestination)",
        optional("Name", STRING),
        optional("ConnectionName", STRING),
        optional("InvocationEndpoint", STRING),
        optional("HttpMethod", STRING),
        present("InvocationRateLimitPerSecond", INTEGER),
        optional("Description", STRING),
        present("CreationTime", LONG));

    static final Shape SUBSCRIPTION_FILTER = object("a subscription filter (PutSubscriptionFilter)",
        optional("LogGroupName", STRING),
        optional("FilterName", STRING),
        optional("FilterPattern", STRING),
        optional("DestinationArn", STRING),
        optional("DestinationTopic", STRING),
        optional("Distribution", STRING),
        present("CreationTime", LONG));


    private static final Map<Class<?>, Shape> BY_CLASS = Map.ofEntries(
        Map.entry(MetricFilterDefinition.class, METRIC_FILTER),
        Map.entry(MetricAlarmDefinition.class, METRIC_ALARM),
        Map.entry(CompositeAlarmDefinition.class, COMPOSITE_ALARM),
        Map.entry(RuleDefinition.class, RULE),
        Map.entry(AlarmMuteRuleDefinition.class, ALARM_MUTE_RULE),
        Map.entry(LogGroupDefinition.class, LOG_GROUP),
        Map.entry(LogStreamDefinition.class, LOG_STREAM),
        Map.entry(NotificationTopicDefinition.class, NOTIFICATION_TOPIC),
        Map.entry(SubscriptionDefinition.class, SUBSCRIPTION),
        Map.entry(ConnectionDefinition.class, CONNECTION),
        Map.entry(ApiDestinationDefinition.class, API_DESTINATION),
        Map.entry(SubscriptionFilterDefinition.class, SUBSCRIPTION_FILTER));

    private DefinitionShapes() {
    }

    /** The shape of a definition record, if the class is one. */
    static Optional<Shape> of(final Class<?> type) {
        return Optional.ofNullable(BY_CLASS.get(type));
    }

    /** The shape of a kind of definition. */
    public static Shape of(final DefinitionKind kind) {
        return switch (kind) {
            case METRIC_FILTER -> METRIC_FILTER;
            case METRIC_ALARM -> METRIC_ALARM;
            case RULE -> RULE;
            case COMPOSITE_ALARM -> COMPOSITE_ALARM;
            case ALARM_MUTE_RULE -> ALARM_MUTE_RULE;
            case LOG_GROUP -> LOG_GROUP;
            case LOG_STREAM -> LOG_STREAM;
            case NOTIFICATION_TOPIC -> NOTIFICATION_TOPIC;
            case SUBSCRIPTION -> SUBSCRIPTION;
            case CONNECTION -> CONNECTION;
            case API_DESTINATION -> API_DESTINATION;
            case SUBSCRIPTION_FILTER -> SUBSCRIPTION_FILTER;
        };
    }

    /** A field of an object: its name as AWS spells it, its shape, and whether null is accepted (as absent). */
    public record Field(String name, Shape shape, boolean nullable) {
    }

    /** A field that may be absent or null. */
    public static Field optional(final String name, final Shape shape) {
        return new Field(name, shape, true);
    }

    /** A field that may be absent (its record holds a primitive, absent is its default) but not null. */
    public static Field present(final String name, final Shape shape) {
        return new Field(name, shape, false);
    }

    /** An object with these fields only, matched ignoring case. */
    public static ObjectShape object(final String what, final Field... fields) {
        final Map<String, Field> byName = new LinkedHashMap<>();
        for (final Field field : fields) {
            byName.put(lower(field.name()), field);
        }
        return new ObjectShape(what, byName);
    }

    public static Shape listOf(final Shape element) {
        return new ListShape(element);
    }

    /** An object whose keys are free (case-sensitive, as dimension names) and whose values have the shape. */
    public static Shape mapOf(final Shape value) {
        return new MapShape(value);
    }

    /** The first shape whose JSON type the value has. */
    public static Shape either(final Shape first, final Shape second) {
        return new Either(first, second);
    }

    /** An InvalidRecordException saying what the value should have been and what it was. */
    public static InvalidRecordException mismatch(final String path, final String expected, final JsonNode node) {
        final boolean unquoted = expected.equals(STRING.expected()) && (node.isNumber() || node.isBoolean());
        return new InvalidRecordException(path.isEmpty() ? "(definition)" : path, "must be " + expected + ", was "
            + describe(node) + (unquoted ? " (in YAML, quote a value meant as text)" : ""));
    }

    /** What a JSON value is, for messages: "a string", "the number 1.5", "null". */
    public static String describe(final JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNumber()) {
            final String text = node.asText();
            return "the number " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
        }
        return node.isArray() ? "a list" : "an object";
    }

    static String join(final String path, final String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String lower(final String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private record Scalar(String expected, Predicate<JsonNode> test) implements Shape {
        @Override
        public boolean fits(final JsonNode node) {
            return test.test(node);
        }

        @Override
        public void check(final JsonNode node, final String path) {
            if (!test.test(node)) {
                if (this == INTEGER && node.isIntegralNumber()) {
                    throw new InvalidRecordException(path, "must be an integer from " + Integer.MIN_VALUE + " to "
                        + Integer.MAX_VALUE + ", was " + describe(node));
                }
                if (this == NUMBER && node.isNumber()) {
                    throw new InvalidRecordException(path, "must be a finite number, was " + describe(node));
                }
                throw mismatch(path, expected, node);
            }
        }
    }

    private record ListShape(Shape element) implements Shape {
        @Override
        public String expected() {
            return "a list";
        }

        @Override
        public boolean fits(final JsonNode node) {
            return node.isArray();
        }

        @Override
        public void check(final JsonNode node, final String path) {
            if (!node.isArray()) {
                throw mismatch(path, "a list (a JSON array) of " + plural(element), node);
            }
            for (int i = 0; i < node.size(); i++) {
                element.check(node.get(i), path + "[" + i + "]");
            }
        }

        private static String plural(final Shape element) {
            final String one = element.expected();
            return one.startsWith("a string") ? "strings" : one;
        }
    }

    private record MapShape(Shape value) implements Shape {
        @Override
        public String expected() {
            return "an object";
        }

        @Override
        public boolean fits(final JsonNode node) {
            return node.isObject();
        }

        @Override
        public void check(final JsonNode node, final String path) {
            if (!node.isObject()) {
                throw mismatch(path, "an object of names to " + (value == STRING ? "strings" : value.expected()), node);
            }
            final Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext()) {
                final Map.Entry<String, JsonNode> entry = entries.next();
                value.check(entry.getValue(), join(path, entry.getKey()));
            }
        }
    }

    private record Either(Shape first, Shape second) implements Shape {
        @Override
        public String expected() {
            return first.expected() + " or " + second.expected();
        }

        @Override
        public boolean fits(final JsonNode node) {
            return first.fits(node) || second.fits(node);
        }

        @Override
        public void check(final JsonNode node, final String path) {
            if (first.fits(node)) {
                first.check(node, path);
            } else if (second.fits(node)) {
                second.check(node, path);
            } else {
                throw mismatch(path, expected(), node);
            }
        }
    }

    /** An object with known fields only. */
    public static final class ObjectShape implements Shape {
        private final String what;
        private final Map<String, Field> fields;

        private ObjectShape(final String what, final Map<String, Field> fields) {
            this.what = what;
            this.fields = fields;
        }

        /** The fields' names, as AWS spells them. */
        public List<String> fieldNames() {
            return fields.values().stream().map(Field::name).toList();
        }

        @Override
        public String expected() {
            return "an object";
        }

        @Override
        public boolean fits(final JsonNode node) {
            return node.isObject();
        }

        @Override
        public void check(final JsonNode node, final String path) {
            if (!node.isObject()) {
                throw mismatch(path, "an object (" + what + ")", node);
            }
            final Map<String, String> seen = new HashMap<>();
            final Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext()) {
                final Map.Entry<String, JsonNode> entry = entries.next();
                final String name = entry.getKey();
                final String where = join(path, name);
                final Field field = fields.get(lower(name));
                if (field == null) {
                    throw new InvalidRecordException(where, "is not a field of " + what + "; its fields are "
                        + String.join(", ", fieldNames()));
                }
                final String before = seen.put(lower(name), name);
                if (before != null) {
                    throw new InvalidRecordException(where, "is given twice, as '" + before + "' and '" + name
                        + "' (field names are matched ignoring case)");
                }
                final JsonNode value = entry.getValue();
                if (value.isNull()) {
                    if (!field.nullable()) {
                        throw mismatch(where, field.shape().expected(), value);
                    }
                    continue;
                }
                field.shape().check(value, where);
            }
        }
    }
}
