package io.trailwatch.schemas.serde;

/** Confluent's TopicNameStrategy: the subject of a topic's values is {@code <topic>-value}. */
public final class Subjects {

    private Subjects() {
    }

    public static String topicName(final String topic, final boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
