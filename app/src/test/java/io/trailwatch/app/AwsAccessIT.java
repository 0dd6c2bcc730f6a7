package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.app.cli.CallerCredentials;
import io.trailwatch.app.cli.RequestSigner;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.testkit.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;

/**
 * AWS's protocols pass the same gate as the native API: only a SigV4 signature scoped to the service answers, the
 * caller's IAM policies decide, refusals come in the protocol's own error shape, and every call is on the trail
 * under the AWS service's event source.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class AwsAccessIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String endpoint;
    private static TestIdentity identity;

    @BeforeAll
    static void start() throws Exception {
        endpoint = RunningTrailwatch.get().endpoint();
        identity = TestIdentity.get();
    }

    @Test
    void anUnsignedQueryIsRefusedInXml() throws Exception {
        final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("Action=ListMetrics&Version=2010-08-01")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
            assertThat(type).startsWith("text/xml"));
        assertThat(response.body()).contains("<Code>MissingAuthenticationToken</Code>").contains("<ErrorResponse");
    }

    /** Nothing anonymous is decoded: an unsigned body that is not even valid is refused for its missing signature. */
    @Test
    void anUnsignedRequestIsRefusedBeforeItsBodyIsRead() throws Exception {
        final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
            .header("Content-Type", "application/x-amz-json-1.0")
            .header("X-Amz-Target", "GraniteServiceVersion20100801.PutMetricData")
            .POST(HttpRequest.BodyPublishers.ofString("{\"Namespace\": [not json")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-query-error"))
            .hasValue("MissingAuthenticationToken;Sender");
        final HttpResponse<String> signed = json10("PutMetricData", "{\"Namespace\": [not json",
            identity.administrator(), "monitoring");
        assertThat(signed.statusCode()).as("signed, the same body is a bad request").isEqualTo(400);
    }

    /** A signature scoped to another of the services here does not call this one, as at AWS. */
    @Test
    void aSignatureScopedToAnotherAwsServiceIsRefused() throws Exception {
        final HttpResponse<String> logsScope = json10("{}", identity.administrator(), "logs");
        assertThat(logsScope.statusCode()).isEqualTo(403);
        assertThat(logsScope.headers().firstValue("x-amzn-query-error")).hasValue("SignatureDoesNotMatch;Sender");
        assertThat(logsScope.body()).contains("Credential should be scoped to correct service: 'monitoring'");
    }

    @Test
    void aReadOnlyUserReadsButCannotPut() {
        final CallerCredentials reader = TestIdentity.credentials(identity.newUser(UniqueNames.of("aws-reader"),
            ManagedPolicies.READ_ONLY_ACCESS));
        try (CloudWatchClient cloudWatch = AwsClients.cloudWatch(endpoint, reader)) {
            assertThat(cloudWatch.listMetrics(list -> list.namespace(UniqueNames.of("Nothing"))).metrics()).isEmpty();
            assertThatThrownBy(() -> cloudWatch.putMetricData(put -> put.namespace(UniqueNames.of("Forbidden"))
                .metricData(datum -> datum.metricName("m").value(1.0))))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.getMessage()).contains("cloudwatch:PutMetricData");
                });
        }
    }

    @Test
    void aSignatureForAnotherServiceOrAWrongSecretIsRefused() throws Exception {
        final String body = "{\"Namespace\":\"X\"}";
        final HttpResponse<String> nativeScope = json10(body, identity.administrator(), "trailwatch");
        assertThat(nativeScope.statusCode()).isEqualTo(403);
        assertThat(AwsClients.tree(nativeScope.body()).path("__type").asText()).endsWith("InvalidSignatureException");
        final CallerCredentials wrongSecret = new CallerCredentials(identity.administrator().accessKeyId(),
            TestSecrets.otherThan(identity.administrator().secretAccessKey()), "test");
        final HttpResponse<String> forged = json10(body, wrongSecret, "monitoring");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("x-amzn-query-error")).hasValue("SignatureDoesNotMatch;Sender");
        assertThat(json10(body, identity.administrator(), "monitoring").statusCode()).isEqualTo(200);
    }

    @Test
    void callsThroughAwsProtocolsAreOnTheTrail() {
        final String namespace = UniqueNames.of("Audited");
        try (CloudWatchClient cloudWatch = AwsClients.cloudWatch(endpoint, identity.administrator())) {
            cloudWatch.listMetrics(list -> list.namespace(namespace));
        }
        final JsonNode record = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
            .until(() -> lookup("EventName", "ListMetrics").stream()
                .filter(r -> namespace.equals(r.at("/requestParameters/namespace").asText())).findFirst()
                .orElse(null), found -> found != null);
        assertThat(record.path("eventSource").asText()).isEqualTo("monitoring.amazonaws.com");
        assertThat(record.path("readOnly").asBoolean()).isTrue();
        assertThat(record.path("userAgent").asText()).contains("aws-sdk-java");
        assertThat(record.at("/userIdentity/accessKeyId").asText())
            .isEqualTo(identity.administrator().accessKeyId());
    }

    @Test
    void everyAlarmACallNamesIsAuthorizedHoweverItIsSpelled() throws Exception {
        final String mine = UniqueNames.of("Mine");
        final String theirs = UniqueNames.of("Protected");
        final String user = UniqueNames.of("aws-deleter");
        identity.identities().createUser(user);
        identity.identities().putUserPolicy(user, "AllButProtected", """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "cloudwatch:*", "Resource": "*"},
              {"Effect": "Deny", "Action": ["cloudwatch:DeleteAlarms", "cloudwatch:SetAlarmState"],
               "Resource": "arn:aws:cloudwatch:*:*:alarm:Protected-*"}]}""");
        final CallerCredentials deleter = TestIdentity.credentials(identity.identities().createAccessKey(user));
        try (CloudWatchClient admin = AwsClients.cloudWatch(endpoint, identity.administrator());
             CloudWatchClient cloudWatch = AwsClients.cloudWatch(endpoint, deleter)) {
            for (final String name : List.of(mine, theirs)) {
                admin.putMetricAlarm(put -> put.alarmName(name).namespace("AwsAccessIT").metricName("m")
                    .statistic("Sum").period(60).evaluationPeriods(1).threshold(1.0)
                    .comparisonOperator("GreaterThanThreshold"));
            }
            // The protected alarm second: authorizing the first name only would let it through.
            assertThatThrownBy(() -> cloudWatch.deleteAlarms(delete -> delete.alarmNames(mine, theirs)))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.getMessage()).contains(theirs);
                });
            assertThat(admin.describeAlarms(describe -> describe.alarmNames(mine, theirs)).metricAlarms())
                .hasSize(2);
        }
        // Spelled in lower case, the member still names the protected alarm: refused, not authorized on "*".
        final HttpResponse<String> lowerCase = json10("SetAlarmState", "{\"alarmName\":\"" + theirs
            + "\",\"StateValue\":\"ALARM\",\"StateReason\":\"x\"}", deleter, "monitoring");
        assertThat(lowerCase.statusCode()).as(lowerCase.body()).isEqualTo(403);
        // Twice, in two spellings: refused before anything reads it.
        final HttpResponse<String> twice = json10("SetAlarmState", "{\"AlarmName\":\"" + mine
            + "\",\"alarmName\":\"" + theirs + "\",\"StateValue\":\"ALARM\",\"StateReason\":\"x\"}", deleter,
            "monitoring");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(AwsClients.tree(twice.body()).path("__type").asText()).endsWith("SerializationException");
    }

    @Test
    void theTargetHeaderMustBeSigned() throws Exception {
        final URI uri = URI.create(endpoint + "/");
        final String body = "{}";
        final Map<String, String> signed = Map.of("Content-Type", "application/x-amz-json-1.0");
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/x-amz-json-1.0")
            .header("X-Amz-Target", "GraniteServiceVersion20100801.ListMetrics");
        new RequestSigner(identity.administrator(), "monitoring", TestIdentity.NAMES.region())
            .sign(request, "POST", uri, signed, body);
        final HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-query-error")).hasValue("IncompleteSignature;Sender");
    }

    private static HttpResponse<String> json10(final String body, final CallerCredentials who, final String service)
        throws Exception {
        return json10("ListMetrics", body, who, service);
    }

    private static HttpResponse<String> json10(final String operation, final String body, final CallerCredentials who,
                                               final String service) throws Exception {
        final URI uri = URI.create(endpoint + "/");
        final Map<String, String> headers = Map.of("Content-Type", "application/x-amz-json-1.0",
            "X-Amz-Target", "GraniteServiceVersion20100801." + operation);
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        new RequestSigner(who, service, TestIdentity.NAMES.region()).sign(request, "POST", uri, headers, body);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** LookupEvents through the CLI as the administrator: the CloudTrail records found. */
    private static List<JsonNode> lookup(final String key, final String value) {
        final CommandLineRunner found = CommandLineRunner.run("lookup-events", "--lookup-attributes",
            "AttributeKey=" + key + ",AttributeValue=" + value, "--output", "json", "--endpoint", endpoint);
        final List<JsonNode> records = new ArrayList<>();
        if (found.exitCode() == 0) {
            for (final JsonNode event : AwsClients.tree(found.out()).path("Events")) {
                records.add(AwsClients.tree(event.path("CloudTrailEvent").asText()));
            }
        }
        return records;
    }
}
