package io.trailwatch.processors.logs.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.processors.filter.pattern.FilterPatternInput;
import io.trailwatch.schemas.json.InvalidRecordException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PutSubscriptionFilter's rules: names, pattern (as every filterPattern member), topic and distribution. */
class SubscriptionFilterDefinitionTest {

    private static SubscriptionFilterDefinition filter(final String name, final String pattern, final String topic,
                                                       final String distribution) {
        return new SubscriptionFilterDefinition("/app/web", name, pattern, "arn", topic, distribution, 0);
    }

    @Test
    void aValidFilterDefaultsToByLogStreamAndIsNamedByGroupAndFilter() {
        final SubscriptionFilterDefinition valid = filter("errors", "ERROR", "app-errors", null).validate();
        assertThat(valid.distribution()).isEqualTo("ByLogStream");
        assertThat(valid.name()).isEqualTo("/app/web:errors");
    }

    @Test
    void namesPatternsAndDistributionsAreCheckedNamingTheMember() {
        assertThatThrownBy(() -> filter("a:b", "", "t", null).validate()).isInstanceOf(InvalidRecordException.class)
            .hasMessageContaining("filterName");
        assertThatThrownBy(() -> filter("x".repeat(513), "", "t", null).validate())
            .hasMessageContaining("filterName");
        assertThatThrownBy(() -> filter("f", "{ $.x = ", "t", null).validate()).hasMessageContaining("filterPattern");
        assertThatThrownBy(() -> filter("f", "a".repeat(FilterPatternInput.MAX_LENGTH + 1), "t", null).validate())
            .hasMessageContaining("filterPattern").hasMessageContaining("1024");
        assertThat(filter("f", "a".repeat(FilterPatternInput.MAX_LENGTH), "t", null).validate()).isNotNull();
        assertThatThrownBy(() -> filter("f", null, "t", null).validate()).hasMessageContaining("filterPattern");
        assertThatThrownBy(() -> filter("f", "", "t", "Sometimes").validate()).hasMessageContaining("distribution");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "has space", "slash/topic", "trailwatch.logs", "trailwatch-app-changelog",
        "__consumer_offsets", "_schemas"})
    void aDestinationMustBeALegalTopicOfTheUsersOwn(final String topic) {
        assertThatThrownBy(() -> filter("f", "", topic, null).validate()).isInstanceOf(InvalidRecordException.class)
            .hasMessageContaining("destinationArn");
    }

    @Test
    void theLongestLegalTopicNameIsAccepted() {
        assertThat(filter("f", "", "t".repeat(249), "Random").validate().destinationTopic()).hasSize(249);
        assertThatThrownBy(() -> filter("f", "", "t".repeat(250), null).validate())
            .hasMessageContaining("destinationArn");
    }
}
