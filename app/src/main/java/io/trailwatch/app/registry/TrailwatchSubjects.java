package io.trailwatch.app.registry;

import io.trailwatch.schemas.Codec;
import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.Subjects;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Trailwatch's own subjects (TopicNameStrategy: {@code trailwatch.audit-key}, {@code trailwatch.audit-value}, ...)
 * with the schema Trailwatch writes each with, read from the declarations in {@link Topics} (each topic's codecs
 * name their schemas, {@link Codec#registeredSchema()}), so a new topic is covered without a list to keep in step.
 */
public final class TrailwatchSubjects {

    private TrailwatchSubjects() {
    }

    /** Every subject of a Trailwatch topic whose keys or values go through the registry, with its schema. */
    public static Map<String, Schema> schemas() {
        final Map<String, Schema> subjects = new LinkedHashMap<>();
        for (final Field field : Topics.class.getFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != Topic.class) {
                continue;
            }
            final Topic<?, ?> topic;
            try {
                topic = (Topic<?, ?>) field.get(null);
            } catch (final IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + field, e);
            }
            if (topic.key().usesRegistry()) {
                subjects.put(Subjects.topicName(topic.name(), true), schemaOf(topic.key(), field));
            }
            if (topic.value().usesRegistry()) {
                subjects.put(Subjects.topicName(topic.name(), false), schemaOf(topic.value(), field));
            }
        }
        return subjects;
    }

    private static Schema schemaOf(final Codec<?> codec, final Field field) {
        return codec.registeredSchema().orElseThrow(() -> new IllegalStateException("no schema known for Topics."
            + field.getName()));
    }
}
