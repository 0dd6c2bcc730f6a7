package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.testkit.UniqueNames;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.InvalidEventCategoryException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidLookupAttributesException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidMaxResultsException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidTimeRangeException;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * CloudTrail's LookupEvents through AWS's own clients (the AWS SDK for Java v2 and the AWS CLI, awsJson 1.1): the
 * self-audit record of a call to Trailwatch is found as CloudTrail finds its events, paged with NextToken, and what
 * LookupEvents refuses is refused with CloudTrail's exception types.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class AwsCloudTrailIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String endpoint;
    private static TestIdentity identity;
    private static CloudTrailClient cloudTrail;
    private static CloudWatchLogsClient logs;

    @BeforeAll
    static void start() throws Exception {
        endpoint = RunningTrailwatch.get().endpoint();
        identity = TestIdentity.get();
        cloudTrail = AwsClients.cloudTrail(endpoint, identity.administrator());
        logs = AwsClients.logs(endpoint, identity.administrator());
    }

    @AfterAll
    static void stop() {
        if (cloudTrail != null) {
            cloudTrail.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    void lookupEventsFindsTheRecordOfACallAndPagesThroughEvents() throws Exception {
        final Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        final String group = "/it/" + UniqueNames.of("audited");
        logs.createLogGroup(create -> create.logGroupName(group));
        logs.createLogStream(create -> create.logGroupName(group).logStreamName("a"));
        final String arn = TestIdentity.NAMES.logGroup(group);
        final LookupAttribute byGroup = LookupAttribute.builder().attributeKey(LookupAttributeKey.RESOURCE_NAME)
            .attributeValue(arn).build();

        final List<Event> events = Awaitility.await().atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> cloudTrail.lookupEvents(lookup -> lookup.lookupAttributes(byGroup)
                .startTime(before.minusSeconds(1))).events(), found -> found.size() >= 2);
        // Newest first.
        assertThat(events).extracting(Event::eventName).containsExactly("CreateLogStream", "CreateLogGroup");
        final Event created = events.get(1);
        assertThat(created.eventSource()).isEqualTo("logs.amazonaws.com");
        assertThat(created.readOnly()).isEqualTo("false");
        assertThat(created.accessKeyId()).isEqualTo(identity.administrator().accessKeyId());
        assertThat(created.eventTime()).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(created.resources()).anySatisfy(resource -> {
            assertThat(resource.resourceName()).isEqualTo(arn);
            assertThat(resource.resourceType()).isEqualTo("AWS::Logs::LogGroup");
        });
        final JsonNode record = JSON.readTree(created.cloudTrailEvent());
        assertThat(record.path("eventName").asText()).isEqualTo("CreateLogGroup");
        assertThat(record.at("/requestParameters/logGroupName").asText()).isEqualTo(group);

        final LookupEventsResponse first = cloudTrail.lookupEvents(lookup -> lookup.lookupAttributes(byGroup)
            .startTime(before.minusSeconds(1)).maxResults(1));
        assertThat(first.events()).extracting(Event::eventId).containsExactly(events.get(0).eventId());
        final LookupEventsResponse second = cloudTrail.lookupEvents(lookup -> lookup.lookupAttributes(byGroup)
            .startTime(before.minusSeconds(1)).maxResults(1).nextToken(first.nextToken()));
        assertThat(second.events()).extracting(Event::eventId).containsExactly(created.eventId());
        assertThat(cloudTrail.lookupEvents(lookup -> lookup.lookupAttributes(byGroup).eventCategory("insight"))
            .events()).isEmpty();
    }

    @Test
    void lookupEventsRefusesWhatCloudTrailRefuses() {
        final LookupAttribute name = LookupAttribute.builder().attributeKey(LookupAttributeKey.EVENT_NAME)
            .attributeValue("CreateLogGroup").build();
        final LookupAttribute readOnly = LookupAttribute.builder().attributeKey(LookupAttributeKey.READ_ONLY)
            .attributeValue("maybe").build();
        final Instant now = Instant.now();

        assertThatThrownBy(() -> cloudTrail.lookupEvents(lookup -> lookup.lookupAttributes(name, name)))
            .isInstanceOf(InvalidLookupAttributesException.class).hasMessageContaining("LookupAttributes");
        assertThatThrownBy(() -> cloudTrail.lookupEvents(lookup -> lookup.lookupAttributes(readOnly)))
            .isInstanceOf(InvalidLookupAttributesException.class).hasMessageContaining("ReadOnly");
        assertThatThrownBy(() -> cloudTrail.lookupEvents(lookup -> lookup.lookupAttributes(LookupAttribute.builder()
            .attributeKey("Colour").attributeValue("red").build())))
            .isInstanceOf(InvalidLookupAttributesException.class).hasMessageContaining("AttributeKey");
        assertThatThrownBy(() -> cloudTrail.lookupEvents(lookup -> lookup.maxResults(51)))
            .isInstanceOf(InvalidMaxResultsException.class).hasMessageContaining("MaxResults");
        assertThatThrownBy(() -> cloudTrail.lookupEvents(lookup -> lookup.startTime(now).endTime(now.minusSeconds(60))))
            .isInstanceOf(InvalidTimeRangeException.class).hasMessageContaining("startTime");
        assertThatThrownBy(() -> cloudTrail.lookupEvents(lookup -> lookup.nextToken("not-a-token")))
            .isInstanceOf(InvalidNextTokenException.class).hasMessageContaining("nextToken");
        assertThatThrownBy(() -> cloudTrail.lookupEvents(lookup -> lookup.eventCategory("management")))
            .isInstanceOf(InvalidEventCategoryException.class).hasMessageContaining("EventCategory");
    }

    @Test
    void theAwsCliLooksUpEvents() throws Exception {
        final String group = "/it/" + UniqueNames.of("cli-audited");
        logs.createLogGroup(create -> create.logGroupName(group));
        final String attribute = "AttributeKey=ResourceName,AttributeValue=" + TestIdentity.NAMES.logGroup(group);

        final AwsClients.Result found = Awaitility.await().atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> AwsClients.awsCli(endpoint, identity.credentialsFile(), "cloudtrail", "lookup-events",
                "--lookup-attributes", attribute), answer -> answer.exitCode() == 0
                && answer.json().path("Events").size() > 0);
        final JsonNode event = found.json().path("Events").get(0);
        assertThat(event.path("EventName").asText()).isEqualTo("CreateLogGroup");
        assertThat(event.path("EventSource").asText()).isEqualTo("logs.amazonaws.com");

        final AwsClients.Result refused = AwsClients.awsCli(endpoint, identity.credentialsFile(), "cloudtrail",
            "lookup-events", "--max-results", "51");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("InvalidMaxResultsException").contains("MaxResults");
    }
}
