package io.trailwatch.processors.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.common.Counters;
import io.trailwatch.processors.common.DeadLetters;
import io.trailwatch.processors.notify.NotificationTopicArns;
import io.trailwatch.schemas.Topics;
import io.trailwatch.processors.config.CompiledDefinitions;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionsVersion;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Puts each event in its EventBridge envelope, matches it against every enabled rule, and sends it to the targets
 * of each matching rule ({@link RuleTargetSender}). A record that has no envelope (only custom events can be unreadable: they
 * are JSON text that a Kafka client may write around PutEvents) goes to the dead-letter topic with the reason, and
 * is counted.
 */
final class EventRuleProcessor<V> implements Processor<String, V, String, Delivery> {

    private final CompiledDefinitions<CompiledRule> rules;
    private final Function<V, ObjectNode> envelope;
    private final RuleTargetSender targets;
    private final String entity;
    private final RuleMachine machine = new RuleMachine();
    private ProcessorContext<String, Delivery> context;
    private ReadOnlyKeyValueStore<String, ConfigEntry> config;
    private Sensor matched;
    private Sensor unreadable;
    /** Whether a record may have no envelope (custom events' JSON text), which is then dead-lettered. */
    private final boolean mayBeUnreadable;

    EventRuleProcessor(final DefinitionsVersion version, final Function<V, ObjectNode> envelope, final String entity,
                       final boolean mayBeUnreadable, final NotificationTopicArns topics) {
        this.targets = new RuleTargetSender(topics);
        this.rules = new CompiledDefinitions<>(DefinitionKind.RULE, CompiledRule::compile, version);
        this.envelope = envelope;
        this.entity = entity;
        this.mayBeUnreadable = mayBeUnreadable;
    }

    @Override
    public void init(final ProcessorContext<String, Delivery> context) {
        this.context = context;
        this.config = context.getStateStore(ConfigStore.NAME);
        this.matched = Counters.sensor(context, entity, "rule-matches");
        this.unreadable = Counters.sensor(context, entity, "unreadable-events");
    }

    @Override
    public void process(final Record<String, V> record) {
        final List<CompiledRule> current = rules.current(config);
        final boolean anyRule = machine.hasRules(current);
        if (record.value() == null || !anyRule && !mayBeUnreadable) {
            return;
        }
        final ObjectNode event = envelope.apply(record.value());
        if (event == null) {
            if (mayBeUnreadable) {
                deadLetter(record, record.value().toString(), EventEnvelopes.problem(record.value().toString()));
            }
            return;
        }
        if (!anyRule) {
            return;
        }
        final List<CompiledRule> matches = machine.matches(current, event);
        if (matches.isEmpty()) {
            return;
        }
        for (final CompiledRule rule : matches) {
            matched.record();
            targets.send(context, config, rule.definition(), event, record.timestamp(),
                (text, reason) -> deadLetter(record, text, reason));
        }
    }

    private void deadLetter(final Record<String, V> record, final String text, final String reason) {
        unreadable.record();
        context.forward(new Record<>(record.key(), new Delivery(Topics.DEADLETTER.name(), text), record.timestamp(),
            DeadLetters.headers(context.recordMetadata().orElse(null), "InvalidEventEnvelope",
                reason == null ? "not an EventBridge event envelope" : reason)));
    }
}
