package io.trailwatch.sinks.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class UploadFailuresTest {

    @Test
    void eachFailureIsCountedUnderItsReasonAsAPluginMetricOfTheTask() {
        try (Metrics metrics = new Metrics()) {
            final UploadFailures failures = new UploadFailures(new PluginMetricsImpl(metrics,
                Map.of("connector", "archive", "task", "0")));

            failures.record(s3Error("NoSuchBucket", 404));
            failures.record(s3Error("NoSuchBucket", 404));
            failures.record(SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused")).build());

            assertThat(failures.count("NoSuchBucket")).isEqualTo(2);
            assertThat(failures.count(UploadFailures.UNREACHABLE)).isEqualTo(1);
            final MetricName name = metrics.metricName(UploadFailures.METRIC, "plugins", "",
                Map.of("connector", "archive", "task", "0", "reason", "NoSuchBucket"));
            assertThat(metrics.metric(name)).isNotNull();
            assertThat(metrics.metric(name).metricValue()).isEqualTo(2L);
        }
    }

    @Test
    void aReasonIsTheStoresCodeInLettersAndDigitsOnlyOrItsStatusWithoutOne() {
        assertThat(UploadFailures.reason(s3Error("Access<Denied>\n", 403))).isEqualTo("AccessDenied");
        assertThat(UploadFailures.reason(s3Error(null, 503))).isEqualTo("HTTP503");
        assertThat(UploadFailures.reason(SdkClientException.create("no region"))).isEqualTo("SdkClientException");
    }

    @Test
    void withoutPluginMetricsFailuresAreStillCounted() {
        final UploadFailures failures = new UploadFailures(null);
        failures.record(s3Error("InvalidAccessKeyId", 403));
        assertThat(failures.count("InvalidAccessKeyId")).isEqualTo(1);
    }

    private static S3Exception s3Error(final String code, final int status) {
        return (S3Exception) S3Exception.builder().statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }
}
