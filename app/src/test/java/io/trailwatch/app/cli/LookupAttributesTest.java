package io.trailwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LookupAttributesTest {

    @Test
    void shorthandAndJsonAsTheAwsCliTakesThem() {
        assertThat(LookupAttributes.parse(List.of(
            "AttributeKey=EventName,AttributeValue=DeleteBucket",
            "AttributeValue=a,b,AttributeKey=ResourceName",
            "AttributeKey=Username,AttributeValue=x=y,z",
            "[{\"AttributeKey\":\"EventSource\",\"AttributeValue\":\"s3.amazonaws.com\"}]")))
            .containsExactly(Map.entry("EventName", "DeleteBucket"), Map.entry("ResourceName", "a,b"),
                Map.entry("Username", "x=y,z"), Map.entry("EventSource", "s3.amazonaws.com"));
    }

    @Test
    void malformedAttributesAreRejected() {
        assertThatThrownBy(() -> LookupAttributes.parse(List.of("EventName=DeleteBucket")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AttributeKey=KEY,AttributeValue=VALUE");
        assertThatThrownBy(() -> LookupAttributes.parse(List.of("[{\"AttributeKey\":\"EventName\"}]")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AttributeValue");
        assertThatThrownBy(() -> LookupAttributes.parse(List.of("[{")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON");
    }
}
