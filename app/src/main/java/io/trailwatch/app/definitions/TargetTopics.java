package io.trailwatch.app.definitions;

import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.rules.RuleDefinition;
import io.trailwatch.processors.rules.RuleTarget;
import io.trailwatch.processors.runtime.TopicSetup;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates a rule's (or a subscription filter's) target topics when the rule is put and the topic does not exist yet (with the broker's default
 * partitions and replication), so that the first match never waits on a missing topic.
 */
public final class TargetTopics {

    private final Admin admin;

    public TargetTopics(final Admin admin) {
        this.admin = admin;
    }

    /** Creates the target topics of the rules among the definitions (as {@code trailwatch up --config} loads). */
    public static void ensureFor(final Admin admin, final List<DefinitionEntry> definitions) {
        final TargetTopics topics = new TargetTopics(admin);
        definitions.stream().filter(entry -> entry.kind() == DefinitionKind.RULE)
            .flatMap(entry -> RuleDefinition.TYPE.fromJson(entry.definitionJson()).allTargets().stream())
            .flatMap(RuleTarget::kafkaTopics) // notification topics and API destinations: trailwatch.notifications
            .distinct()
            .forEach(topics::ensure);
    }

    public void ensure(final String topic) {
        try {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
                .all().get(30, TimeUnit.SECONDS);
            // The first match is written in a stream thread's transaction: only once the partitions are served
            // does it go through without the retries TopicSetup describes.
            TopicSetup.awaitServed(admin, List.of(topic), TopicSetup.SERVED_TIMEOUT);
        } catch (final ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaException("cannot create target topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted creating target topic " + topic, e);
        } catch (final TimeoutException e) {
            throw new KafkaException("timed out creating target topic " + topic, e);
        }
    }
}
