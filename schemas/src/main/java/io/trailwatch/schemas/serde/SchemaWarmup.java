package io.trailwatch.schemas.serde;

import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.registry.SchemaRegistryException;
import java.util.Collection;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the registry client's cache with the id of every topic's key and value schema at start-up, while the registry
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
     * Registers (or, without auto-registration, looks up) each topic's key and value schema under its subject.
     *
     * @return how many subjects' ids are now cached; a subject the registry refuses is left to the first record
     */
    public static int warm(final SerdeContext context, final Collection<? extends Topic<?, ?>> topics) {
        int warmed = 0;
        for (final Topic<?, ?> topic : topics) {
            warmed += warm(context, topic.name(), true, topic.key().registeredSchema().orElse(null));
            warmed += warm(context, topic.name(), false, topic.value().registeredSchema().orElse(null));
        }
        return warmed;
    }

    private static int warm(final SerdeContext context, final String topic, final boolean isKey,
                            final Schema schema) {
        if (schema == null) {
            return 0;
        }
        final String subject = Subjects.topicName(topic, isKey);
        try {
            if (context.autoRegister()) {
                context.registry().register(subject, schema);
            } else {
                context.registry().idOf(subject, schema);
            }
            return 1;
        } catch (final SchemaRegistryException e) {
            LOG.warn("Schema of subject {} not cached at start-up ({}): its first record will ask the registry",
                subject, e.getMessage());
            return 0;
        }
    }
}
