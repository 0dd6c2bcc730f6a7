package io.trailwatch.processors.logs.subscription;

import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.config.CompiledDefinitions;
import io.trailwatch.processors.config.ConfigStore;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionsVersion;
import io.trailwatch.processors.filter.FiltersByLogGroup;
import io.trailwatch.processors.logs.KeptLogEvents;
import io.trailwatch.processors.logs.LogStream;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Applies the subscription filters of each kept event's group (the events the log store keeps, the trail's
 * included) and forwards one delivery per matching filter, keyed by group and stream (ByLogStream: a stream's
 * deliveries stay in order) or by the event's id (Random).
 */
final class SubscriptionFilterProcessor implements Processor<String, LogEvent, String, SubscriptionDelivery> {

    private final CompiledDefinitions<CompiledSubscriptionFilter> filters;
    private final FiltersByLogGroup<CompiledSubscriptionFilter> byLogGroup =
        new FiltersByLogGroup<>(CompiledSubscriptionFilter::logGroupName);
    private final String owner;
    private ProcessorContext<String, SubscriptionDelivery> context;
    private ReadOnlyKeyValueStore<String, ConfigEntry> config;

    /** @param owner the deployment's account, the {@code owner} of every delivery */
    SubscriptionFilterProcessor(final DefinitionsVersion version, final String owner) {
        this.filters = new CompiledDefinitions<>(DefinitionKind.SUBSCRIPTION_FILTER,
            CompiledSubscriptionFilter::compile, version);
        this.owner = owner;
    }

    @Override
    public void init(final ProcessorContext<String, SubscriptionDelivery> context) {
        this.context = context;
        this.config = context.getStateStore(ConfigStore.NAME);
    }

    @Override
    public void process(final Record<String, LogEvent> record) {
        final LogEvent event = record.value();
        final RecordMetadata source = context.recordMetadata().orElse(null);
        if (event == null || source == null) {
            return;
        }
        final List<CompiledSubscriptionFilter> active = byLogGroup.of(filters.current(config), event.getLogGroup());
        if (active.isEmpty() || !KeptLogEvents.kept(event, source.topic(), context.currentSystemTimeMs())) {
            return;
        }
        for (final CompiledSubscriptionFilter filter : active) {
            if (filter.pattern().match(event.getMessage()).isEmpty()) {
                continue;
            }
            final SubscriptionDelivery delivery = SubscriptionDelivery.of(filter.definition(), owner, event,
                source.partition(), source.offset());
            final String key = filter.definition().distribution().equals("Random")
                ? source.topic() + "-" + source.partition() + "-" + source.offset()
                : LogStream.key(event.getLogGroup(), event.getLogStream());
            context.forward(new Record<>(key, delivery, record.timestamp()));
        }
    }
}
