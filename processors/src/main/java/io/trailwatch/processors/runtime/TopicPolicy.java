package io.trailwatch.processors.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The durability asked of Trailwatch's topics on a shared cluster: what new topics get and the least existing ones
 * must have.
 *
 * @param replicationFactor replicas of each partition; -1: the broker's default (and any existing one)
 * @param minInsyncReplicas {@code min.insync.replicas}; 0: the broker's default (and any existing one)
 */
public record TopicPolicy(short replicationFactor, int minInsyncReplicas) {

    /** The broker's defaults, as the local stack's single broker has them. */
    public static final TopicPolicy BROKER_DEFAULTS = new TopicPolicy((short) -1, 0);

    Optional<Short> replication() {
        return replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty();
    }

    /** A topic's declared configs with this policy's {@code min.insync.replicas}. */
    Map<String, String> configs(final Map<String, String> declared) {
        final Map<String, String> configs = new HashMap<>(declared);
        if (minInsyncReplicas > 0) {
            configs.put("min.insync.replicas", Integer.toString(minInsyncReplicas));
        }
        return configs;
    }
}
