package io.trailwatch.app.registry;

import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.Subjects;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Trailwatch's own subjects (TopicNameStrategy: {@code trailwatch.audit-key}, {@code trailwatch.audit-value}, ...)
 * with the schema Trailwatch writes each with, read from the declarations in {@link Topics} (a
 * {@code Topic<String, AuditEvent>} is a string key and an {@code AuditEvent} value), so a new topic is covered
 * without a list to keep in step.
 */
public final class TrailwatchSubjects {

    private TrailwatchSubjects() {
    }

    /** Every subject of a Trailwatch topic whose keys or values go through the registry, with its schema. */
    public static Map<String, Schema> schemas() {
        final Map<String, Schema> subjects = new LinkedHashMap<>();
        for (final Field field : Topics.class.getFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != Topic.class
                || !(field.getGenericType() instanceof ParameterizedType declared)) {
                continue;
            }
            final Topic<?, ?> topic;
            try {
                topic = (Topic<?, ?>) field.get(null);
            } catch (final IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + field, e);
            }
            final Type[] types = declared.getActualTypeArguments();
            if (topic.key().usesRegistry()) {
                subjects.put(Subjects.topicName(topic.name(), true), schemaOf(types[0], field));
            }
            if (topic.value().usesRegistry()) {
                subjects.put(Subjects.topicName(topic.name(), false), schemaOf(types[1], field));
            }
        }
        return subjects;
    }

    private static Schema schemaOf(final Type type, final Field field) {
        if (type == String.class) {
            return Schema.create(Schema.Type.STRING);
        }
        if (type instanceof Class<?> record && SpecificRecord.class.isAssignableFrom(record)) {
            return SpecificData.get().getSchema(record);
        }
        throw new IllegalStateException("no schema known for " + type + " of Topics." + field.getName());
    }
}
