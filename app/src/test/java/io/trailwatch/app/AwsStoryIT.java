package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.testkit.UniqueNames;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The demo's story told through AWS's own command line only, as a team moving from AWS would tell it: an
 * application's DeleteBucket enters the trail with {@code cloudtrail-data put-audit-events}, a metric filter put
 * with {@code logs put-metric-filter} counts it, an alarm put with {@code cloudwatch put-metric-alarm} goes to ALARM
 * in {@code describe-alarms}, and {@code cloudtrail lookup-events} finds the call.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class AwsStoryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "arn:aws:cloudtrail:us-east-1:000000000000:channel/" + UUID.randomUUID();

    @Test
    void aDeleteBucketRaisesAnAlarmAndIsFoundThroughAwsClientsOnly() throws Exception {
        final RunningTrailwatch trailwatch = RunningTrailwatch.get();
        final String endpoint = trailwatch.endpoint();
        final TestIdentity identity = TestIdentity.get();
        final String bucket = UniqueNames.of("story-bucket");
        final String filter = UniqueNames.of("StoryDeleteBucket");
        final String namespace = UniqueNames.of("Story");
        final String alarm = UniqueNames.of("StoryBucketDeleted");
        final Instant begin = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        cli(endpoint, identity, "logs", "put-metric-filter", "--log-group-name", "trailwatch/audit",
            "--filter-name", filter, "--filter-pattern", "{ ($.eventName = \"DeleteBucket\") && "
                + "($.requestParameters.bucketName = \"" + bucket + "\") }",
            "--metric-transformations", "metricName=BucketsDeleted,metricNamespace=" + namespace + ",metricValue=1");
        cli(endpoint, identity, "cloudwatch", "put-metric-alarm", "--alarm-name", alarm, "--namespace", namespace,
            "--metric-name", "BucketsDeleted", "--statistic", "Sum", "--period", "60", "--evaluation-periods", "1",
            "--threshold", "1", "--comparison-operator", "GreaterThanOrEqualToThreshold",
            "--treat-missing-data", "notBreaching");
        // Metric filters count what arrives after them, in CloudWatch as here: the call comes once the processors
        // run the filter.
        Awaitility.await().atMost(Duration.ofSeconds(60))
            .until(() -> trailwatch.runtime().hasDefinition("metric-filter/" + filter));

        final ObjectNode data = JSON.createObjectNode().put("version", "1.0");
        data.putObject("userIdentity").put("type", "CustomUser").put("principalId", "bob");
        data.put("eventSource", "storage.example.com").put("eventName", "DeleteBucket")
            .put("eventTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
            .put("UID", UUID.randomUUID().toString()).put("recipientAccountId", "000000000000")
            .put("sourceIPAddress", "203.0.113.7").put("userAgent", "storage-cli/1.0");
        data.putObject("requestParameters").put("bucketName", bucket);
        final String events = JSON.createArrayNode().add(JSON.createObjectNode().put("id", "1")
            .put("eventData", data.toString())).toString();
        final JsonNode put = cli(endpoint, identity, "cloudtrail-data", "put-audit-events", "--channel-arn", CHANNEL,
            "--audit-events", events);
        assertThat(put.path("successful")).hasSize(1);
        assertThat(put.path("failed")).isEmpty();

        final JsonNode alarmed = Awaitility.await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2))
            .until(() -> cli(endpoint, identity, "cloudwatch", "describe-alarms", "--alarm-names", alarm)
                .path("MetricAlarms").get(0), found -> "ALARM".equals(found.path("StateValue").asText()));
        assertThat(alarmed.path("StateReason").asText()).contains("Threshold Crossed: 1 out of the last 1 datapoints");

        final JsonNode found = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
            .until(() -> event(cli(endpoint, identity, "cloudtrail", "lookup-events", "--lookup-attributes",
                "AttributeKey=EventName,AttributeValue=DeleteBucket", "--start-time", begin.toString()), bucket),
                event -> event != null);
        assertThat(found.path("EventSource").asText()).isEqualTo("storage.example.com");
        final JsonNode record = AwsClients.tree(found.path("CloudTrailEvent").asText());
        assertThat(record.at("/requestParameters/bucketName").asText()).isEqualTo(bucket);
        assertThat(record.path("sourceIPAddress").asText()).isEqualTo("203.0.113.7");
    }

    /** The event of the answer whose record names the bucket, or null. */
    private static JsonNode event(final JsonNode answer, final String bucket) {
        for (final JsonNode event : answer.path("Events")) {
            if (event.path("CloudTrailEvent").asText().contains(bucket)) {
                return event;
            }
        }
        return null;
    }

    private static JsonNode cli(final String endpoint, final TestIdentity identity, final String... args)
        throws Exception {
        final AwsClients.Result result = AwsClients.awsCli(endpoint, identity.credentialsFile(), args);
        assertThat(result.exitCode()).as("aws %s: %s", String.join(" ", args), result.stderr()).isZero();
        return result.stdout().isBlank() ? JSON.createObjectNode() : result.json();
    }
}
