package io.trailwatch.identity.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What botocore signs (and so the AWS CLI and boto3) must verify. A Python script signs requests with botocore's own
 * {@code SigV4Auth} and {@code SigV4QueryAuth} and prints them as they go on the wire; each is verified with the
 * server clock at botocore's signing time. botocore differs from the Java SDK in ways a verifier must absorb: it
 * sends query spaces as {@code +}, normalizes dot segments and double slashes in the path, signs a Date header
 * instead of X-Amz-Date when the request has one, and sends no x-amz-content-sha256.
 *
 * <p>Uses Debian's python3-botocore through {@code /usr/bin/python3} (a python3 earlier on PATH may be a pyenv shim
 * that cannot see Debian's packages); skipped only when that interpreter or botocore is absent.
 */
class BotocoreInteropTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String ACCESS_KEY_ID = "AKIATRAILWATCHBOTO01";
    private static final String SECRET = "boto/Secret+0123456789abcdefghijklmnopqr";
    private static final String SERVICE = "trailwatch";
    private static final String REGION = "us-east-1";
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
        .withZone(ZoneOffset.UTC);

    private static Map<String, JsonNode> cases;

    @BeforeAll
    static void signWithBotocore() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed");
        assumeTrue(run(List.of(PYTHON.toString(), "-c", "import botocore.auth")).exitCode == 0,
            "python3-botocore is not installed");
        final Path script = Path.of(BotocoreInteropTest.class.getResource("/sigv4/botocore_sign.py").toURI());
        final Result result = run(List.of(PYTHON.toString(), script.toString(), ACCESS_KEY_ID, SECRET, SERVICE,
            REGION));
        assertThat(result.exitCode).as("botocore_sign.py failed: %s", result.stderr).isZero();
        cases = new LinkedHashMap<>();
        for (final JsonNode signed : new ObjectMapper().readTree(result.stdout)) {
            cases.put(signed.get("name").asText(), signed);
        }
    }

    private record Result(int exitCode, String stdout, String stderr) { }

    private static Result run(final List<String> command) throws IOException, InterruptedException {
        final Path stdout = Files.createTempFile("botocore", ".out");
        final Path stderr = Files.createTempFile("botocore", ".err");
        try {
            final Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + command);
            }
            return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static SignedRequest request(final JsonNode signed) {
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        for (final Map.Entry<String, JsonNode> header : signed.get("headers").properties()) {
            final List<String> values = new ArrayList<>();
            header.getValue().forEach(value -> values.add(value.asText()));
            headers.put(header.getKey(), values);
        }
        final JsonNode query = signed.get("query");
        return SignedRequest.of(signed.get("method").asText(), signed.get("path").asText(),
            query.isNull() ? null : query.asText(), headers,
            signed.get("body").asText().getBytes(StandardCharsets.UTF_8));
    }

    private static Instant signedAt(final JsonNode signed) {
        return BASIC.parse(signed.get("signedAt").asText(), Instant::from);
    }

    private static SigV4Verifier verifierAt(final Instant now, final String secret) {
        return new SigV4Verifier(Clock.fixed(now, ZoneOffset.UTC),
            id -> id.equals(ACCESS_KEY_ID) ? Optional.of(secret) : Optional.empty(), REGION);
    }

    private static Verified verify(final String name) {
        final JsonNode signed = cases.get(name);
        assertThat(signed).as("botocore case %s", name).isNotNull();
        return verifierAt(signedAt(signed), SECRET).verify(request(signed), Set.of(SERVICE));
    }

    @Test
    void postWithJsonBodyVerifies() {
        assertThat(verify("post-json")).isEqualTo(new Verified(ACCESS_KEY_ID, SERVICE, REGION,
            signedAt(cases.get("post-json"))));
    }

    @Test
    void getWithQueryVerifies() {
        assertThat(request(cases.get("get-query")).rawQuery()).contains("AWS%2FEC2+x").contains("a%2Bb%2Fc%3Dd");

        assertThat(verify("get-query").accessKeyId()).isEqualTo(ACCESS_KEY_ID);
    }

    @Test
    void pathWithDotSegmentsAndDoubleSlashesVerifies() {
        assertThat(request(cases.get("path-normalized")).rawPath()).isEqualTo("/v1/./alarms/../alarms//My%20Alarm%2F1");

        verify("path-normalized");
    }

    @Test
    void headerWhitespaceIsCollapsed() {
        verify("header-whitespace");
    }

    @Test
    void dateHeaderInsteadOfXAmzDateVerifies() {
        final SignedRequest request = request(cases.get("date-header"));
        assertThat(request.headers()).containsKey("Date").doesNotContainKey("X-Amz-Date");

        verify("date-header");
    }

    @Test
    void presignedUrlVerifiesUntilItExpires() {
        final JsonNode signed = cases.get("presigned");
        final SignedRequest request = request(signed);
        assertThat(request.rawQuery()).contains("X-Amz-Expires=300");

        verify("presigned");
        assertThatThrownBy(() -> verifierAt(signedAt(signed).plusSeconds(301), SECRET).verify(request,
            Set.of(SERVICE)))
            .isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.code()).isEqualTo("RequestExpired"));
    }

    @Test
    void tamperedBotocoreRequestsAreRefused() {
        final JsonNode post = cases.get("post-json");
        final SignedRequest request = request(post);
        final SignedRequest tampered = SignedRequest.of(request.method(), request.rawPath(), request.rawQuery(),
            request.headers(), "{\"AlarmName\": \"High CPU\", \"Threshold\": 10.5}".getBytes(StandardCharsets.UTF_8));
        final SignedRequest query = request(cases.get("get-query"));
        final SignedRequest otherQuery = SignedRequest.of(query.method(), query.rawPath(),
            query.rawQuery().replace("AWS%2FEC2+x", "AWS%2FEC2+y"), query.headers(), query.body());

        for (final SignedRequest refused : List.of(tampered, otherQuery)) {
            assertThatThrownBy(() -> verifierAt(signedAt(post), SECRET).verify(refused, Set.of(SERVICE)))
                .isInstanceOfSatisfying(AuthenticationException.class,
                    e -> assertThat(e.code()).isEqualTo("SignatureDoesNotMatch"));
        }
        assertThatThrownBy(() -> verifierAt(signedAt(post), "not-" + SECRET).verify(request, Set.of(SERVICE)))
            .isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.code()).isEqualTo("SignatureDoesNotMatch"));
    }
}
