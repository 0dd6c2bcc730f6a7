package io.trailwatch.testkit;

import io.trailwatch.schemas.Topic;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names no other test, test class or earlier run shares, so tests on the one shared broker and registry
 * never see each other's records, consumer groups, Streams state or schema subjects.
 */
public final class UniqueNames {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** Distinguishes JVMs (and so Maven runs) sharing a long-lived broker, e.g. a Docker one. */
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);

    private UniqueNames() {
    }

    /** {@code <prefix>-<run>-<n>}, e.g. {@code audit-k3f9a-7}; valid as topic, group, application id or subject. */
    public static String of(final String prefix) {
        final String clean = prefix.replaceAll("[^A-Za-z0-9._-]", "-");
        return clean + "-" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    /** A unique topic name starting with the prefix. */
    public static String topic(final String prefix) {
        return of(prefix);
    }

    /** The template's codecs, partitions and configs under a unique name starting with the template's name. */
    public static <K, V> Topic<K, V> topic(final Topic<K, V> template) {
        return new Topic<>(of(template.name()), template.key(), template.value(), template.partitions(),
            template.configs());
    }

    /** A unique Kafka Streams application.id (also the prefix of its internal topics and its group). */
    public static String applicationId(final String prefix) {
        return of(prefix);
    }

    /** A unique consumer group id. */
    public static String groupId(final String prefix) {
        return of(prefix);
    }
}
