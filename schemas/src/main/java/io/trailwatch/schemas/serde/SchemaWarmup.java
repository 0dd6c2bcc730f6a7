package io.trailwatch.schemas.serde;

import io.trailwatch.schemas.registry.SchemaRegistryException;
import java.util.Map;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the registry client's cache with the id of every subject's schema at start-up, while the registry
 * is known to answer: a serializer then never needs the registry for them, so a registry outage later (a restart, a
 * crash the supervisor repairs) does not fail a stream thread the first time it writes a record type. Topics the
 * stream threads create (repartition, changelog) carry the same schemas, whose ids the client then has (see
 * {@code RestSchemaRegistryClient#register}).
 */
public final class SchemaWarmup {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaWarmup.class);

    private SchemaWarmup() {
    }

    /**
     * Registers (or, without auto-registration, looks up) each schema under its subject.
     *
     * @param subjects every subject Trailwatch writes ({@code trailwatch.audit-value}, ...) with its schema
     * @return how many subjects' ids are now cached; a subject the registry refuses is left to the first record
     */
    public static int warm(final SerdeContext context, final Map<String, Schema> subjects) {
        int warmed = 0;
        for (final Map.Entry<String, Schema> subject : subjects.entrySet()) {
            try {
                if (context.autoRegister()) {
                    context.registry().register(subject.getKey(), subject.getValue());
                } else {
                    context.registry().idOf(subject.getKey(), subject.getValue());
                }
                warmed++;
            } catch (final SchemaRegistryException e) {
                LOG.warn("Schema of subject {} not cached at start-up ({}): its first record will ask the registry",
                    subject.getKey(), e.getMessage());
            }
        }
        return warmed;
    }
}
