package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.cli.CallerCredentials;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.testkit.UniqueNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardEntry;
import software.amazon.awssdk.services.cloudwatch.model.GetDashboardResponse;

/**
 * CloudWatch's dashboards through AWS's own clients (the AWS SDK for Java v2 over Smithy RPC v2 CBOR, boto3 over
 * query) and Trailwatch's CLI: a body from AWS's documentation put, got back unchanged, listed and deleted; a body
 * CloudWatch would refuse is refused with every DashboardValidationMessage.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class DashboardsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Two problems: a widget off the 24-column grid, and a text widget without its markdown. */
    private static final String INVALID_BODY = "{\"widgets\":[{\"type\":\"text\",\"x\":30,\"properties\":{}}]}";
    private static String endpoint;
    private static TestIdentity identity;
    private static CloudWatchClient cloudWatch;

    @BeforeAll
    static void start() throws Exception {
        endpoint = RunningTrailwatch.get().endpoint();
        identity = TestIdentity.get();
        cloudWatch = AwsClients.cloudWatch(endpoint, identity.administrator());
    }

    @AfterAll
    static void stop() {
        if (cloudWatch != null) {
            cloudWatch.close();
        }
    }

    /**
     * The example of "Overall Structure" in
     * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html.
     */
    static String awsDocumentationBody() throws IOException {
        try (InputStream in = DashboardsIT.class.getResourceAsStream("/dashboards/aws-doc-overall-structure.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theJavaSdkPutsGetsListsAndDeletesADashboard() throws IOException {
        final String name = UniqueNames.of("sdk-dash");
        final String body = awsDocumentationBody();
        assertThat(cloudWatch.putDashboard(put -> put.dashboardName(name).dashboardBody(body))
            .dashboardValidationMessages()).isEmpty();

        final GetDashboardResponse got = cloudWatch.getDashboard(get -> get.dashboardName(name));
        assertThat(got.dashboardBody()).as("the body as it was put, byte for byte").isEqualTo(body);
        assertThat(got.dashboardName()).isEqualTo(name);
        assertThat(got.dashboardArn()).matches("arn:aws:cloudwatch::\\d{12}:dashboard/" + name);

        final String second = name + "-b";
        cloudWatch.putDashboard(put -> put.dashboardName(second).dashboardBody("{\"widgets\":[]}"));
        assertThat(cloudWatch.listDashboards(list -> list.dashboardNamePrefix(name)).dashboardEntries())
            .extracting(DashboardEntry::dashboardName, DashboardEntry::size)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(name,
                (long) body.getBytes(StandardCharsets.UTF_8).length), org.assertj.core.groups.Tuple.tuple(second, 14L));
        assertThat(cloudWatch.listDashboards(list -> list.dashboardNamePrefix(name)).dashboardEntries().get(0)
            .lastModified()).isAfter(java.time.Instant.now().minusSeconds(120));

        assertThatThrownBy(() -> cloudWatch.deleteDashboards(delete -> delete.dashboardNames(name, "never-put-"
            + name))).isInstanceOfSatisfying(CloudWatchException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
                assertThat(e.statusCode()).isEqualTo(404);
            });
        assertThat(cloudWatch.getDashboard(get -> get.dashboardName(name)).dashboardBody())
            .as("a DeleteDashboards that names one missing dashboard deletes none").isEqualTo(body);
        cloudWatch.deleteDashboards(delete -> delete.dashboardNames(name, second));
        assertThat(cloudWatch.listDashboards(list -> list.dashboardNamePrefix(name)).dashboardEntries()).isEmpty();
        assertThatThrownBy(() -> cloudWatch.getDashboard(get -> get.dashboardName(name)))
            .isInstanceOfSatisfying(CloudWatchException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void theJavaSdkIsToldEveryProblemOfABodyItRefuses() {
        final String name = UniqueNames.of("sdk-bad");
        assertThatThrownBy(() -> cloudWatch.putDashboard(put -> put.dashboardName(name).dashboardBody(INVALID_BODY)))
            .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterInput");
                assertThat(e.awsErrorDetails().errorMessage()).contains("/widgets/0/x: Should be <= 23",
                    "/widgets/0/properties: Should have required property 'markdown'");
            });
        assertThatThrownBy(() -> cloudWatch.getDashboard(get -> get.dashboardName(name)))
            .as("nothing was stored").isInstanceOf(CloudWatchException.class);
        assertThatThrownBy(() -> cloudWatch.putDashboard(put -> put.dashboardName("no spaces").dashboardBody(
            "{\"widgets\":[]}"))).isInstanceOfSatisfying(CloudWatchException.class,
                e -> assertThat(e.awsErrorDetails().errorMessage()).contains("DashboardName"));
    }

    @Test
    void everyCallIsOnTheTrailUnderTheDashboardsArnAndAReadOnlyUserCannotPut() {
        final Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        final String name = UniqueNames.of("audited-dash");
        cloudWatch.putDashboard(put -> put.dashboardName(name).dashboardBody("{\"widgets\":[]}"));
        cloudWatch.getDashboard(get -> get.dashboardName(name));
        assertThat(cli("delete-dashboards", "--dashboard-names", name).exitCode()).isZero();
        final String arn = TestIdentity.NAMES.dashboard(name);
        final LookupAttribute byDashboard = LookupAttribute.builder()
            .attributeKey(LookupAttributeKey.RESOURCE_NAME).attributeValue(arn).build();
        try (CloudTrailClient cloudTrail = AwsClients.cloudTrail(endpoint, identity.administrator())) {
            final List<Event> events = Awaitility.await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> cloudTrail.lookupEvents(lookup -> lookup.lookupAttributes(byDashboard)
                    .startTime(before.minusSeconds(1))).events(), found -> found.size() >= 3);
            assertThat(events).extracting(Event::eventName)
                .containsExactly("DeleteDashboards", "GetDashboard", "PutDashboard");
            assertThat(events).allSatisfy(event -> assertThat(event.resources()).anySatisfy(resource ->
                assertThat(resource.resourceType()).isEqualTo("AWS::CloudWatch::Dashboard")));
        }

        final CallerCredentials reader = TestIdentity.credentials(identity.newUser(UniqueNames.of("dash-reader"),
            ManagedPolicies.READ_ONLY_ACCESS));
        try (CloudWatchClient readOnly = AwsClients.cloudWatch(endpoint, reader)) {
            assertThatThrownBy(() -> readOnly.putDashboard(put -> put.dashboardName(name)
                .dashboardBody("{\"widgets\":[]}"))).isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("cloudwatch:PutDashboard");
                });
            assertThat(readOnly.listDashboards(list -> list.dashboardNamePrefix(name)).dashboardEntries()).isEmpty();
        }
    }

    @Test
    void boto3PutsAndGetsADashboardInTheQueryProtocolAndReadsTheValidationMessages() throws Exception {
        final String name = UniqueNames.of("boto-dash");
        final String body = awsDocumentationBody();
        final JsonNode put = AwsClients.boto3(endpoint, identity.credentialsFile(), "cloudwatch", "put_dashboard",
            JSON.createObjectNode().put("DashboardName", name).put("DashboardBody", body).toString());
        assertThat(put.path("protocol").asText()).isEqualTo("query");
        assertThat(put.path("ok").path("DashboardValidationMessages")).as(put.toString()).isEmpty();
        final JsonNode got = AwsClients.boto3(endpoint, identity.credentialsFile(), "cloudwatch", "get_dashboard",
            JSON.createObjectNode().put("DashboardName", name).toString());
        assertThat(got.path("ok").path("DashboardBody").asText()).as(got.toString()).isEqualTo(body);
        final JsonNode listed = AwsClients.boto3(endpoint, identity.credentialsFile(), "cloudwatch",
            "list_dashboards", JSON.createObjectNode().put("DashboardNamePrefix", name).toString());
        assertThat(listed.path("ok").path("DashboardEntries").get(0).path("DashboardName").asText())
            .as(listed.toString()).isEqualTo(name);

        final JsonNode refused = AwsClients.boto3(endpoint, identity.credentialsFile(), "cloudwatch",
            "put_dashboard", JSON.createObjectNode().put("DashboardName", name).put("DashboardBody", INVALID_BODY)
                .toString());
        assertThat(refused.path("error").path("Code").asText()).as(refused.toString())
            .isEqualTo("InvalidParameterInput");
        assertThat(refused.path("status").asInt()).isEqualTo(400);
        assertThat(refused.path("error").path("Message").asText()).contains("/widgets/0/x");
        final JsonNode deleted = AwsClients.boto3(endpoint, identity.credentialsFile(), "cloudwatch",
            "delete_dashboards", "{\"DashboardNames\":[\"" + name + "\"]}");
        assertThat(deleted.has("ok")).as(deleted.toString()).isTrue();
    }

    @Test
    void theCliPutsABodyFromAFileGetsListsAndDeletesIt() throws Exception {
        final String name = UniqueNames.of("cli-dash");
        final Path file = Files.createTempFile("dashboard", ".json");
        Files.writeString(file, awsDocumentationBody());
        final JsonNode put = ok(cli("put-dashboard", "--dashboard-name", name, "--dashboard-body", "file://" + file));
        assertThat(put.path("DashboardValidationMessages")).isEmpty();
        assertThat(ok(cli("get-dashboard", "--dashboard-name", name)).path("DashboardBody").asText())
            .isEqualTo(awsDocumentationBody());
        assertThat(ok(cli("list-dashboards", "--dashboard-name-prefix", name)).path("DashboardEntries").get(0)
            .path("DashboardName").asText()).isEqualTo(name);

        final CommandLineRunner refused = cli("put-dashboard", "--dashboard-name", name, "--dashboard-body",
            INVALID_BODY);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("(InvalidParameterInput)", "/widgets/0/x: Should be <= 23",
            "/widgets/0/properties: Should have required property 'markdown'");

        ok(cli("delete-dashboards", "--dashboard-names", name));
        final CommandLineRunner gone = cli("get-dashboard", "--dashboard-name", name);
        assertThat(gone.exitCode()).isEqualTo(2);
        assertThat(gone.err()).contains("(ResourceNotFound)", "Dashboard " + name + " does not exist");
    }

    private static CommandLineRunner cli(final String... args) {
        final String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--endpoint";
        all[args.length + 1] = endpoint;
        return CommandLineRunner.run(all);
    }

    private static JsonNode ok(final CommandLineRunner run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().isBlank() ? JSON.createObjectNode() : JSON.readTree(run.out());
    }
}
