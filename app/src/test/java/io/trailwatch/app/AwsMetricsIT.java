package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.cli.RequestSigner;
import io.trailwatch.testkit.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * CloudWatch's metric operations through AWS's own clients, each in its protocol: the AWS SDK for Java v2 (Smithy
 * RPC v2 CBOR), boto3 1.29 (query), the AWS CLI (CBOR) and a signed awsJson 1.0 request. What is put is what the
 * statistics then say; what CloudWatch refuses is refused with CloudWatch's exception types.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class AwsMetricsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
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

    @Test
    void whatTheJavaSdkPutsTheStatisticsSay() {
        final String namespace = UniqueNames.of("Sdk/Latency");
        final Dimension host = Dimension.builder().name("Host").value("web-1").build();
        final Instant second = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        cloudWatch.putMetricData(put -> put.namespace(namespace).metricData(
            datum(host, second, 10.0), datum(host, second, 30.0), datum(host, second, 20.0)));

        // A period's statistics are emitted when it closes and corrected when more of its datapoints arrive (late
        // data, issue 17): on a loaded machine the three datums can straddle the close, and the first answer then
        // holds part of them, as CloudWatch answers what it has aggregated so far. The whole one follows.
        final List<Datapoint> datapoints = Awaitility.await().atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> cloudWatch.getMetricStatistics(get -> get.namespace(namespace).metricName("Latency")
                .dimensions(host).startTime(second.minusSeconds(60)).endTime(second.plusSeconds(60)).period(1)
                .statistics(Statistic.SUM, Statistic.SAMPLE_COUNT, Statistic.MAXIMUM)).datapoints(),
                points -> points.stream().anyMatch(point -> point.sampleCount() == 3.0));
        assertThat(datapoints).singleElement().satisfies(point -> {
            assertThat(point.timestamp()).isEqualTo(second);
            assertThat(point.sum()).isEqualTo(60.0);
            assertThat(point.sampleCount()).isEqualTo(3.0);
            assertThat(point.maximum()).isEqualTo(30.0);
            assertThat(point.unit()).isEqualTo(StandardUnit.MILLISECONDS);
        });

        assertThat(Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .until(() -> cloudWatch.listMetrics(list -> list.namespace(namespace)).metrics(), m -> !m.isEmpty()))
            .singleElement().satisfies(metric -> {
                assertThat(metric.metricName()).isEqualTo("Latency");
                assertThat(metric.dimensions()).containsExactly(host);
            });

        final MetricDataResult result = cloudWatch.getMetricData(get -> get.startTime(second.minusSeconds(60))
            .endTime(second.plusSeconds(60)).metricDataQueries(query -> query.id("latency").metricStat(stat -> stat
                .metric(metric -> metric.namespace(namespace).metricName("Latency").dimensions(host))
                .period(1).stat("Average")))).metricDataResults().get(0);
        assertThat(result.id()).isEqualTo("latency");
        assertThat(result.timestamps()).containsExactly(second);
        assertThat(result.values()).containsExactly(20.0);
    }

    /**
     * CloudWatch accepts datapoints up to two weeks old and two hours ahead: an agent's buffered minute, a host back
     * from three hours offline and a backfill thirteen days back all land in their periods, percentiles included.
     */
    @Test
    void lateDatapointsGoIntoTheirPeriodsAsCloudWatchsDo() {
        final String namespace = UniqueNames.of("Sdk/Late");
        final Dimension host = Dimension.builder().name("Host").value("agent-1").build();
        final Instant now = Instant.now();
        final List<Double> values = java.util.stream.IntStream.rangeClosed(1, 100).mapToDouble(i -> i).boxed().toList();
        final List<Instant> minutes = List.of(now.minus(Duration.ofMinutes(3)), now.minus(Duration.ofHours(3)),
                now.minus(Duration.ofDays(13))).stream().map(time -> time.truncatedTo(ChronoUnit.MINUTES)).toList();
        for (final Instant minute : minutes) {
            cloudWatch.putMetricData(put -> put.namespace(namespace).metricData(MetricDatum.builder()
                .metricName("Queue").dimensions(host).timestamp(minute.plusSeconds(17)).values(values)
                .unit(StandardUnit.COUNT).build()));
        }

        for (final Instant minute : minutes) {
            final List<Datapoint> datapoints = Awaitility.await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> cloudWatch.getMetricStatistics(get -> get.namespace(namespace).metricName("Queue")
                    .dimensions(host).startTime(minute.minusSeconds(60)).endTime(minute.plusSeconds(120)).period(60)
                    .statistics(Statistic.SUM, Statistic.SAMPLE_COUNT, Statistic.MINIMUM, Statistic.MAXIMUM)
                    .extendedStatistics("p90")).datapoints(), points -> !points.isEmpty());
            assertThat(datapoints).as("the minute of %s", minute).singleElement().satisfies(point -> {
                assertThat(point.timestamp()).isEqualTo(minute);
                assertThat(point.sampleCount()).isEqualTo(100.0);
                assertThat(point.sum()).isEqualTo(5050.0);
                assertThat(point.minimum()).isEqualTo(1.0);
                assertThat(point.maximum()).isEqualTo(100.0);
                assertThat(point.extendedStatistics().get("p90")).isCloseTo(90.0,
                    org.assertj.core.data.Percentage.withPercentage(1));
            });
        }

        assertThatThrownBy(() -> cloudWatch.putMetricData(put -> put.namespace(namespace).metricData(
            MetricDatum.builder().metricName("Queue").timestamp(now.minus(Duration.ofDays(15))).value(1.0).build())))
            .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("Timestamp")
            .hasMessageContaining("two weeks");
        assertThatThrownBy(() -> cloudWatch.putMetricData(put -> put.namespace(namespace).metricData(
            MetricDatum.builder().metricName("Queue").timestamp(now.plus(Duration.ofHours(3))).value(1.0).build())))
            .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("Timestamp")
            .hasMessageContaining("two hours");
    }

    @Test
    void theJavaSdkRaisesCloudWatchsOwnExceptions() {
        assertThatThrownBy(() -> cloudWatch.putMetricData(put -> put.namespace("AWS/EC2").metricData(
            MetricDatum.builder().metricName("CPUUtilization").value(1.0).build())))
            .isInstanceOf(InvalidParameterValueException.class)
            .hasMessageContaining("Namespace")
            .satisfies(e -> assertThat(((InvalidParameterValueException) e).awsErrorDetails().errorCode())
                .isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> cloudWatch.putMetricData(put -> put.namespace(UniqueNames.of("Sdk/Missing"))
            .metricData(MetricDatum.builder().value(1.0).build())))
            .isInstanceOf(MissingRequiredParameterException.class)
            .hasMessageContaining("MetricData.member.1.MetricName");
        assertThatThrownBy(() -> cloudWatch.getMetricStatistics(get -> get.namespace("Sdk").metricName("m")
            .startTime(Instant.now().minusSeconds(600)).endTime(Instant.now()).period(7)
            .statistics(Statistic.SUM)))
            .isInstanceOf(InvalidParameterValueException.class)
            .hasMessageContaining("period");
        assertThatThrownBy(() -> cloudWatch.listMetrics(list -> list.nextToken("not-a-token")))
            .isInstanceOf(software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException.class);
        assertThatThrownBy(() -> cloudWatch.getMetricData(get -> get.startTime(Instant.now().minusSeconds(60))
            .endTime(Instant.now()).metricDataQueries(query -> query.id("m").expression("SUM(METRICS())"))))
            .isInstanceOf(InvalidParameterValueException.class)
            .hasMessageContaining("metric math");
    }

    @Test
    void boto3SpeaksQueryAndIsAnsweredInXml() throws Exception {
        final String namespace = UniqueNames.of("Boto/Jobs");
        final Instant second = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        final JsonNode put = AwsClients.boto3(endpoint, identity.credentialsFile(), "cloudwatch", "put_metric_data",
            JSON.createObjectNode().put("Namespace", namespace).set("MetricData", JSON.readTree("[{\"MetricName\":"
                + "\"Done\",\"Value\":4,\"Unit\":\"Count\",\"StorageResolution\":1,\"Timestamp\":\"" + second
                + "\",\"Dimensions\":[{\"Name\":\"Queue\",\"Value\":\"a=b, c\"}]}]")).toString());
        assertThat(put.path("protocol").asText()).isEqualTo("query");
        assertThat(put.has("ok")).as(put.toString()).isTrue();

        final String get = JSON.createObjectNode().put("Namespace", namespace).put("MetricName", "Done")
            .put("StartTime", second.minusSeconds(30).toString()).put("EndTime", second.plusSeconds(30).toString())
            .put("Period", 1).<com.fasterxml.jackson.databind.node.ObjectNode>set("Statistics",
                JSON.readTree("[\"Sum\"]"))
            .<com.fasterxml.jackson.databind.node.ObjectNode>set("Dimensions",
                JSON.readTree("[{\"Name\":\"Queue\",\"Value\":\"a=b, c\"}]")).toString();
        final JsonNode statistics = Awaitility.await().atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> AwsClients.boto3(endpoint, identity.credentialsFile(), "cloudwatch",
                "get_metric_statistics", get), answer -> answer.path("ok").path("Datapoints").size() > 0);
        assertThat(statistics.path("ok").path("Datapoints").get(0).path("Sum").asDouble()).isEqualTo(4.0);
        assertThat(statistics.path("ok").path("Label").asText()).isEqualTo("Done");

        final JsonNode refused = AwsClients.boto3(endpoint, identity.credentialsFile(), "cloudwatch",
            "put_metric_data", "{\"Namespace\":\"AWS/S3\",\"MetricData\":[{\"MetricName\":\"m\",\"Value\":1}]}");
        assertThat(refused.path("type").asText()).isEqualTo("InvalidParameterValueException");
        assertThat(refused.path("error").path("Code").asText()).isEqualTo("InvalidParameterValue");
        assertThat(refused.path("status").asInt()).isEqualTo(400);
    }

    @Test
    void theAwsCliSpeaksCbor() throws Exception {
        final String namespace = UniqueNames.of("Cli/Disk");
        final AwsClients.Result put = AwsClients.awsCli(endpoint, identity.credentialsFile(), "cloudwatch",
            "put-metric-data", "--namespace", namespace, "--metric-name", "Used", "--value", "42", "--unit",
            "Percent", "--dimensions", "Volume=/var");
        assertThat(put.exitCode()).as(put.stderr()).isZero();
        // ListMetrics shows a metric once its first minute is aggregated: at most a minute and the grace after the
        // datum (CloudWatch: within minutes).
        final AwsClients.Result list = Awaitility.await().atMost(Duration.ofSeconds(150))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> AwsClients.awsCli(endpoint, identity.credentialsFile(), "cloudwatch", "list-metrics",
                "--namespace", namespace), answer -> answer.exitCode() == 0 && answer.json().path("Metrics").size() > 0);
        assertThat(list.json().path("Metrics").get(0).path("Dimensions").get(0).path("Value").asText())
            .isEqualTo("/var");

        final AwsClients.Result refused = AwsClients.awsCli(endpoint, identity.credentialsFile(), "cloudwatch",
            "put-metric-data", "--namespace", namespace, "--metric-name", "Used", "--value", "1",
            "--storage-resolution", "7");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("InvalidParameterValue").contains("StorageResolution");
    }

    @Test
    void awsJson10IsAnsweredToo() throws Exception {
        final String namespace = UniqueNames.of("Json/Queue");
        final HttpResponse<String> put = json10("PutMetricData", "{\"Namespace\":\"" + namespace + "\","
            + "\"MetricData\":[{\"MetricName\":\"Depth\",\"Value\":3,\"Timestamp\":" + Instant.now().getEpochSecond()
            + "}]}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        final HttpResponse<String> list = Awaitility.await().atMost(Duration.ofSeconds(150))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> json10("ListMetrics", "{\"Namespace\":\"" + namespace + "\"}"),
                answer -> AwsClients.tree(answer.body()).path("Metrics").size() > 0);
        assertThat(JSON.readTree(list.body()).path("Metrics").get(0).path("MetricName").asText()).isEqualTo("Depth");

        final HttpResponse<String> unknown = json10("PutAnomalyDetector", "{\"Namespace\":\"x\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).path("__type").asText()).endsWith("UnknownOperationException");
        final HttpResponse<String> wrong = json10("ListMetrics", "{\"Namespace\":7}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.headers().firstValue("x-amzn-query-error")).hasValue("InvalidParameterValue;Sender");
    }

    private static HttpResponse<String> json10(final String operation, final String body) throws Exception {
        final URI uri = URI.create(endpoint + "/");
        final Map<String, String> headers = Map.of("Content-Type", "application/x-amz-json-1.0",
            "X-Amz-Target", "GraniteServiceVersion20100801." + operation);
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        new RequestSigner(identity.administrator(), "monitoring", TestIdentity.NAMES.region())
            .sign(request, "POST", uri, headers, body);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static MetricDatum datum(final Dimension dimension, final Instant time, final double value) {
        return MetricDatum.builder().metricName("Latency").dimensions(dimension).timestamp(time).value(value)
            .unit(StandardUnit.MILLISECONDS).storageResolution(1).build();
    }
}
