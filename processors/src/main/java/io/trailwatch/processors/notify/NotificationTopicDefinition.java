package io.trailwatch.processors.notify;

import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.regex.Pattern;

/**
 * A notification topic, as SNS's CreateTopic makes it: alarms name it in their actions, and each of its
 * subscriptions receives what is published to it.
 *
 * @param name         its name: 1 to 256 letters, digits, hyphens and underscores, as SNS's standard topics
 * @param creationTime when it was created, epoch milliseconds
 * @param displayName  SNS's DisplayName attribute (the sender's name of email notifications); null: none
 */
public record NotificationTopicDefinition(String name, long creationTime, String displayName) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    /** SNS's limit on DisplayName. */
    private static final int MAX_DISPLAY_NAME = 100;

    public NotificationTopicDefinition validate() {
        requireName("Name", name);
        if (displayName != null && displayName.length() > MAX_DISPLAY_NAME) {
            throw new InvalidRecordException("DisplayName", "must be at most " + MAX_DISPLAY_NAME + " characters");
        }
        return this;
    }

    /** Checks a topic name as SNS does; FIFO topics ({@code .fifo}) are not offered, so the dot is refused too. */
    public static String requireName(final String field, final String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidRecordException(field, "is required");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidRecordException(field, "Topic Name must be 1 to 256 letters, digits, hyphens or "
                + "underscores (FIFO topics are not supported)");
        }
        return name;
    }
}
