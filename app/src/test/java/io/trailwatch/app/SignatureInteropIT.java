package io.trailwatch.app;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.http.access.AccessControl;
import io.trailwatch.identity.NewAccessKey;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.testkit.UniqueNames;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The signature path end to end, with real AWS clients against the running API: requests signed by the AWS SDK for
 * Java v2's {@link AwsV4HttpSigner} and sent by the SDK's own HTTP client, and requests signed by botocore's
 * {@code SigV4Auth} and sent by botocore's {@code URLLib3Session} (Debian's python3-botocore), are accepted; every
 * kind of bad signature is refused with AWS's error code and HTTP 403, and a refused write writes nothing.
 *
 * <p>The HTTP client is the one the SDK itself would pick (its {@link SdkHttpService} on the test class path, today
 * the Apache 5 client); only if none is there does the test fall back to java.net.http, copying every signed header
 * but Host and Content-Length, which java.net.http sets itself.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class SignatureInteropIT {

    private static final String SERVICE = AccessControl.SERVICE;
    private static final String REGION = TestIdentity.NAMES.region();
    /** Debian's interpreter: the one that sees Debian's python3-botocore (a python3 on PATH may be a pyenv shim). */
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
        .withZone(ZoneOffset.UTC);

    private static RunningTrailwatch trailwatch;
    private static TestIdentity identity;
    private static AwsCredentialsIdentity interop;
    private static Transport transport;
    /** Alarms the tests created, deleted afterwards by the administrator. */
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        trailwatch = RunningTrailwatch.get();
        identity = TestIdentity.get();
        interop = credentials(identity.newUser(UniqueNames.of("interop"), ManagedPolicies.ADMINISTRATOR_ACCESS));
        transport = Transport.open();
    }

    @AfterAll
    static void stop() {
        try {
            for (final String name : CREATED) {
                identity.send("DELETE", trailwatch.endpoint() + "/v1/alarms/" + segment(name), null);
            }
        } finally {
            if (transport != null) {
                transport.close();
            }
        }
    }

    // ---- AWS SDK for Java v2

    @Test
    void awsSdkSignedReadAndWriteAreAcceptedAndTheWriteIsVisible() throws Exception {
        final Answer described = send("GET", "/v1/alarms?AlarmNamePrefix=x", null, interop);
        assertThat(described.status()).as(described.toString()).isEqualTo(200);
        assertThat(described.json().path("MetricAlarms").isArray()).as(described.toString()).isTrue();

        final String name = UniqueNames.of("interop-sdk");
        final String namespace = UniqueNames.of("Interop");
        final Answer put = send("PUT", "/v1/alarms/" + segment(name), alarmBody(namespace), interop);
        CREATED.add(name);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().path("AlarmName").asText()).isEqualTo(name);
        assertThat(put.json().path("AlarmType").asText()).isEqualTo("MetricAlarm");

        // A definition write returns once this instance shows it: the next read sees it.
        final Answer after = send("GET", "/v1/alarms?AlarmNames=" + segment(name), null, interop);
        assertThat(after.status()).as(after.toString()).isEqualTo(200);
        final JsonNode alarms = after.json().path("MetricAlarms");
        assertThat(alarms.findValuesAsText("AlarmName")).as(after.toString()).containsExactly(name);
        assertThat(alarms.get(0).path("Namespace").asText()).isEqualTo(namespace);
        assertThat(alarms.get(0).path("Threshold").asDouble()).isEqualTo(5.0);
    }

    @Test
    void awsSdkSignedPathWithASpaceIsAccepted() throws Exception {
        // Signed as AWS signs for every service but S3: the canonical URI encodes the %20 again (%2520).
        final String name = "Interop Alarm " + UniqueNames.of("sdk");
        final String path = "/v1/alarms/" + segment(name);
        assertThat(path).contains("Interop%20Alarm%20");

        final Answer put = send("PUT", path, alarmBody(UniqueNames.of("Interop")), interop);
        CREATED.add(name);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().path("AlarmName").asText()).isEqualTo(name);

        final Answer after = send("GET", "/v1/alarms?AlarmNames=" + segment(name), null, interop);
        assertThat(after.status()).as(after.toString()).isEqualTo(200);
        assertThat(after.json().path("MetricAlarms").findValuesAsText("AlarmName")).containsExactly(name);
    }

    // ---- botocore

    @Test
    void botocoreSignedReadAndWriteAreAccepted() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed");
        assumeTrue(run(List.of(PYTHON.toString(), "-c", "import botocore.auth, botocore.httpsession")).exitCode() == 0,
            "python3-botocore is not installed");
        final String name = "Boto Alarm " + UniqueNames.of("botocore");
        final String namespace = UniqueNames.of("Interop");
        final ArrayNode requests = JSON.createArrayNode();
        requests.add(request("describe-prefix", "GET", "/v1/alarms", List.of(List.of("AlarmNamePrefix", "x")), null));
        requests.add(request("put", "PUT", "/v1/alarms/" + segment(name), null, JSON.readTree(alarmBody(namespace))));
        // botocore sends the query's spaces as '+', and signs them as %20.
        requests.add(request("describe-name", "GET", "/v1/alarms", List.of(List.of("AlarmNames", name)), null));
        requests.add(request("wrong-secret", "GET", "/v1/alarms", List.of(List.of("AlarmNamePrefix", "x")), null)
            .put("secret", "not-" + interop.secretAccessKey()));

        final Path script = Path.of(SignatureInteropIT.class.getResource("/interop/botocore_api.py").toURI());
        CREATED.add(name);
        final Result result = run(List.of(PYTHON.toString(), script.toString(), trailwatch.endpoint(),
            interop.accessKeyId(), interop.secretAccessKey(), SERVICE, REGION, requests.toString()));
        assertThat(result.exitCode()).as("botocore_api.py failed: %s", result.stderr()).isZero();
        final Map<String, Answer> answers = new LinkedHashMap<>();
        for (final JsonNode answer : JSON.readTree(result.stdout())) {
            answers.put(answer.path("name").asText(), new Answer(answer.path("status").asInt(),
                answer.path("body").asText()));
        }
        assertThat(answers).containsOnlyKeys("describe-prefix", "put", "describe-name", "wrong-secret");

        assertThat(answers.get("describe-prefix").status()).as(answers.get("describe-prefix").toString())
            .isEqualTo(200);
        assertThat(answers.get("put").status()).as(answers.get("put").toString()).isEqualTo(200);
        assertThat(answers.get("put").json().path("AlarmName").asText()).isEqualTo(name);
        assertThat(answers.get("describe-name").status()).as(answers.get("describe-name").toString()).isEqualTo(200);
        assertThat(answers.get("describe-name").json().path("MetricAlarms").findValuesAsText("AlarmName"))
            .containsExactly(name);
        assertThat(answers.get("describe-name").json().path("MetricAlarms").get(0).path("Namespace").asText())
            .isEqualTo(namespace);
        assertRefused(answers.get("wrong-secret"), "SignatureDoesNotMatch");
        assertThat(administratorSees(name)).as("the administrator sees botocore's alarm").isTrue();
    }

    // ---- refusals: 403 with AWS's code, and a refused write writes nothing

    @Test
    void wrongSecretIsSignatureDoesNotMatch() throws Exception {
        final AwsCredentialsIdentity wrong = AwsCredentialsIdentity.create(interop.accessKeyId(),
            "not-" + interop.secretAccessKey());
        refusedPut("SignatureDoesNotMatch", (method, path, body) -> send(method, path, body, wrong));
    }

    @Test
    void credentialScopedToAnotherRegionIsSignatureDoesNotMatch() throws Exception {
        final Answer refused = refusedPut("SignatureDoesNotMatch",
            (method, path, body) -> send(method, path, body, interop, "eu-west-1", Clock.systemUTC()));
        assertThat(refused.json().path("message").asText()).contains("region", "eu-west-1");
    }

    @Test
    void signatureTwentyMinutesOldIsRequestExpired() throws Exception {
        final Instant twentyMinutesAgo = Instant.now().minus(Duration.ofMinutes(20));
        final Clock past = Clock.fixed(twentyMinutesAgo, ZoneOffset.UTC);
        final SignedRequest signed = sign("GET", "/v1/alarms", null, interop, REGION, past);
        assertThat(signed.request().firstMatchingHeader("X-Amz-Date")).contains(AMZ_DATE.format(twentyMinutesAgo));

        refusedPut("RequestExpired", (method, path, body) -> send(method, path, body, interop, REGION, past));
    }

    @Test
    void unknownAccessKeyIdIsInvalidClientTokenId() throws Exception {
        final AwsCredentialsIdentity unknown = AwsCredentialsIdentity.create("AKIAUNKNOWNINTEROP01",
            interop.secretAccessKey());
        refusedPut("InvalidClientTokenId", (method, path, body) -> send(method, path, body, unknown));
    }

    @Test
    void noAuthorizationIsMissingAuthenticationToken() throws Exception {
        refusedPut("MissingAuthenticationToken", SignatureInteropIT::sendUnsigned);
    }

    @Test
    void deletedKeyIsInvalidClientTokenId() throws Exception {
        final String user = UniqueNames.of("interop-deleted");
        final AwsCredentialsIdentity key = credentials(identity.newUser(user, ManagedPolicies.ADMINISTRATOR_ACCESS));
        final Answer before = send("GET", "/v1/alarms?AlarmNamePrefix=x", null, key);
        assertThat(before.status()).as("the key works before it is deleted: %s", before).isEqualTo(200);

        identity.identities().deleteAccessKey(user, key.accessKeyId());

        assertRefused(send("GET", "/v1/alarms?AlarmNamePrefix=x", null, key), "InvalidClientTokenId");
        refusedPut("InvalidClientTokenId", (method, path, body) -> send(method, path, body, key));
    }

    @Test
    void inactiveKeyIsInvalidClientTokenIdUntilReactivated() throws Exception {
        final String user = UniqueNames.of("interop-inactive");
        final AwsCredentialsIdentity key = credentials(identity.newUser(user, ManagedPolicies.ADMINISTRATOR_ACCESS));
        final Answer before = send("GET", "/v1/alarms?AlarmNamePrefix=x", null, key);
        assertThat(before.status()).as("the key works before it is made inactive: %s", before).isEqualTo(200);

        identity.identities().updateAccessKey(user, key.accessKeyId(), "Inactive");

        assertRefused(send("GET", "/v1/alarms?AlarmNamePrefix=x", null, key), "InvalidClientTokenId");
        refusedPut("InvalidClientTokenId", (method, path, body) -> send(method, path, body, key));

        identity.identities().updateAccessKey(user, key.accessKeyId(), "Active");
        final Answer again = send("GET", "/v1/alarms?AlarmNamePrefix=x", null, key);
        assertThat(again.status()).as("the key works again once active: %s", again).isEqualTo(200);
    }

    // ---- helpers

    @FunctionalInterface
    private interface Call {
        Answer send(String method, String pathAndQuery, String body) throws IOException;
    }

    /**
     * A PutMetricAlarm sent by the call is refused with 403 and the code, and the administrator (signing correctly)
     * then finds no alarm of that name.
     */
    private static Answer refusedPut(final String code, final Call call) throws IOException {
        final String name = UniqueNames.of("interop-refused");
        final Answer refused = call.send("PUT", "/v1/alarms/" + segment(name), alarmBody(UniqueNames.of("Refused")));
        assertRefused(refused, code);
        assertThat(administratorSees(name)).as("a refused PutMetricAlarm wrote alarm %s", name).isFalse();
        return refused;
    }

    private static void assertRefused(final Answer answer, final String code) throws IOException {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.json().path("error").asText()).as(answer.toString()).isEqualTo(code);
        assertThat(answer.json().path("message").asText()).as(answer.toString()).isNotBlank();
    }

    /** Whether the administrator, with a correctly signed DescribeAlarms of either type, finds the alarm. */
    private static boolean administratorSees(final String name) throws IOException {
        final HttpResponse<String> described = identity.send("GET", trailwatch.endpoint() + "/v1/alarms?AlarmNames="
            + segment(name) + "&AlarmTypes=MetricAlarm&AlarmTypes=CompositeAlarm", null);
        assertThat(described.statusCode()).as(described.body()).isEqualTo(200);
        final JsonNode body = JSON.readTree(described.body());
        final List<String> names = new ArrayList<>(body.path("MetricAlarms").findValuesAsText("AlarmName"));
        names.addAll(body.path("CompositeAlarms").findValuesAsText("AlarmName"));
        return names.contains(name);
    }

    /** A valid PutMetricAlarm body (the alarm is named by the path): Sum of Errors of i-1 >= 5. */
    private static String alarmBody(final String namespace) {
        return JSON.createObjectNode()
            .put("Namespace", namespace)
            .put("MetricName", "Errors")
            .put("Statistic", "Sum")
            .put("Period", 60)
            .put("EvaluationPeriods", 1)
            .put("Threshold", 5.0)
            .put("ComparisonOperator", "GreaterThanOrEqualToThreshold")
            .put("TreatMissingData", "notBreaching")
            .set("Dimensions", JSON.createArrayNode().add(JSON.createObjectNode().put("Name", "InstanceId")
                .put("Value", "i-1")))
            .toString();
    }

    /** A path segment or query value, percent-encoded as AWS SDKs do (a space as %20). */
    private static String segment(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static AwsCredentialsIdentity credentials(final NewAccessKey key) {
        return AwsCredentialsIdentity.create(key.key().accessKeyId(), key.secretAccessKey());
    }

    private static Answer send(final String method, final String pathAndQuery, final String body,
                               final AwsCredentialsIdentity who) throws IOException {
        return send(method, pathAndQuery, body, who, REGION, Clock.systemUTC());
    }

    /** Signs with the AWS SDK's SigV4 signer, with the given scope region and clock, and sends it. */
    private static Answer send(final String method, final String pathAndQuery, final String body,
                               final AwsCredentialsIdentity who, final String region, final Clock clock)
        throws IOException {
        final SignedRequest signed = sign(method, pathAndQuery, body, who, region, clock);
        return transport.execute(signed.request(), payload(body));
    }

    private static SignedRequest sign(final String method, final String pathAndQuery, final String body,
                                      final AwsCredentialsIdentity who, final String region, final Clock clock) {
        final SdkHttpRequest unsigned = unsigned(method, pathAndQuery, body);
        final byte[] payload = payload(body);
        return SIGNER.sign(r -> r
            .identity(who)
            .request(unsigned)
            .payload(payload == null ? null : ContentStreamProvider.fromByteArray(payload))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
            .putProperty(AwsV4HttpSigner.REGION_NAME, region)
            .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    }

    private static Answer sendUnsigned(final String method, final String pathAndQuery, final String body)
        throws IOException {
        final SdkHttpRequest request = unsigned(method, pathAndQuery, body);
        assertThat(request.firstMatchingHeader("Authorization")).isEmpty();
        return transport.execute(request, payload(body));
    }

    /** The request as an SDK marshaller builds it: JSON content type and Content-Length for a body. */
    private static SdkHttpRequest unsigned(final String method, final String pathAndQuery, final String body) {
        final SdkHttpRequest.Builder builder = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
            .uri(URI.create(trailwatch.endpoint() + pathAndQuery));
        final byte[] payload = payload(body);
        if (payload != null) {
            builder.putHeader("Content-Type", "application/json");
            builder.putHeader("Content-Length", Integer.toString(payload.length));
        }
        return builder.build();
    }

    private static byte[] payload(final String body) {
        return body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode request(final String name, final String method, final String path,
                                      final List<List<String>> query, final JsonNode body) {
        final ObjectNode request = JSON.createObjectNode().put("name", name).put("method", method).put("path", path);
        if (query == null) {
            request.putNull("query");
        } else {
            final ArrayNode pairs = request.putArray("query");
            query.forEach(pair -> pairs.add(JSON.createArrayNode().add(pair.get(0)).add(pair.get(1))));
        }
        request.set("body", body == null ? JSON.nullNode() : body);
        return request;
    }

    /** An HTTP answer: status and body text. */
    private record Answer(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private record Result(int exitCode, String stdout, String stderr) { }

    private static Result run(final List<String> command) throws IOException, InterruptedException {
        final Path stdout = Files.createTempFile("botocore-api", ".out");
        final Path stderr = Files.createTempFile("botocore-api", ".err");
        try {
            final Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("timed out: " + command.get(0) + " " + command.get(1));
            }
            return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** Sends a (signed) SDK request as it is: through the SDK's own HTTP client, or else java.net.http. */
    private interface Transport extends AutoCloseable {

        Answer execute(SdkHttpRequest request, byte[] payload) throws IOException;

        @Override
        void close();

        static Transport open() {
            return ServiceLoader.load(SdkHttpService.class).findFirst()
                .<Transport>map(service -> new SdkTransport(service.createHttpClientBuilder().build()))
                .orElseGet(JdkTransport::new);
        }
    }

    /** The SDK's own synchronous HTTP client, as an SDK service client would send the request. */
    private record SdkTransport(SdkHttpClient client) implements Transport {

        @Override
        public Answer execute(final SdkHttpRequest request, final byte[] payload) throws IOException {
            final HttpExecuteResponse response = client.prepareRequest(HttpExecuteRequest.builder().request(request)
                .contentStreamProvider(payload == null ? null : ContentStreamProvider.fromByteArray(payload))
                .build()).call();
            String body = "";
            if (response.responseBody().isPresent()) {
                try (InputStream in = response.responseBody().get()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return new Answer(response.httpResponse().statusCode(), body);
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** java.net.http with every signed header but those it sets itself. */
    private static final class JdkTransport implements Transport {

        private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect",
            "upgrade");
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        @Override
        public Answer execute(final SdkHttpRequest request, final byte[] payload) throws IOException {
            final HttpRequest.Builder builder = HttpRequest.newBuilder(request.getUri()).timeout(Duration.ofSeconds(60))
                .method(request.method().name(), payload == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(payload));
            request.forEachHeader((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> builder.header(name, value));
                }
            });
            try {
                final HttpResponse<String> response = client.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString());
                return new Answer(response.statusCode(), response.body());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        public void close() {
            // java.net.http's client needs no closing on Java 17
        }
    }
}
