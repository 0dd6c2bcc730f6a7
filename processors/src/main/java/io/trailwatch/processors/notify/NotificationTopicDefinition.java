package io.trailwatch.processors.notify;

import static io.trailwatch.processors.config.DefinitionShapes.LONG;
import static io.trailwatch.processors.config.DefinitionShapes.STRING;
import static io.trailwatch.processors.config.DefinitionShapes.object;
import static io.trailwatch.processors.config.DefinitionShapes.optional;
import static io.trailwatch.processors.config.DefinitionShapes.present;

import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionShapes.ObjectShape;
import io.trailwatch.processors.config.DefinitionType;
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

    /** Its JSON fields and their types, as the API takes it. */
    public static final ObjectShape SHAPE = object("a notification topic (CreateTopic)",
        optional("Name", STRING),
        present("CreationTime", LONG),
        optional("DisplayName", STRING));

    /** How it is read, checked and stored: every edge that takes one reads it through this. */
    public static final DefinitionType<NotificationTopicDefinition> TYPE = DefinitionType.of(
        DefinitionKind.NOTIFICATION_TOPIC, NotificationTopicDefinition.class, SHAPE, NotificationTopicDefinition::name,
        NotificationTopicDefinition::validate);

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
