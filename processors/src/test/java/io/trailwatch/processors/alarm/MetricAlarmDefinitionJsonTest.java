package io.trailwatch.processors.alarm;

import static io.trailwatch.processors.alarm.AlarmFixture.alarm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

/** Definitions are declared as JSON or YAML in AWS's PascalCase and read with Jackson; the record must survive it. */
class MetricAlarmDefinitionJsonTest {

    private static final ObjectMapper AWS_JSON = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    @Test
    void roundTripsThroughPascalCaseJson() throws Exception {
        final MetricAlarmDefinition definition = alarm().percentile("p99").unit("Milliseconds")
            .treatMissingData(TreatMissingData.notBreaching).build().validate();

        final String json = AWS_JSON.writeValueAsString(definition);

        assertThat(json).contains("\"AlarmName\":\"cpu-high\"", "\"ExtendedStatistic\":\"p99\"",
            "\"TreatMissingData\":\"notBreaching\"", "\"Dimensions\":{\"InstanceId\":\"i-0123456789abcdef0\"}")
            .doesNotContain("StatisticName", "EffectiveTreatMissingData");
        assertThat(AWS_JSON.readValue(json, MetricAlarmDefinition.class)).isEqualTo(definition);
    }

    @Test
    void readsAwsCliStyleJsonWithPutMetricAlarmDefaults() throws Exception {
        final MetricAlarmDefinition definition = AWS_JSON.readValue("""
            {"AlarmName": "errors", "Namespace": "Trailwatch/Audit", "MetricName": "AccessDenied",
             "Statistic": "Sum", "Period": 300, "EvaluationPeriods": 2, "Threshold": 1,
             "ComparisonOperator": "GreaterThanOrEqualToThreshold", "ActionsEnabled": true,
             "OKActions": ["arn:aws:sns:us-east-1:111122223333:ok"]}
            """, MetricAlarmDefinition.class).validate();

        assertThat(definition.datapointsToAlarm()).isEqualTo(2);
        assertThat(definition.treatMissingData()).isEqualTo(TreatMissingData.missing);
        assertThat(definition.okActions()).containsExactly("arn:aws:sns:us-east-1:111122223333:ok");
        assertThat(definition.dimensions()).isEmpty();
        assertThat(definition.alarmDescription()).isNull();
    }
}
