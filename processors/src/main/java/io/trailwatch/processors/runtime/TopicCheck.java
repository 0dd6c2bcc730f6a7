package io.trailwatch.processors.runtime;

import io.trailwatch.schemas.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Compares Trailwatch's existing topics with what it needs: partitions (keys are placed by their count, so a
 * different count moves keys away from their state), cleanup policy (a compacted topic is a table, a deleting one a
 * log), and the durability a {@link TopicPolicy} asks for. One line per problem, each saying what to change.
 */
public final class TopicCheck {

    private static final long TIMEOUT_SECONDS = 30;

    private TopicCheck() {
    }

    /** The problems of the topics that exist; missing ones are none (they are created). */
    public static List<String> problems(final Admin admin, final List<Topic<?, ?>> topics, final TopicPolicy policy) {
        try {
            final Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            final List<Topic<?, ?>> present = topics.stream().filter(topic -> existing.contains(topic.name())).toList();
            if (present.isEmpty()) {
                return List.of();
            }
            final Map<String, TopicDescription> descriptions = admin.describeTopics(
                present.stream().map(Topic::name).toList()).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            final Map<ConfigResource, Config> configs = admin.describeConfigs(present.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                    .collect(Collectors.toList())).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            final List<String> problems = new ArrayList<>();
            for (final Topic<?, ?> topic : present) {
                problems.addAll(problems(topic, descriptions.get(topic.name()),
                    configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name())), policy));
            }
            return problems;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted checking topics", e);
        } catch (final ExecutionException e) {
            throw new KafkaException("cannot check topics: " + e.getCause().getMessage(), e.getCause());
        } catch (final TimeoutException e) {
            throw new KafkaException("cannot check topics: no answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    static List<String> problems(final Topic<?, ?> topic, final TopicDescription description, final Config config,
                                 final TopicPolicy policy) {
        final List<String> problems = new ArrayList<>();
        final String name = topic.name();
        final int partitions = description.partitions().size();
        if (partitions != topic.partitions()) {
            problems.add("topic " + name + " has " + partitions + " partitions, Trailwatch needs " + topic.partitions()
                + ": delete it (kafka-topics --delete --topic " + name + ") and let trailwatch up create it, or "
                + "recreate it with --partitions " + topic.partitions());
        }
        final int replicas = description.partitions().stream().mapToInt(partition -> partition.replicas().size())
            .min().orElse(0);
        if (policy.replicationFactor() > 0 && replicas < policy.replicationFactor()) {
            problems.add("topic " + name + " has replication factor " + replicas + ", trailwatch.topics."
                + "replication.factor is " + policy.replicationFactor() + ": add replicas with "
                + "kafka-reassign-partitions, or lower the setting");
        }
        final String wantedCleanup = topic.configs().getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_DELETE);
        final String cleanup = value(config, TopicConfig.CLEANUP_POLICY_CONFIG);
        if (cleanup != null && !normalized(cleanup).equals(normalized(wantedCleanup))) {
            problems.add("topic " + name + " has cleanup.policy=" + cleanup + ", Trailwatch needs " + wantedCleanup
                + ": kafka-configs --alter --entity-type topics --entity-name " + name + " --add-config "
                + "cleanup.policy=" + (wantedCleanup.contains(",") ? "[" + wantedCleanup + "]" : wantedCleanup));
        }
        final String minInsync = value(config, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        if (policy.minInsyncReplicas() > 0 && minInsync != null
            && Integer.parseInt(minInsync) < policy.minInsyncReplicas()) {
            problems.add("topic " + name + " has min.insync.replicas=" + minInsync + ", trailwatch.topics."
                + "min.insync.replicas is " + policy.minInsyncReplicas() + ": kafka-configs --alter --entity-type "
                + "topics --entity-name " + name + " --add-config min.insync.replicas=" + policy.minInsyncReplicas());
        }
        return problems;
    }

    private static String value(final Config config, final String name) {
        return config == null || config.get(name) == null ? null : config.get(name).value();
    }

    private static String normalized(final String policy) {
        return Set.of(policy.replace(" ", "").split(",")).stream().sorted().collect(Collectors.joining(","));
    }
}
