package io.trailwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trailwatch.aws.services.AwsServices;
import io.trailwatch.identity.AwsService;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Each protocol's requests reach the operation with the same typed input, and its answers and errors are written
 * the way that protocol's clients read them.
 */
class AwsEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCOPE = "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261206/us-east-1/%s/aws4_request, "
        + "SignedHeaders=host, Signature=00";

    private final AtomicReference<ObjectNode> seen = new AtomicReference<>();
    private final AwsApi cloudWatch = AwsServices.cloudWatch()
        .operation(AwsService.CLOUDWATCH.data("PutMetricData"), input -> {
            seen.set(input);
            return null;
        })
        .operation(AwsService.CLOUDWATCH.read("GetMetricStatistics"), input -> answer())
        .operation(AwsService.CLOUDWATCH.write("SetAlarmState"), input -> {
            throw AwsError.of("ResourceNotFound", 404, "alarm <x> & \"y\" does not exist");
        });
    private final AwsApi logs = AwsServices.logs()
        .operation(AwsService.LOGS.write("CreateLogGroup"), input -> {
            seen.set(input);
            return null;
        });
    private final AwsApi data = AwsServices.cloudTrailData().restRoute("/PutAuditEvents", "PutAuditEvents")
        .operation(AwsService.CLOUDTRAIL_DATA.data("PutAuditEvents"), input -> {
            seen.set(input);
            final ObjectNode output = JSON.createObjectNode();
            output.putArray("successful").addObject().put("id", "1");
            return output;
        });
    private final AwsEndpoint endpoint = new AwsEndpoint(List.of(cloudWatch, logs, data));

    private static ObjectNode answer() {
        final ObjectNode output = JSON.createObjectNode().put("Label", "Latency <ms> & more");
        output.putArray("Datapoints").addObject().put("Timestamp", "2026-12-06T10:00:00Z").put("Sum", 6)
            .putObject("ExtendedStatistics").put("p99", 2.5);
        return output;
    }

    private static AwsHttpRequest request(final String path, final Map<String, String> headers, final byte[] body) {
        final Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return new AwsHttpRequest("POST", path, null, byName::get, body);
    }

    private static AwsHttpRequest query(final String service, final String form) {
        return request("/", Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8",
            "Authorization", SCOPE.formatted(service)), form.getBytes(StandardCharsets.UTF_8));
    }

    private AwsResponse call(final AwsHttpRequest request) {
        final AwsDialect dialect = endpoint.dialect(request);
        try {
            return endpoint.invoke(endpoint.decode(request, dialect), "req-1");
        } catch (final AwsError e) {
            return endpoint.error(dialect, e, "req-1");
        }
    }

    @Test
    void aQueryFormBecomesTheTypedInputEveryProtocolGives() {
        call(query("monitoring", "Action=PutMetricData&Version=2010-08-01&Namespace=App"
            + "&MetricData.member.1.MetricName=Latency&MetricData.member.1.Value=1.5"
            + "&MetricData.member.1.Timestamp=2026-12-06T10%3A00%3A00.250Z&MetricData.member.1.StorageResolution=1"
            + "&MetricData.member.1.Dimensions.member.2.Name=B&MetricData.member.1.Dimensions.member.2.Value=2"
            + "&MetricData.member.1.Dimensions.member.1.Name=A&MetricData.member.1.Dimensions.member.1.Value=a%3Db"
            + "&MetricData.member.1.Values.member.1=3&MetricData.member.2.MetricName=Empty"
            + "&MetricData.member.2.Dimensions=&StrictEntityValidation=false"));
        final JsonNode input = seen.get();
        final JsonNode first = input.path("MetricData").get(0);
        assertThat(first.path("Value").isDouble()).isTrue();
        assertThat(first.path("Value").asDouble()).isEqualTo(1.5);
        assertThat(first.path("Timestamp").asText()).isEqualTo("2026-12-06T10:00:00.250Z");
        assertThat(first.path("StorageResolution").isInt()).isTrue();
        assertThat(first.path("Dimensions").toString())
            .isEqualTo("[{\"Name\":\"A\",\"Value\":\"a=b\"},{\"Name\":\"B\",\"Value\":\"2\"}]");
        assertThat(first.path("Values").get(0).isDouble()).isTrue();
        assertThat(input.path("MetricData").get(1).path("Dimensions").isArray()).isTrue();
        assertThat(input.path("MetricData").get(1).path("Dimensions")).isEmpty();
        assertThat(input.path("StrictEntityValidation").isBoolean()).isTrue();
    }

    @Test
    void jsonAndCborTimestampsAreEpochSecondsOnTheWire() throws Exception {
        call(request("/", Map.of("Content-Type", "application/x-amz-json-1.0",
            "X-Amz-Target", "GraniteServiceVersion20100801.PutMetricData"),
            "{\"Namespace\":\"App\",\"MetricData\":[{\"MetricName\":\"m\",\"Timestamp\":1796551200.5}]}"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(seen.get().path("MetricData").get(0).path("Timestamp").asText())
            .isEqualTo("2026-12-06T10:00:00.500Z");

        final ByteArrayOutputStream cbor = new ByteArrayOutputStream();
        try (CBORGenerator generator = new CBORFactory().createGenerator(cbor)) {
            generator.writeStartObject();
            generator.writeStringField("Namespace", "App");
            generator.writeFieldName("MetricData");
            generator.writeStartArray();
            generator.writeStartObject();
            generator.writeStringField("MetricName", "m");
            generator.writeFieldName("Timestamp");
            generator.writeTag(1);
            generator.writeNumber(1796551200L);
            generator.writeEndObject();
            generator.writeEndArray();
            generator.writeEndObject();
        }
        call(request("/service/GraniteServiceVersion20100801/operation/PutMetricData", Map.of(
            "Content-Type", "application/cbor", "smithy-protocol", "rpc-v2-cbor"), cbor.toByteArray()));
        assertThat(seen.get().path("MetricData").get(0).path("Timestamp").asText()).isEqualTo("2026-12-06T10:00:00Z");
    }

    @Test
    void answersAreWrittenInTheCallersProtocol() throws Exception {
        final String form = "Action=GetMetricStatistics&Version=2010-08-01";
        final String xml = new String(call(query("monitoring", form)).body(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<GetMetricStatisticsResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">")
            .contains("<Label>Latency &lt;ms&gt; &amp; more</Label>")
            .contains("<Datapoints><member><Timestamp>2026-12-06T10:00:00Z</Timestamp><Sum>6</Sum>")
            .contains("<ExtendedStatistics><entry><key>p99</key><value>2.5</value></entry></ExtendedStatistics>")
            .contains("<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>");

        final AwsResponse json = call(request("/", Map.of("Content-Type", "application/x-amz-json-1.0",
            "X-Amz-Target", "GraniteServiceVersion20100801.GetMetricStatistics"), new byte[0]));
        assertThat(json.contentType()).isEqualTo("application/x-amz-json-1.0");
        final JsonNode point = JSON.readTree(json.body()).path("Datapoints").get(0);
        assertThat(point.path("Timestamp").asLong()).isEqualTo(1796551200L);
        assertThat(point.path("Sum").isDouble()).isTrue();

        final AwsResponse cbor = call(request("/service/GraniteServiceVersion20100801/operation/GetMetricStatistics",
            Map.of("smithy-protocol", "rpc-v2-cbor", "Content-Type", "application/cbor"), new byte[0]));
        assertThat(cbor.headers()).containsEntry("smithy-protocol", "rpc-v2-cbor");
        try (CBORParser parser = new CBORFactory().createParser(cbor.body())) {
            boolean tagged = false;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if ("Timestamp".equals(parser.currentName()) && token.isNumeric()) {
                    tagged = parser.getCurrentTag() == 1 && parser.getLongValue() == 1796551200L;
                }
            }
            assertThat(tagged).as("Timestamp is tagged 1 with epoch seconds").isTrue();
        }
    }

    @Test
    void errorsAreWrittenInTheCallersProtocol() throws Exception {
        final AwsResponse xml = call(query("monitoring", "Action=SetAlarmState&Version=2010-08-01"));
        assertThat(xml.status()).isEqualTo(404);
        assertThat(new String(xml.body(), StandardCharsets.UTF_8))
            .contains("<Error><Type>Sender</Type><Code>ResourceNotFound</Code>"
                + "<Message>alarm &lt;x&gt; &amp; \"y\" does not exist</Message></Error><RequestId>req-1</RequestId>");

        final AwsResponse json = call(request("/", Map.of("Content-Type", "application/x-amz-json-1.0",
            "X-Amz-Target", "GraniteServiceVersion20100801.SetAlarmState"), "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(JSON.readTree(json.body()).path("__type").asText())
            .isEqualTo("com.amazonaws.cloudwatch#ResourceNotFound");
        assertThat(json.headers()).containsEntry("x-amzn-query-error", "ResourceNotFound;Sender");

        final AwsResponse logsError = call(request("/", Map.of("Content-Type", "application/x-amz-json-1.1",
            "X-Amz-Target", "Logs_20140328.CreateLogGroup"), "[1]".getBytes(StandardCharsets.UTF_8)));
        assertThat(logsError.status()).isEqualTo(400);
        assertThat(JSON.readTree(logsError.body()).path("__type").asText()).isEqualTo("SerializationException");
        assertThat(logsError.headers()).doesNotContainKey("x-amzn-query-error");
    }

    @Test
    void anOperationNotAnsweredIsRefusedInTheProtocolsWords() throws Exception {
        final AwsResponse query = call(query("monitoring", "Action=DeleteDashboards&Version=2010-08-01"));
        assertThat(new String(query.body(), StandardCharsets.UTF_8)).contains("<Code>InvalidAction</Code>");
        final AwsResponse json = call(request("/", Map.of("Content-Type", "application/x-amz-json-1.1",
            "X-Amz-Target", "Logs_20140328.GetLogEvents"), "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(JSON.readTree(json.body()).path("__type").asText()).isEqualTo("UnknownOperationException");
        final AwsResponse nobody = call(request("/", Map.of("Content-Type", "application/x-amz-json-1.1",
            "X-Amz-Target", "AmazonSQS.SendMessage"), "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(JSON.readTree(nobody.body()).path("__type").asText()).isEqualTo("UnknownOperationException");
    }

    @Test
    void restJsonTakesItsQueryMembersAndAnswersJson() throws Exception {
        final AwsHttpRequest request = new AwsHttpRequest("POST", "/PutAuditEvents",
            "channelArn=arn%3Aaws%3Acloudtrail%3Aus-east-1%3A1%3Achannel%2Fc&externalId=e",
            name -> name.equalsIgnoreCase("Content-Type") ? "application/json" : null,
            "{\"auditEvents\":[]}".getBytes(StandardCharsets.UTF_8));
        final AwsResponse response = call(request);
        assertThat(seen.get().path("channelArn").asText()).isEqualTo("arn:aws:cloudtrail:us-east-1:1:channel/c");
        assertThat(seen.get().path("externalId").asText()).isEqualTo("e");
        assertThat(JSON.readTree(response.body()).path("successful").get(0).path("id").asText()).isEqualTo("1");
    }

    @Test
    void aQueryValueOfTheWrongTypeNamesTheParameter() {
        final AwsHttpRequest request = query("monitoring", "Action=PutMetricData&Version=2010-08-01"
            + "&MetricData.member.1.Value=lots");
        assertThatThrownBy(() -> endpoint.decode(request, endpoint.dialect(request)))
            .isInstanceOfSatisfying(AwsError.class, e -> {
                assertThat(e.queryCode()).isEqualTo("InvalidParameterValue");
                assertThat(e.getMessage()).contains("Value").contains("lots");
            });
        final AwsHttpRequest index = query("monitoring", "Action=PutMetricData&Version=2010-08-01"
            + "&MetricData.member.x.Value=1");
        assertThatThrownBy(() -> endpoint.decode(index, endpoint.dialect(index)))
            .isInstanceOfSatisfying(AwsError.class, e -> assertThat(e.getMessage()).contains("list index"));
    }

    @Test
    void gzipBodiesAreReadAndBoundedAsTheSdksSendThem() throws Exception {
        final java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(gzipped)) {
            gzip.write("{\"logGroupName\":\"app\"}".getBytes(StandardCharsets.UTF_8));
        }
        call(request("/", Map.of("Content-Type", "application/x-amz-json-1.1", "Content-Encoding", "gzip",
            "X-Amz-Target", "Logs_20140328.CreateLogGroup"), gzipped.toByteArray()));
        assertThat(seen.get().path("logGroupName").asText()).isEqualTo("app");

        final java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bomb)) {
            gzip.write(new byte[5 * 1024 * 1024]);
        }
        final AwsResponse refused = call(request("/", Map.of("Content-Type", "application/x-amz-json-1.1",
            "Content-Encoding", "gzip", "X-Amz-Target", "Logs_20140328.CreateLogGroup"), bomb.toByteArray()));
        assertThat(refused.status()).isEqualTo(413);
        final AwsResponse unknown = call(request("/", Map.of("Content-Type", "application/x-amz-json-1.1",
            "Content-Encoding", "br", "X-Amz-Target", "Logs_20140328.CreateLogGroup"), new byte[] {1}));
        assertThat(unknown.status()).isEqualTo(415);
    }

    @Test
    void hostileInputIsRefusedCheaply() {
        final AwsHttpRequest hugeExponent = request("/", Map.of("Content-Type", "application/x-amz-json-1.0",
            "X-Amz-Target", "GraniteServiceVersion20100801.PutMetricData"),
            "{\"MetricData\":[{\"Timestamp\":1e100000000}]}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> endpoint.decode(hugeExponent, endpoint.dialect(hugeExponent)))
            .isInstanceOfSatisfying(AwsError.class, e -> assertThat(e.status()).isEqualTo(400));
        final AwsHttpRequest textExponent = query("monitoring", "Action=PutMetricData&Version=2010-08-01"
            + "&MetricData.member.1.Timestamp=1e100000000");
        assertThatThrownBy(() -> endpoint.decode(textExponent, endpoint.dialect(textExponent)))
            .isInstanceOfSatisfying(AwsError.class, e -> assertThat(e.getMessage()).contains("Timestamp"));
        final AwsHttpRequest deep = query("monitoring", "Action=PutMetricData&Version=2010-08-01&"
            + "a.".repeat(40) + "b=1");
        assertThatThrownBy(() -> endpoint.decode(deep, endpoint.dialect(deep)))
            .isInstanceOfSatisfying(AwsError.class, e -> assertThat(e.getMessage()).contains("nest"));
        final AwsHttpRequest twice = request("/", Map.of("Content-Type", "application/x-amz-json-1.1",
            "X-Amz-Target", "Logs_20140328.CreateLogGroup"),
            "{\"logGroupName\":\"a\",\"LogGroupName\":\"b\"}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> endpoint.decode(twice, endpoint.dialect(twice)))
            .isInstanceOfSatisfying(AwsError.class, e -> assertThat(e.shape()).isEqualTo("SerializationException"));
    }

    @Test
    void textXmlCannotCarryIsReplacedNotPassedOn() throws Exception {
        final AwsApi api = AwsServices.cloudWatch().operation(AwsService.CLOUDWATCH.read("DescribeAlarms"),
            input -> JSON.createObjectNode().put("NextToken", "a\u0001b\uD800c\uD83D\uDE00"));
        final AwsEndpoint xml = new AwsEndpoint(List.of(api));
        final AwsHttpRequest request = query("monitoring", "Action=DescribeAlarms&Version=2010-08-01");
        final String body = new String(xml.invoke(xml.decode(request, xml.dialect(request)), "r").body(),
            StandardCharsets.UTF_8);
        assertThat(body).contains("<NextToken>a\uFFFDb\uFFFDc\uD83D\uDE00</NextToken>");
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theCredentialScopeChoosesTheQueryService() {
        assertThat(endpoint.dialect(query("monitoring", "Action=ListMetrics&Version=2010-08-01")).api())
            .isSameAs(cloudWatch);
        assertThat(endpoint.dialect(query("sqs", "Action=ListQueues&Version=2012-11-05")).api()).isNull();
        assertThat(Optional.ofNullable(endpoint.dialect(request("/service/Other/operation/X", Map.of(), new byte[0]))
            .api())).isEmpty();
    }
}
