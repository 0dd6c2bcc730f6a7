package io.trailwatch.app.logs;

import io.trailwatch.app.definitions.DefinitionStore;
import io.trailwatch.app.events.KafkaTargetArns;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.aws.AwsError;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.logs.LogNames;
import io.trailwatch.processors.logs.subscription.SubscriptionFilterDefinition;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * Subscription filters (PutSubscriptionFilter, DescribeSubscriptionFilters, DeleteSubscriptionFilter) for every front
 * end: kept on the config topic as metric filters are, at most {@value #MAX_PER_GROUP} per group as in CloudWatch
 * (LimitExceededException), each delivering to a Kafka topic named by an ARN of the form
 * {@link KafkaTargetArns#form()} (as EventBridge targets name them), created when the filter is put.
 */
public final class SubscriptionFilters {

    /** CloudWatch Logs' quota: subscription filters per log group. */
    static final int MAX_PER_GROUP = 2;

    private final DefinitionStore definitions;
    private final LogGroups groups;
    private final KafkaTargetArns arns;
    private final Consumer<String> topics;
    private final Clock clock;

    /** @param topics creates a destination topic that does not exist yet */
    SubscriptionFilters(final DefinitionStore definitions, final LogGroups groups, final KafkaTargetArns arns,
                        final Consumer<String> topics, final Clock clock) {
        this.definitions = definitions;
        this.groups = groups;
        this.arns = arns;
        this.topics = topics;
        this.clock = clock;
    }

    /** PutSubscriptionFilter: creates or replaces the group's filter of that name. */
    public SubscriptionFilterDefinition put(final String logGroupName, final String filterName,
                                           final String filterPattern, final String destinationArn,
                                           final String distribution) {
        final String group = groups.group(logGroupName).logGroupName();
        if (destinationArn == null) {
            throw new InvalidRecordException("destinationArn", "is required");
        }
        final String topic = arns.topic(destinationArn).orElseThrow(() -> new InvalidRecordException(
            "destinationArn", "must be a Kafka topic of this Trailwatch, " + arns.form() + ", was '" + destinationArn
                + "'"));
        final long created = existing(group, filterName).stream().mapToLong(SubscriptionFilterDefinition::creationTime)
            .findFirst().orElse(clock.millis());
        final SubscriptionFilterDefinition filter = new SubscriptionFilterDefinition(group, filterName, filterPattern,
            destinationArn, topic, distribution, created);
        final DefinitionEntry entry = SubscriptionFilterDefinition.TYPE.entryOf(filter); // validates
        final long others = describe(group, "").stream().filter(other -> !other.filterName().equals(filterName))
            .count();
        if (others >= MAX_PER_GROUP) {
            throw AwsError.of("LimitExceededException", 400, "Resource limit exceeded: log group " + group
                + " already has " + MAX_PER_GROUP + " subscription filters");
        }
        topics.accept(topic);
        definitions.put(entry);
        return filter;
    }

    /** DescribeSubscriptionFilters: the group's filters whose names start with the prefix, by name. */
    public List<SubscriptionFilterDefinition> describe(final String logGroupName, final String filterNamePrefix) {
        final String group = groups.group(logGroupName).logGroupName();
        return definitions.list(DefinitionKind.SUBSCRIPTION_FILTER, SubscriptionFilterDefinition.namePrefix(group)
                + (filterNamePrefix == null ? "" : filterNamePrefix)).stream()
            .map(SubscriptionFilters::definition).toList();
    }

    /** DeleteSubscriptionFilter; ResourceNotFoundException when the group has no filter of that name. */
    public void delete(final String logGroupName, final String filterName) {
        final String group = groups.group(logGroupName).logGroupName();
        final SubscriptionFilterDefinition filter = existing(group, filterName).orElseThrow(() ->
            new ApiErrors.NotFound("The specified subscription filter does not exist: " + filterName));
        definitions.delete(DefinitionKind.SUBSCRIPTION_FILTER, filter.name());
    }

    private java.util.Optional<SubscriptionFilterDefinition> existing(final String group, final String filterName) {
        if (filterName == null || filterName.isEmpty()) {
            throw new InvalidRecordException("filterName", "is required");
        }
        LogNames.requireGroup("logGroupName", group);
        return definitions.get(DefinitionKind.SUBSCRIPTION_FILTER, SubscriptionFilterDefinition.namePrefix(group)
            + filterName).map(SubscriptionFilters::definition);
    }

    private static SubscriptionFilterDefinition definition(final ConfigEntry entry) {
        return SubscriptionFilterDefinition.TYPE.fromJson(entry.getDefinition());
    }
}
