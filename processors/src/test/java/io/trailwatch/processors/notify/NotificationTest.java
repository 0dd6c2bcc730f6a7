package io.trailwatch.processors.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What trailwatch.notifications carries reads back as written, and anything else is refused with the reason. */
class NotificationTest {

    private static final SubscriptionDefinition SUBSCRIPTION = new SubscriptionDefinition("db-oncall",
        "0f8fad5b-d9cb-469f-a165-70867728950e", "https", "https://hooks.example.com/db", 0L, true, "5f1e");
    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:db-oncall";

    @Test
    void aTransitionsNotificationHasTheSameIdsEveryTimeAndReadsBack() {
        final Notification first = Notification.of("t-1", SUBSCRIPTION, TOPIC, "Db", "ALARM: \"Db\"", "{}", "now");
        final Notification again = Notification.of("t-1", SUBSCRIPTION, TOPIC, "Db", "ALARM: \"Db\"", "{}", "later");

        assertThat(again.deliveryId()).isEqualTo(first.deliveryId()).isEqualTo("t-1/" + SUBSCRIPTION.id());
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(Notification.fromJson(first.toJson())).isEqualTo(first);
        assertThat(first.isConfirmation()).isFalse();
        assertThat(first.toJson()).doesNotContain("confirmation\"");
    }

    @Test
    void aConfirmationCarriesTheTokenAndEachRequestIsItsOwnDelivery() {
        final Notification confirmation = Notification.confirmation(SUBSCRIPTION, TOPIC, "now");

        assertThat(confirmation.isConfirmation()).isTrue();
        assertThat(confirmation.token()).isEqualTo("5f1e");
        assertThat(Notification.confirmation(SUBSCRIPTION, TOPIC, "now").deliveryId())
            .isNotEqualTo(confirmation.deliveryId());
        assertThat(Notification.fromJson(confirmation.toJson())).isEqualTo(confirmation);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{\"deliveryId\": \"d\"}",
        "{\"deliveryId\": \"d\", \"messageId\": \"m\", \"subscription\": \"s\", \"topicArn\": \"t\", \"message\": \"{}\","
            + " \"type\": \"Other\"}",
        "{\"deliveryId\": \"d\", \"messageId\": \"m\", \"subscription\": \"s\", \"topicArn\": \"t\", \"message\": \"{}\","
            + " \"type\": \"SubscriptionConfirmation\"}"})
    void anythingElseIsRefused(final String text) {
        assertThatThrownBy(() -> Notification.fromJson(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
