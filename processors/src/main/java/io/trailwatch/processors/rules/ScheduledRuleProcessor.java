package io.trailwatch.processors.rules;

import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.common.Counters;
import io.trailwatch.processors.common.DeadLetters;
import io.trailwatch.processors.config.CompiledDefinitions;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionsVersion;
import io.trailwatch.processors.rules.schedule.RuleSchedule;
import io.trailwatch.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Fires scheduled rules, once per tick across all instances. Each task of the custom events' sub-topology owns the
 * scheduled rules whose name hashes to its partition (Kafka's murmur2, as a producer would place the name as a
 * key), so exactly one task in the deployment fires a rule. Every second (wall clock) it sends the "Scheduled
 * Event" of each tick that came since the last one it fired to the rule's targets ({@link RuleTargetSender}), and
 * records that tick in {@value #STORE}: the store is changelogged and written in the same exactly-once transaction
 * as the deliveries, so a restart, or the task moving to another instance, neither skips a tick (the ticks missed
 * meanwhile are fired on resumption, at most {@value #MAX_TICKS_PER_PASS} a second) nor repeats one. A rule seen
 * for the first time, or whose schedule changed, starts with its next tick; a disabled rule's ticks pass unfired.
 */
final class ScheduledRuleProcessor implements Processor<String, String, String, Delivery> {

    static final String STORE = "scheduled-rule-ticks";
    private static final Duration PASS = Duration.ofSeconds(1);
    private static final int MAX_TICKS_PER_PASS = 60;
    private static final char SEPARATOR = '@';

    private final CompiledDefinitions<CompiledRule> rules;
    private final EventEnvelopes envelopes;
    private final RuleTargetSender targets;
    private final int partitions;
    private final Map<String, RuleSchedule> schedules = new HashMap<>();
    private ProcessorContext<String, Delivery> context;
    private ReadOnlyKeyValueStore<String, ConfigEntry> config;
    /** Rule name to {@code <schedule expression>@<epoch ms of the last tick handled>}. */
    private KeyValueStore<String, String> ticks;
    private Sensor fired;
    private int partition;

    /** @param partitions the custom events topic's partitions: how the rules are shared among its tasks */
    ScheduledRuleProcessor(final DefinitionsVersion version, final EventEnvelopes envelopes, final int partitions) {
        this.rules = new CompiledDefinitions<>(DefinitionKind.RULE, CompiledRule::compile, version);
        this.envelopes = envelopes;
        this.targets = new RuleTargetSender(envelopes.notificationTopics());
        this.partitions = partitions;
    }

    @Override
    public void init(final ProcessorContext<String, Delivery> context) {
        this.context = context;
        this.config = context.getStateStore(ConfigStore.NAME);
        this.ticks = context.getStateStore(STORE);
        this.partition = context.taskId().partition();
        this.fired = Counters.sensor(context, "scheduled-rules", "scheduled-ticks");
        context.schedule(PASS, PunctuationType.WALL_CLOCK_TIME, this::fire);
    }

    @Override
    public void process(final Record<String, String> record) {
        // custom events are the rules' business (EventRuleProcessor); this processor only keeps time
    }

    /** Whether this task fires the rule. */
    static boolean owns(final String ruleName, final int partition, final int partitions) {
        return Utils.toPositive(Utils.murmur2(ruleName.getBytes(StandardCharsets.UTF_8))) % partitions == partition;
    }

    private void fire(final long nowMillis) {
        final Set<String> owned = new HashSet<>();
        for (final CompiledRule rule : rules.current(config)) {
            final RuleDefinition definition = rule.definition();
            if (definition.scheduled() && owns(definition.name(), partition, partitions)) {
                owned.add(definition.name());
                fire(definition, nowMillis);
            }
        }
        forgetDeleted(owned);
    }

    private void fire(final RuleDefinition rule, final long nowMillis) {
        final String expression = rule.scheduleExpression();
        final String stored = ticks.get(rule.name());
        if (stored == null || !stored.startsWith(expression + SEPARATOR)) {
            ticks.put(rule.name(), expression + SEPARATOR + nowMillis);
            return;
        }
        final RuleSchedule schedule = schedules.computeIfAbsent(expression, text -> RuleSchedule.parse(
            "ScheduleExpression", text));
        Instant last = Instant.ofEpochMilli(Long.parseLong(stored.substring(stored.lastIndexOf(SEPARATOR) + 1)));
        final Instant now = Instant.ofEpochMilli(nowMillis);
        for (int n = 0; n < MAX_TICKS_PER_PASS; n++) {
            final Instant tick = schedule.nextAfter(last);
            if (tick == null || tick.isAfter(now)) {
                break;
            }
            if (rule.enabled()) {
                fired.record();
                targets.send(context, config, rule, envelopes.scheduled(rule.name(), tick), tick.toEpochMilli(),
                    (text, reason) -> context.forward(new Record<>(rule.name(), new Delivery(
                        Topics.DEADLETTER.name(), text), tick.toEpochMilli(), DeadLetters.headers(null,
                        "ScheduledRuleTarget", reason))));
            }
            last = tick;
            ticks.put(rule.name(), expression + SEPARATOR + tick.toEpochMilli());
        }
    }

    /** Drops the ticks of rules this task no longer fires (deleted, or no longer scheduled). */
    private void forgetDeleted(final Set<String> owned) {
        final List<String> gone = new java.util.ArrayList<>();
        try (KeyValueIterator<String, String> all = ticks.all()) {
            all.forEachRemaining((KeyValue<String, String> entry) -> {
                if (!owned.contains(entry.key)) {
                    gone.add(entry.key);
                }
            });
        }
        gone.forEach(ticks::delete);
    }
}
