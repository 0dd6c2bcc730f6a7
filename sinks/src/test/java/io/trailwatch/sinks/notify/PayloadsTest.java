package io.trailwatch.sinks.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.avro.AlarmConfiguration;
import io.trailwatch.avro.AlarmState;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static AlarmStateChange change(final AlarmStateValue to, final String reason) {
        final Instant now = Instant.parse("2026-11-21T10:01:05Z");
        return AlarmStateChange.newBuilder().setId("id-1").setAlarmName("ServiceDown").setAlarmType("CompositeAlarm")
            .setState(new AlarmState(to, reason, null, now))
            .setPreviousState(new AlarmState(AlarmStateValue.OK, "before", null, now.minusSeconds(60)))
            .setConfiguration(AlarmConfiguration.newBuilder().setAlarmRule("ALARM(A) OR ALARM(B)").build())
            .build();
    }

    @Test
    void aPagerDutyTriggerCutsLongSummariesAndInsufficientDataIsNotSent() throws Exception {
        final Payloads pagerDuty = new Payloads(PayloadFormat.pagerduty, "key");

        final JsonNode trigger = JSON.readTree(pagerDuty.of(change(AlarmStateValue.ALARM, "x".repeat(2000)))
            .orElseThrow());

        assertThat(trigger.path("payload").path("summary").asText()).hasSize(1024).endsWith("...");
        assertThat(trigger.path("payload").path("class").asText()).isEqualTo("CompositeAlarm");
        assertThat(trigger.path("payload").path("custom_details").path("configuration").path("alarmRule").asText())
            .isEqualTo("ALARM(A) OR ALARM(B)");
        assertThat(pagerDuty.of(change(AlarmStateValue.INSUFFICIENT_DATA, "unknown"))).isEmpty();
    }

    @Test
    void aResolveCarriesOnlyTheKeys() throws Exception {
        final JsonNode resolve = JSON.readTree(new Payloads(PayloadFormat.pagerduty, "key")
            .of(change(AlarmStateValue.OK, "fine")).orElseThrow());

        assertThat(resolve.toString())
            .isEqualTo("{\"routing_key\":\"key\",\"event_action\":\"resolve\",\"dedup_key\":\"ServiceDown\"}");
    }

    @Test
    void retriesBackOffExponentiallyUpToTheMaximum() {
        final RetryPolicy policy = new RetryPolicy(8, Duration.ofMillis(500), Duration.ofSeconds(3));

        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoffAfter(4)).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.backoffAfter(40)).isEqualTo(Duration.ofSeconds(3));
    }
}
