package io.trailwatch.schemas.registry;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A schema registry kept in maps, for unit tests whose subject is not the registry (topologies on
 * TopologyTestDriver, the wire format). Ids are global and shared across subjects, as in Confluent's registry.
 * Integration tests use a real registry.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<String, Integer> bySubjectAndSchema = new HashMap<>();

    @Override
    public synchronized int register(final String subject, final Schema schema) {
        final int id = byId.entrySet().stream().filter(entry -> entry.getValue().equals(schema))
            .map(Map.Entry::getKey).findFirst().orElseGet(() -> {
                final int next = byId.size() + 1;
                byId.put(next, schema);
                return next;
            });
        bySubjectAndSchema.put(subject + '|' + schema, id);
        return id;
    }

    @Override
    public synchronized int idOf(final String subject, final Schema schema) {
        final Integer id = bySubjectAndSchema.get(subject + '|' + schema);
        if (id == null) {
            throw new SchemaRegistryException("Schema not found under subject " + subject, 404, 40403);
        }
        return id;
    }

    @Override
    public synchronized Schema schemaById(final int id) {
        final Schema schema = byId.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("Schema " + id + " not found", 404, 40403);
        }
        return schema;
    }

    @Override
    public void setCompatibility(final String subject, final CompatibilityLevel level) {
        // Compatibility is the real registry's job; the integration tests check it there.
    }

    @Override
    public boolean isCompatible(final String subject, final Schema schema) {
        return true;
    }

    @Override
    public void close() {
    }
}
