package io.trailwatch.processors.runtime;

import io.trailwatch.schemas.Topic;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates Trailwatch's topics where they are missing, with the partitions and configs their descriptors declare. */
public final class TopicSetup {

    private TopicSetup() {
    }

    /** Creates the missing topics; existing ones are left as they are. Returns the names created. */
    public static List<String> ensure(final Admin admin, final List<Topic<?, ?>> topics) {
        try {
            final Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            final List<NewTopic> missing = topics.stream()
                .filter(topic -> !existing.contains(topic.name()))
                .map(topic -> new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.empty())
                    .configs(topic.configs()))
                .toList();
            if (missing.isEmpty()) {
                return List.of();
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted creating topics", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new KafkaException("cannot create topics: " + e.getMessage(), e);
        }
    }
}
