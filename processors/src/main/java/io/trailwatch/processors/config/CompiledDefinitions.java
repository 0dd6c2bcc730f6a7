package io.trailwatch.processors.config;

import io.trailwatch.avro.ConfigEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The definitions of one kind, compiled once per version and refreshed from the config store, so that hot paths
 * use ready objects (parsed patterns) and see changes within one refresh.
 */
public final class CompiledDefinitions<D> {

    private static final Logger LOG = LoggerFactory.getLogger(CompiledDefinitions.class);

    private final DefinitionKind kind;
    private final Function<String, D> compiler;
    private final DefinitionsVersion version;
    private long seenVersion = -1;
    private Map<String, Compiled<D>> byKey = Map.of();
    private List<D> current = List.of();

    private record Compiled<D>(String definitionJson, D value) { }

    /** @param compiler turns a definition's JSON into the compiled form; throws when the definition is invalid */
    public CompiledDefinitions(final DefinitionKind kind, final Function<String, D> compiler,
                               final DefinitionsVersion version) {
        this.kind = kind;
        this.compiler = compiler;
        this.version = version;
    }

    /** The current definitions, re-read first when the store changed since the last read (a volatile read otherwise). */
    public List<D> current(final ReadOnlyKeyValueStore<String, ConfigEntry> store) {
        if (version.current() != seenVersion) {
            refresh(store);
        }
        return current;
    }

    /**
     * Re-reads the store; unchanged definitions keep their compiled form, and when none of this kind changed (the
     * version counts changes of every kind) the very same list is returned, so that what callers derive from it
     * and cache by identity (indexes, rule machines) is not rebuilt.
     */
    public List<D> refresh(final ReadOnlyKeyValueStore<String, ConfigEntry> store) {
        seenVersion = version.current();
        final Map<String, Compiled<D>> next = new HashMap<>();
        boolean changed = false;
        try (KeyValueIterator<String, ConfigEntry> entries = store.prefixScan(kind.id() + "/", Serdes.String().serializer())) {
            while (entries.hasNext()) {
                final KeyValue<String, ConfigEntry> entry = entries.next();
                final String json = entry.value.getDefinition();
                final Compiled<D> previous = byKey.get(entry.key);
                if (previous != null && previous.definitionJson().equals(json)) {
                    next.put(entry.key, previous);
                    continue;
                }
                try {
                    next.put(entry.key, new Compiled<>(json, compiler.apply(json)));
                    changed = true;
                } catch (final RuntimeException e) {
                    // Edges validate definitions; one that is still invalid (written by another tool) is skipped, loudly.
                    LOG.error("Skipping invalid {} definition {}: {}", kind.id(), entry.key, e.getMessage());
                }
            }
        }
        if (!changed && next.size() == byKey.size()) {
            return current;
        }
        byKey = next;
        final List<D> values = new ArrayList<>(next.size());
        next.values().forEach(compiled -> values.add(compiled.value()));
        current = List.copyOf(values);
        return current;
    }

}
