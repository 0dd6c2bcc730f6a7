package io.trailwatch.processors.logs.subscription;

import static io.trailwatch.processors.config.DefinitionShapes.LONG;
import static io.trailwatch.processors.config.DefinitionShapes.STRING;
import static io.trailwatch.processors.config.DefinitionShapes.object;
import static io.trailwatch.processors.config.DefinitionShapes.optional;
import static io.trailwatch.processors.config.DefinitionShapes.present;

import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionShapes.ObjectShape;
import io.trailwatch.processors.config.DefinitionType;
import io.trailwatch.processors.filter.pattern.FilterPattern;
import io.trailwatch.processors.filter.pattern.FilterPatternInput;
import io.trailwatch.processors.logs.LogNames;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A log group's subscription filter, as PutSubscriptionFilter makes it: the group's events that match the pattern
 * are delivered to a Kafka topic (CloudWatch delivers to Kinesis, Firehose or Lambda; here the destination ARN names
 * a topic of this Trailwatch, {@code arn:aws:kafka:<region>:<account>:topic/trailwatch/<topic>}).
 *
 * @param logGroupName     the group it reads
 * @param filterName       unique within the group: 1 to 512 characters, neither ':' nor '*'
 * @param filterPattern    a filter pattern, as metric filters take ({@link FilterPatternInput})
 * @param destinationArn   the ARN as given, which DescribeSubscriptionFilters answers
 * @param destinationTopic the topic it names: Kafka's topic name rules, and not one of Trailwatch's own
 * @param distribution     ByLogStream (the default: a stream's events keep their order, keyed by group and stream) or
 *                         Random (keyed by event)
 * @param creationTime     when it was first put, epoch milliseconds
 */
public record SubscriptionFilterDefinition(String logGroupName, String filterName, String filterPattern,
                                           String destinationArn, String destinationTopic, String distribution,
                                           long creationTime) {

    /** Its JSON fields and their types, as the API takes it. */
    public static final ObjectShape SHAPE = object("a subscription filter (PutSubscriptionFilter)",
        optional("LogGroupName", STRING),
        optional("FilterName", STRING),
        optional("FilterPattern", STRING),
        optional("DestinationArn", STRING),
        optional("DestinationTopic", STRING),
        optional("Distribution", STRING),
        present("CreationTime", LONG));

    /** How it is read, checked and stored: every edge that takes one reads it through this. */
    public static final DefinitionType<SubscriptionFilterDefinition> TYPE = DefinitionType.of(
        DefinitionKind.SUBSCRIPTION_FILTER, SubscriptionFilterDefinition.class, SHAPE,
        SubscriptionFilterDefinition::name,
        SubscriptionFilterDefinition::validate);

    public static final List<String> DISTRIBUTIONS = List.of("ByLogStream", "Random");
    /** Kafka's legal topic names (Topic.validate): at most 249 of these, not "." nor "..". */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public SubscriptionFilterDefinition {
        distribution = distribution == null ? "ByLogStream" : distribution;
    }

    /** Named on the config topic by group and filter: filter names are unique per group, as in CloudWatch. */
    public String name() {
        return namePrefix(logGroupName) + filterName;
    }

    /** What the names of a group's filters start with (neither a group nor a filter name holds ':'). */
    public static String namePrefix(final String logGroupName) {
        return logGroupName + ":";
    }

    public SubscriptionFilterDefinition validate() {
        LogNames.requireGroup("logGroupName", logGroupName);
        if (filterName == null || filterName.isEmpty() || filterName.length() > 512) {
            throw new InvalidRecordException("filterName", "must be 1 to 512 characters");
        }
        if (filterName.indexOf(':') >= 0 || filterName.indexOf('*') >= 0) {
            throw new InvalidRecordException("filterName", "may not contain ':' or '*'");
        }
        compile();
        requireTopic(destinationTopic);
        if (!DISTRIBUTIONS.contains(distribution)) {
            throw new InvalidRecordException("distribution", "must be one of " + DISTRIBUTIONS + ", was '"
                + distribution + "'");
        }
        return this;
    }

    /** The parsed pattern; InvalidRecordException naming filterPattern when it does not parse. */
    public FilterPattern compile() {
        return FilterPatternInput.parse("filterPattern", filterPattern);
    }

    /**
     * A topic a filter may deliver to: Kafka's legal names, and none of Trailwatch's own (delivering to
     * {@code trailwatch.logs} would feed the filter its own deliveries) nor Kafka's internal ones.
     */
    public static String requireTopic(final String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new InvalidRecordException("destinationArn", "must name a Kafka topic: 1 to 249 of a-z A-Z 0-9 . _ "
                + "-, not '.' or '..', was '" + topic + "'");
        }
        if (topic.startsWith("trailwatch") || topic.startsWith("_")) {
            throw new InvalidRecordException("destinationArn", "topic '" + topic + "' is Trailwatch's or Kafka's "
                + "own; deliver to a topic of your own");
        }
        return topic;
    }
}
