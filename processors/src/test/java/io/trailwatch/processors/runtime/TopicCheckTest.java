package io.trailwatch.processors.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.schemas.Topics;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

class TopicCheckTest {

    private static final List<Node> THREE = List.of(new Node(1, "b1", 9092), new Node(2, "b2", 9092),
        new Node(3, "b3", 9092));

    private static TopicDescription described(final String name, final int partitions, final int replicas) {
        return new TopicDescription(name, false, IntStream.range(0, partitions).mapToObj(partition ->
            new TopicPartitionInfo(partition, THREE.get(0), THREE.subList(0, replicas), THREE.subList(0, replicas)))
            .toList());
    }

    private static Config config(final String cleanup, final String minInsync) {
        return new Config(List.of(new ConfigEntry("cleanup.policy", cleanup),
            new ConfigEntry("min.insync.replicas", minInsync)));
    }

    @Test
    void aTopicAsTrailwatchNeedsItHasNoProblem() {
        assertThat(TopicCheck.problems(Topics.CONFIG, described(Topics.CONFIG.name(), Topics.CONFIG.partitions(), 3),
            config("compact", "2"), new TopicPolicy((short) 3, 2))).isEmpty();
        // Without a policy, any durability will do.
        assertThat(TopicCheck.problems(Topics.AUDIT, described(Topics.AUDIT.name(), Topics.AUDIT.partitions(), 1),
            config("delete", "1"), TopicPolicy.BROKER_DEFAULTS)).isEmpty();
    }

    @Test
    void eachMismatchIsOneLineSayingWhatToChange() {
        final List<String> problems = TopicCheck.problems(Topics.CONFIG, described(Topics.CONFIG.name(), 2, 1),
            config("delete", "1"), new TopicPolicy((short) 3, 2));

        assertThat(problems).containsExactly(
            "topic trailwatch.config has 2 partitions, Trailwatch needs " + Topics.CONFIG.partitions()
                + ": delete it (kafka-topics --delete --topic trailwatch.config) and let trailwatch up create it, or "
                + "recreate it with --partitions " + Topics.CONFIG.partitions(),
            "topic trailwatch.config has replication factor 1, trailwatch.topics.replication.factor is 3: add "
                + "replicas with kafka-reassign-partitions, or lower the setting",
            "topic trailwatch.config has cleanup.policy=delete, Trailwatch needs compact: kafka-configs --alter "
                + "--entity-type topics --entity-name trailwatch.config --add-config cleanup.policy=compact",
            "topic trailwatch.config has min.insync.replicas=1, trailwatch.topics.min.insync.replicas is 2: "
                + "kafka-configs --alter --entity-type topics --entity-name trailwatch.config --add-config "
                + "min.insync.replicas=2");
    }

    @Test
    void cleanupPoliciesCompareAsSets() {
        assertThat(TopicCheck.problems(Topics.CONFIG, described(Topics.CONFIG.name(), Topics.CONFIG.partitions(), 1),
            config("compact", "1"), TopicPolicy.BROKER_DEFAULTS)).isEmpty();
    }
}
