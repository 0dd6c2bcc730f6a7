package io.trailwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class MetricTransformationsArgumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheAwsCliShorthandWithDimensionsAndADefaultValue() throws Exception {
        assertThat(MetricTransformationsArgument.parse("metricName=Calls,metricNamespace=Audit,metricValue=$.n,"
            + "dimensions={EventName=$.eventName,Source=$.eventSource},unit=Count"))
            .isEqualTo(JSON.readTree("""
                [{"metricName": "Calls", "metricNamespace": "Audit", "metricValue": "$.n",
                  "dimensions": {"EventName": "$.eventName", "Source": "$.eventSource"}, "unit": "Count"}]"""));
        assertThat(MetricTransformationsArgument.parse("metricName=E,metricNamespace=A,metricValue=1,defaultValue=0")
            .get(0).get("defaultValue").asDouble()).isZero();
    }

    @Test
    void readsJsonAsTheAwsCliDoes() throws Exception {
        final String json = "[{\"metricName\": \"E\", \"metricNamespace\": \"A\", \"metricValue\": \"1\"}]";
        assertThat(MetricTransformationsArgument.parse(json)).isEqualTo(JSON.readTree(json));
        assertThat(MetricTransformationsArgument.parse(json.substring(1, json.length() - 1))).isEqualTo(JSON.readTree(json));
    }

    @Test
    void saysWhatIsWrong() {
        assertThatThrownBy(() -> MetricTransformationsArgument.parse("metricName")).hasMessageContaining("key=value");
        assertThatThrownBy(() -> MetricTransformationsArgument.parse("defaultValue=zero"))
            .hasMessageContaining("defaultValue must be a number");
        assertThatThrownBy(() -> MetricTransformationsArgument.parse("dimensions=EventName"))
            .hasMessageContaining("dimensions must be {Name=$.field,...}");
        assertThatThrownBy(() -> MetricTransformationsArgument.parse("[{"))
            .hasMessageContaining("not valid JSON");
    }
}
