package io.trailwatch.processors.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.registry.InMemorySchemaRegistry;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class CompiledDefinitionsTest {

    private final DefinitionsVersion version = new DefinitionsVersion();
    private final AtomicInteger compilations = new AtomicInteger();
    private final CompiledDefinitions<String> rules = new CompiledDefinitions<>(DefinitionKind.RULE, json -> {
        compilations.incrementAndGet();
        return json.toUpperCase();
    }, version);
    private final KeyValueStore<String, ConfigEntry> store = store();

    @Test
    void aChangeToAnotherKindKeepsTheSameListSoWhatIsDerivedFromItIsNotRebuilt() {
        put(DefinitionKind.RULE, "r1", "{\"a\":1}");
        final List<String> first = rules.current(store);

        put(DefinitionKind.METRIC_ALARM, "alarm", "{}");

        assertThat(rules.current(store)).isSameAs(first).containsExactly("{\"A\":1}");
        assertThat(compilations).hasValue(1);
    }

    @Test
    void aChangedAddedOrRemovedDefinitionOfTheKindGivesANewList() {
        put(DefinitionKind.RULE, "r1", "{\"a\":1}");
        final List<String> first = rules.current(store);

        put(DefinitionKind.RULE, "r1", "{\"a\":2}");
        final List<String> changed = rules.current(store);
        put(DefinitionKind.RULE, "r2", "{\"b\":1}");
        final List<String> added = rules.current(store);
        store.delete(DefinitionKind.RULE.key("r1"));
        version.changed();
        final List<String> removed = rules.current(store);

        assertThat(changed).isNotSameAs(first).containsExactly("{\"A\":2}");
        assertThat(added).isNotSameAs(changed).containsExactlyInAnyOrder("{\"A\":2}", "{\"B\":1}");
        assertThat(removed).isNotSameAs(added).containsExactly("{\"B\":1}");
    }

    private void put(final DefinitionKind kind, final String name, final String json) {
        store.put(kind.key(name), new ConfigEntry(kind.id(), name, json, Instant.EPOCH));
        version.changed();
    }

    private static KeyValueStore<String, ConfigEntry> store() {
        final KeyValueStore<String, ConfigEntry> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("config"), Serdes.String(),
            Topics.CONFIG.valueSerde(new SerdeContext(new InMemorySchemaRegistry(), true))).withLoggingDisabled().build();
        store.init(new MockProcessorContext<Void, Void>().getStateStoreContext(), (StateStore) store);
        return store;
    }
}
