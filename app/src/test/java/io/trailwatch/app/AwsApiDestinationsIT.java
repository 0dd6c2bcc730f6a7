package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.app.cli.RequestSigner;
import io.trailwatch.app.notify.SubscriptionDeliveries;
import io.trailwatch.testkit.RecordingWebhook;
import io.trailwatch.testkit.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ConnectionAuthorizationType;
import software.amazon.awssdk.services.eventbridge.model.DescribeConnectionResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * EventBridge's connections and API destinations through the AWS SDK for Java v2, against real local HTTP
 * receivers: a rule's API destination target receives each matching event once (or its transformed input), with
 * its connection's authorization (API key, basic, an OAuth token fetched once), within its rate; a failing endpoint
 * is retried as the target's RetryPolicy says, then the event goes to the target's dead-letter topic with the
 * reason; no API answers a connection's secret, and the trail hides it.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class AwsApiDestinationsIT {

    private static final String TOPIC_ARN = "arn:aws:kafka:us-east-1:000000000000:topic/trailwatch/";
    private static final String ROLE = "arn:aws:iam::000000000000:role/invoke-api-destinations";
    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(60);
    private static RunningTrailwatch trailwatch;
    private static EventBridgeClient events;

    @BeforeAll
    static void start() throws Exception {
        trailwatch = RunningTrailwatch.get();
        events = AwsClients.eventBridge(trailwatch.endpoint(), TestIdentity.get().administrator());
    }

    @AfterAll
    static void stop() {
        if (events != null) {
            events.close();
        }
    }

    @Test
    void eachMatchingEventReachesTheApiDestinationOnceWithTheApiKeyWithinTheRate() throws Exception {
        try (RecordingWebhook receiver = new RecordingWebhook()) {
            final String secret = "key-" + UniqueNames.of("s");
            final String connection = UniqueNames.of("pager-key");
            final String connectionArn = events.createConnection(create -> create.name(connection)
                .authorizationType(ConnectionAuthorizationType.API_KEY)
                .authParameters(auth -> auth.apiKeyAuthParameters(key -> key.apiKeyName("x-pager-key")
                    .apiKeyValue(secret)))).connectionArn();
            final String destination = UniqueNames.of("pager");
            final String destinationArn = events.createApiDestination(create -> create.name(destination)
                .connectionArn(connectionArn).invocationEndpoint(receiver.url("/incidents")).httpMethod("POST")
                .invocationRateLimitPerSecond(2)).apiDestinationArn();
            final String source = UniqueNames.of("com.shop");
            final String rule = rule(source, Target.builder().id("pager").arn(destinationArn).roleArn(ROLE).build());

            final List<String> ids = events.putEvents(put -> put.entries(entry(source, 1), entry(source, 2),
                entry(source, 3), entry(source, 4), entry(source, 5))).entries().stream()
                .map(entry -> entry.eventId()).toList();

            final List<RecordingWebhook.Request> received = awaitRequests(receiver, "/incidents", 5);
            assertThat(received).extracting(request -> request.header("x-pager-key")).containsOnly(secret);
            assertThat(received).extracting(RecordingWebhook.Request::idempotencyKey)
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> "rule/" + rule + "/" + id + "/pager")
                    .toList());
            final JsonNode first = AwsClients.tree(received.get(0).body());
            assertThat(first.path("source").asText()).isEqualTo(source);
            assertThat(first.path("detail-type").asText()).isEqualTo("Order Placed");
            final long span = Duration.between(received.get(0).receivedAt(), received.get(4).receivedAt()).toMillis();
            System.out.println("API destination at 2 requests/s: 5 requests over " + span + " ms");
            // Sent 500 ms apart, so 2 s from the first to the fifth; arrivals jitter (the first also connects).
            assertThat(span).as("InvocationRateLimitPerSecond 2").isGreaterThanOrEqualTo(1500);
            // Once each: nothing more arrives.
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> receiver.requests("/incidents").size() == 5);

            final DescribeConnectionResponse described = events.describeConnection(describe -> describe
                .name(connection));
            assertThat(described.authParameters().apiKeyAuthParameters().apiKeyName()).isEqualTo("x-pager-key");
            assertThat(described.connectionStateAsString()).isEqualTo("AUTHORIZED");
            try (CloudTrailClient trail = AwsClients.cloudTrail(trailwatch.endpoint(),
                TestIdentity.get().administrator())) {
                final String record = Awaitility.await().atMost(DELIVERED_WITHIN).pollInterval(Duration.ofMillis(500))
                    .until(() -> trail.lookupEvents(lookup -> lookup.lookupAttributes(attribute -> attribute
                        .attributeKey(LookupAttributeKey.RESOURCE_NAME).attributeValue(connectionArn))).events()
                        .stream().filter(event -> "CreateConnection".equals(event.eventName())).toList(),
                        found -> !found.isEmpty()).get(0).cloudTrailEvent();
                assertThat(record).contains("CreateConnection").contains("x-pager-key")
                    .contains("HIDDEN_DUE_TO_SECURITY_REASONS").doesNotContain(secret);
            }
            assertThat(signedGet("/v1/connections/" + connection).body()).contains("x-pager-key")
                .doesNotContain(secret);
            assertThat(signedGet("/v1/connections").body()).contains(connection).doesNotContain(secret);
            assertThat(events.listTargetsByRule(list -> list.rule(rule)).targets()).singleElement()
                .satisfies(target -> {
                    assertThat(target.arn()).isEqualTo(destinationArn);
                    assertThat(target.roleArn()).isEqualTo(ROLE);
                });
            assertThat(events.describeApiDestination(describe -> describe.name(destination))
                .invocationRateLimitPerSecond()).isEqualTo(2);
        }
    }

    @Test
    void aFailingEndpointIsRetriedAsThePolicySaysThenTheEventIsDeadLetteredWithTheReason() throws Exception {
        try (RecordingWebhook receiver = new RecordingWebhook().alwaysAnswer(503)) {
            final String connectionArn = events.createConnection(create -> create.name(UniqueNames.of("basic"))
                .authorizationType(ConnectionAuthorizationType.BASIC)
                .authParameters(auth -> auth.basicAuthParameters(basic -> basic.username("ops")
                    .password("pa55word")))).connectionArn();
            final String destinationArn = events.createApiDestination(create -> create.name(UniqueNames.of("down"))
                .connectionArn(connectionArn).invocationEndpoint(receiver.url("/down")).httpMethod("PUT"))
                .apiDestinationArn();
            final String source = UniqueNames.of("com.shop");
            final String deadLetters = UniqueNames.topic("api-dlq");
            rule(source, Target.builder().id("down").arn(destinationArn).roleArn(ROLE)
                .retryPolicy(retry -> retry.maximumRetryAttempts(2).maximumEventAgeInSeconds(600))
                .deadLetterConfig(dlq -> dlq.arn(TOPIC_ARN + deadLetters)).build());

            final String id = events.putEvents(put -> put.entries(entry(source, 1))).entries().get(0).eventId();

            final List<ConsumerRecord<String, String>> dead = trailwatch.infrastructure().consumeUntil(deadLetters,
                new StringDeserializer(), new StringDeserializer(), read -> !read.isEmpty(), DELIVERED_WITHIN);
            assertThat(dead).singleElement().satisfies(record -> {
                assertThat(AwsClients.tree(record.value()).path("id").asText()).isEqualTo(id);
                assertThat(new String(record.headers().lastHeader(SubscriptionDeliveries.REASON_HEADER).value(),
                    StandardCharsets.UTF_8)).contains("HTTP 503").contains("after 3 attempts");
            });
            final List<RecordingWebhook.Request> attempts = receiver.requests("/down");
            assertThat(attempts).hasSize(3).extracting(RecordingWebhook.Request::idempotencyKey)
                .containsOnly(attempts.get(0).idempotencyKey());
            assertThat(attempts.get(0).header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("ops:pa55word".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void anOauthConnectionFetchesItsTokenOnceAndSendsItAsBearer() throws Exception {
        try (RecordingWebhook receiver = new RecordingWebhook()) {
            final String destinationArn = oauthDestination(receiver);
            final String source = UniqueNames.of("com.shop");
            final String rule = rule(source, Target.builder().id("runbook").arn(destinationArn).roleArn(ROLE)
                .inputTransformer(transformer -> transformer.inputPathsMap(Map.of("order", "$.detail.order"))
                    .inputTemplate("{\"order\": <order>, \"says\": \"order <order> by <aws.events.rule-name>\"}"))
                .build());

            events.putEvents(put -> put.entries(entry(source, 1), entry(source, 2)));

            final List<RecordingWebhook.Request> received = awaitRequests(receiver, "/runbook", 2);
            assertThat(received).extracting(request -> request.header("Authorization")).containsOnly("Bearer tok-1");
            assertThat(received).extracting(RecordingWebhook.Request::body).containsExactlyInAnyOrder(
                "{\"order\": 1, \"says\": \"order 1 by " + rule + "\"}",
                "{\"order\": 2, \"says\": \"order 2 by " + rule + "\"}");
            assertThat(events.listTargetsByRule(list -> list.rule(rule)).targets().get(0).inputTransformer()
                .inputTemplate()).startsWith("{\"order\": <order>");
            assertThat(receiver.requests("/token")).singleElement().satisfies(token -> {
                assertThat(token.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString("app:client-s3cret".getBytes(StandardCharsets.UTF_8)));
                assertThat(token.body()).isEqualTo("grant_type=client_credentials");
            });
        }
    }

    /**
     * The endpoint refuses a token the authorization server has since replaced (401): the token is forgotten, a new
     * one fetched, and the same invocation sent again with it and its Idempotency-Key; the next one uses the new token
     * without fetching again.
     */
    @Test
    void anOauthTokenRefusedWith401IsFetchedAgainAndTheInvocationRetriedWithTheNewOne() throws Exception {
        try (RecordingWebhook receiver = new RecordingWebhook()) {
            final String destinationArn = oauthDestination(receiver);
            final String source = UniqueNames.of("com.shop");
            rule(source, Target.builder().id("runbook").arn(destinationArn).roleArn(ROLE).build());

            events.putEvents(put -> put.entries(entry(source, 1)));
            awaitRequests(receiver, "/runbook", 1);
            // The server rotates its token; the endpoint refuses the old one once.
            receiver.respond("/token", token("tok-2"));
            receiver.answer(401);
            events.putEvents(put -> put.entries(entry(source, 2)));
            final List<RecordingWebhook.Request> refreshed = awaitRequests(receiver, "/runbook", 3);
            events.putEvents(put -> put.entries(entry(source, 3)));
            final List<RecordingWebhook.Request> received = awaitRequests(receiver, "/runbook", 4);

            assertThat(received).extracting(request -> request.header("Authorization"),
                    RecordingWebhook.Request::answeredWith)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Bearer tok-1", 200),
                    org.assertj.core.groups.Tuple.tuple("Bearer tok-1", 401),
                    org.assertj.core.groups.Tuple.tuple("Bearer tok-2", 200),
                    org.assertj.core.groups.Tuple.tuple("Bearer tok-2", 200));
            assertThat(refreshed.get(2).idempotencyKey()).as("the retry is the same invocation")
                .isEqualTo(refreshed.get(1).idempotencyKey()).isNotEqualTo(refreshed.get(0).idempotencyKey());
            assertThat(AwsClients.tree(refreshed.get(2).body()).path("detail").path("order").asInt()).isEqualTo(2);
            assertThat(receiver.requests("/token")).as("one fetch per token").hasSize(2);
        }
    }

    private static String token(final String value) {
        return "{\"access_token\":\"" + value + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}";
    }

    /**
     * An API destination on the receiver's /runbook, with an OAuth client-credentials connection on its /token, which
     * answers the token {@code tok-1}.
     */
    private static String oauthDestination(final RecordingWebhook receiver) {
        receiver.respond("/token", token("tok-1"));
        final String connectionArn = events.createConnection(create -> create.name(UniqueNames.of("oauth"))
            .authorizationType(ConnectionAuthorizationType.OAUTH_CLIENT_CREDENTIALS)
            .authParameters(auth -> auth.oAuthParameters(oauth -> oauth.authorizationEndpoint(
                receiver.url("/token")).httpMethod("POST").clientParameters(client -> client.clientID("app")
                .clientSecret("client-s3cret"))))).connectionArn();
        return events.createApiDestination(create -> create.name(UniqueNames.of("runbook"))
            .connectionArn(connectionArn).invocationEndpoint(receiver.url("/runbook")).httpMethod("POST"))
            .apiDestinationArn();
    }

    @Test
    void whatEventBridgeRefusesIsRefusedWithItsErrors() {
        final String name = UniqueNames.of("refused");
        assertThatThrownBy(() -> events.createConnection(create -> create.name(name)
            .authorizationType(ConnectionAuthorizationType.API_KEY)
            .authParameters(auth -> auth.apiKeyAuthParameters(key -> key.apiKeyName("x-key")))))
            .isInstanceOfSatisfying(EventBridgeException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                assertThat(e.awsErrorDetails().errorMessage()).contains("ApiKeyValue");
            });
        final String arn = events.createConnection(create -> create.name(name)
            .authorizationType(ConnectionAuthorizationType.API_KEY)
            .authParameters(auth -> auth.apiKeyAuthParameters(key -> key.apiKeyName("x-key").apiKeyValue("v"))))
            .connectionArn();
        assertThatThrownBy(() -> events.createConnection(create -> create.name(name)
            .authorizationType(ConnectionAuthorizationType.API_KEY)
            .authParameters(auth -> auth.apiKeyAuthParameters(key -> key.apiKeyName("x-key").apiKeyValue("v")))))
            .isInstanceOf(ResourceAlreadyExistsException.class);
        assertThatThrownBy(() -> events.createApiDestination(create -> create.name(UniqueNames.of("plain"))
            .connectionArn(arn).invocationEndpoint("http://example.com/hook").httpMethod("POST")))
            .isInstanceOfSatisfying(EventBridgeException.class, e ->
                assertThat(e.awsErrorDetails().errorMessage()).contains("InvocationEndpoint").contains("https"));
        assertThatThrownBy(() -> events.createApiDestination(create -> create.name(UniqueNames.of("orphan"))
            .connectionArn(arn + "-gone").invocationEndpoint("https://example.com/hook").httpMethod("POST")))
            .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> events.describeApiDestination(describe -> describe.name(UniqueNames.of("none"))))
            .isInstanceOf(ResourceNotFoundException.class);

        final String destinationArn = events.createApiDestination(create -> create.name(UniqueNames.of("ok"))
            .connectionArn(arn).invocationEndpoint("https://example.com/hook").httpMethod("POST"))
            .apiDestinationArn();
        final String rule = UniqueNames.of("retries");
        events.putRule(put -> put.name(rule).eventPattern("{\"source\": [\"com.refused\"]}"));
        final PutTargetsResponse put = events.putTargets(targets -> targets.rule(rule).targets(
            Target.builder().id("a").arn(destinationArn).retryPolicy(retry -> retry.maximumRetryAttempts(186))
                .build(),
            Target.builder().id("b").arn(destinationArn).deadLetterConfig(dlq -> dlq.arn(
                "arn:aws:sqs:us-east-1:000000000000:dlq")).build()));
        assertThat(put.failedEntryCount()).isEqualTo(2);
        assertThat(put.failedEntries().get(0).errorMessage()).contains("MaximumRetryAttempts");
        assertThat(put.failedEntries().get(1).errorMessage()).contains("DeadLetterConfig.Arn");
    }

    private static String rule(final String source, final Target target) {
        final String rule = UniqueNames.of("to-api");
        events.putRule(put -> put.name(rule).eventPattern("{\"source\": [\"" + source + "\"]}"));
        assertThat(events.putTargets(put -> put.rule(rule).targets(target)).failedEntryCount()).isZero();
        return rule;
    }

    private static PutEventsRequestEntry entry(final String source, final int order) {
        return PutEventsRequestEntry.builder().source(source).detailType("Order Placed")
            .detail("{\"order\": " + order + "}").build();
    }

    private static List<RecordingWebhook.Request> awaitRequests(final RecordingWebhook receiver, final String path,
                                                                final int count) {
        return Awaitility.await().atMost(DELIVERED_WITHIN).until(() -> receiver.requests(path),
            requests -> requests.size() >= count);
    }

    private static HttpResponse<String> signedGet(final String path) throws Exception {
        final URI uri = URI.create(trailwatch.endpoint() + path);
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        new RequestSigner(TestIdentity.get().administrator(), "trailwatch", "us-east-1").sign(request, "GET", uri,
            Map.of(), "");
        final HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }
}
