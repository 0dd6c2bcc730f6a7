package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.testkit.UniqueNames;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilterMatchRecord;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * CloudWatch Logs through AWS's own clients (the AWS SDK for Java v2 and the AWS CLI, awsJson 1.1): log groups and
 * streams kept as CloudWatch keeps them, metric filters, and PutLogEvents whose events the filters of their group
 * turn into metrics; what CloudWatch Logs refuses is refused with its exception types.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class AwsLogsIT {

    private static String endpoint;
    private static TestIdentity identity;
    private static CloudWatchLogsClient logs;
    private static CloudWatchClient cloudWatch;

    @BeforeAll
    static void start() throws Exception {
        endpoint = RunningTrailwatch.get().endpoint();
        identity = TestIdentity.get();
        logs = AwsClients.logs(endpoint, identity.administrator());
        cloudWatch = AwsClients.cloudWatch(endpoint, identity.administrator());
    }

    @AfterAll
    static void stop() {
        if (logs != null) {
            logs.close();
        }
        if (cloudWatch != null) {
            cloudWatch.close();
        }
    }

    @Test
    void logGroupsAndStreamsAreCreatedDescribedPagedAndDeleted() {
        final String prefix = "/it/" + UniqueNames.of("groups") + "/";
        final Instant before = Instant.now();
        logs.createLogGroup(create -> create.logGroupName(prefix + "a"));
        logs.createLogGroup(create -> create.logGroupName(prefix + "b"));
        assertThatThrownBy(() -> logs.createLogGroup(create -> create.logGroupName(prefix + "a")))
            .isInstanceOf(ResourceAlreadyExistsException.class).hasMessageContaining(prefix + "a");
        assertThatThrownBy(() -> logs.createLogGroup(create -> create.logGroupName(prefix + "no spaces")))
            .isInstanceOf(InvalidParameterException.class).hasMessageContaining("logGroupName");

        final DescribeLogGroupsResponse first = logs.describeLogGroups(describe -> describe
            .logGroupNamePrefix(prefix).limit(1));
        assertThat(first.logGroups()).extracting(LogGroup::logGroupName).containsExactly(prefix + "a");
        final LogGroup a = first.logGroups().get(0);
        assertThat(a.creationTime()).isBetween(before.toEpochMilli(), Instant.now().toEpochMilli());
        assertThat(a.arn()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:" + prefix + "a:*");
        assertThat(a.metricFilterCount()).isZero();
        final DescribeLogGroupsResponse second = logs.describeLogGroups(describe -> describe
            .logGroupNamePrefix(prefix).limit(1).nextToken(first.nextToken()));
        assertThat(second.logGroups()).extracting(LogGroup::logGroupName).containsExactly(prefix + "b");
        assertThat(second.nextToken()).isNull();
        assertThatThrownBy(() -> logs.describeLogGroups(describe -> describe.logGroupNamePrefix(prefix).limit(51)))
            .isInstanceOf(InvalidParameterException.class).hasMessageContaining("limit");

        logs.putRetentionPolicy(retain -> retain.logGroupName(prefix + "a").retentionInDays(7));
        assertThat(logs.describeLogGroups(describe -> describe.logGroupNamePrefix(prefix + "a")).logGroups().get(0)
            .retentionInDays()).isEqualTo(7);
        assertThatThrownBy(() -> logs.putRetentionPolicy(retain -> retain.logGroupName(prefix + "a")
            .retentionInDays(8))).isInstanceOf(InvalidParameterException.class).hasMessageContaining("retentionInDays");
        logs.deleteRetentionPolicy(forever -> forever.logGroupName(prefix + "a"));
        assertThat(logs.describeLogGroups(describe -> describe.logGroupNamePrefix(prefix + "a")).logGroups().get(0)
            .retentionInDays()).isNull();
        assertThatThrownBy(() -> logs.deleteRetentionPolicy(forever -> forever.logGroupName(prefix + "none")))
            .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(prefix + "none");

        logs.createLogStream(create -> create.logGroupName(prefix + "a").logStreamName("i-2/web"));
        logs.createLogStream(create -> create.logGroupName(prefix + "a").logStreamName("i-1/web"));
        assertThatThrownBy(() -> logs.createLogStream(create -> create.logGroupName(prefix + "a")
            .logStreamName("i-1/web"))).isInstanceOf(ResourceAlreadyExistsException.class);
        assertThatThrownBy(() -> logs.createLogStream(create -> create.logGroupName(prefix + "none")
            .logStreamName("s"))).isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(prefix + "none");
        assertThatThrownBy(() -> logs.createLogStream(create -> create.logGroupName(prefix + "a")
            .logStreamName("a:b"))).isInstanceOf(InvalidParameterException.class).hasMessageContaining("logStreamName");
        assertThat(logs.describeLogStreams(describe -> describe.logGroupName(prefix + "a")).logStreams())
            .extracting(LogStream::logStreamName).containsExactly("i-1/web", "i-2/web");
        final var descending = logs.describeLogStreams(describe -> describe.logGroupName(prefix + "a")
            .descending(true).limit(1));
        assertThat(descending.logStreams()).extracting(LogStream::logStreamName).containsExactly("i-2/web");
        assertThat(logs.describeLogStreams(describe -> describe.logGroupName(prefix + "a").descending(true)
            .nextToken(descending.nextToken())).logStreams()).extracting(LogStream::logStreamName)
            .containsExactly("i-1/web");
        assertThatThrownBy(() -> logs.describeLogStreams(describe -> describe.logGroupName(prefix + "none")))
            .isInstanceOf(ResourceNotFoundException.class);

        logs.deleteLogGroup(delete -> delete.logGroupName(prefix + "a"));
        assertThat(logs.describeLogGroups(describe -> describe.logGroupNamePrefix(prefix)).logGroups())
            .extracting(LogGroup::logGroupName).containsExactly(prefix + "b");
        assertThatThrownBy(() -> logs.deleteLogGroup(delete -> delete.logGroupName(prefix + "a")))
            .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(prefix + "a");
        // A group created again under the name of a deleted one starts without the old streams.
        logs.createLogGroup(create -> create.logGroupName(prefix + "a"));
        assertThat(logs.describeLogStreams(describe -> describe.logGroupName(prefix + "a")).logStreams()).isEmpty();
    }

    @Test
    void putLogEventsThatAMetricFilterMatchesBecomeItsMetric() {
        final String group = "/it/" + UniqueNames.of("checkout");
        final String metric = UniqueNames.of("Errors");
        final String namespace = UniqueNames.of("Logs/App");
        logs.createLogGroup(create -> create.logGroupName(group));
        logs.createLogStream(create -> create.logGroupName(group).logStreamName("web-1"));
        logs.putMetricFilter(put -> put.logGroupName(group).filterName(metric).filterPattern("ERROR")
            .metricTransformations(transformation -> transformation.metricName(metric).metricNamespace(namespace)
                .metricValue("1")));
        assertThat(logs.describeMetricFilters(describe -> describe.logGroupName(group)).metricFilters())
            .extracting(MetricFilter::filterName).containsExactly(metric);
        assertThat(logs.describeLogGroups(describe -> describe.logGroupNamePrefix(group)).logGroups().get(0)
            .metricFilterCount()).isEqualTo(1);

        final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        final PutLogEventsResponse put = logs.putLogEvents(events -> events.logGroupName(group).logStreamName("web-1")
            .logEvents(event(now.minus(Duration.ofDays(15)), "ERROR too old to count"),
                event(now, "ERROR payment declined"), event(now, "INFO all good"),
                event(now.plusMillis(1), "ERROR card expired"),
                event(now.plus(Duration.ofHours(3)), "ERROR from the future")));
        assertThat(put.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isEqualTo(1);
        assertThat(put.rejectedLogEventsInfo().tooNewLogEventStartIndex()).isEqualTo(4);
        assertThat(put.rejectedLogEventsInfo().expiredLogEventEndIndex()).isNull();

        final Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        // A minute's statistics are there once it ends, plus the grace: about 70 s, longer on a loaded machine (a
        // longer period would wait for its own end: up to an hour).
        final List<Datapoint> datapoints = Awaitility.await().atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> cloudWatch.getMetricStatistics(get -> get.namespace(namespace).metricName(metric)
                .startTime(minute.minus(Duration.ofMinutes(5))).endTime(minute.plus(Duration.ofMinutes(5)))
                .period(60).statistics(Statistic.SUM)).datapoints(),
                points -> points.stream().mapToDouble(Datapoint::sum).sum() >= 2.0);
        assertThat(datapoints.stream().mapToDouble(Datapoint::sum).sum()).isEqualTo(2.0);
    }

    /** A new group with a stream named "s". */
    private static String groupWithStreamS(final String name) {
        final String group = "/it/" + UniqueNames.of(name);
        logs.createLogGroup(create -> create.logGroupName(group));
        logs.createLogStream(create -> create.logGroupName(group).logStreamName("s"));
        return group;
    }

    @Test
    void putLogEventsRefusesWhatCloudWatchLogsRefuses() {
        final String group = groupWithStreamS("refused");
        final Instant now = Instant.now();

        assertThatThrownBy(() -> logs.putLogEvents(events -> events.logGroupName(group).logStreamName("missing")
            .logEvents(event(now, "x")))).isInstanceOf(ResourceNotFoundException.class)
            .hasMessageContaining("log stream does not exist");
        assertThatThrownBy(() -> logs.putLogEvents(events -> events.logGroupName(group).logStreamName("s")
            .logEvents(event(now, "second"), event(now.minusSeconds(1), "first"))))
            .isInstanceOf(InvalidParameterException.class).hasMessageContaining("logEvents")
            .hasMessageContaining("chronological order");
        assertThatThrownBy(() -> logs.putLogEvents(events -> events.logGroupName(group).logStreamName("s")
            .logEvents(event(now.minus(Duration.ofHours(25)), "a"), event(now, "b"))))
            .isInstanceOf(InvalidParameterException.class).hasMessageContaining("24 hours");
        final List<InputLogEvent> tooMany = IntStream.range(0, 10_001)
            .mapToObj(i -> event(now, "e")).toList();
        assertThatThrownBy(() -> logs.putLogEvents(events -> events.logGroupName(group).logStreamName("s")
            .logEvents(tooMany))).isInstanceOf(InvalidParameterException.class)
            .hasMessageContaining("logEvents").hasMessageContaining("10000");
        assertThatThrownBy(() -> logs.putLogEvents(events -> events.logGroupName(group).logStreamName("s")
            .logEvents(InputLogEvent.builder().timestamp(now.toEpochMilli()).message("").build())))
            .isInstanceOf(InvalidParameterException.class).hasMessageContaining("logEvents[0].message");
    }

    @Test
    void oversizedEventsPatternsAndNamesAreRefusedNamingTheMember() {
        final String group = groupWithStreamS("limits");
        final Instant now = Instant.now();
        // 256 KiB with its 26 bytes of overhead is the most one event may be
        final String largest = "x".repeat(262_144 - 26);
        assertThat(logs.putLogEvents(events -> events.logGroupName(group).logStreamName("s")
            .logEvents(event(now, largest))).rejectedLogEventsInfo()).isNull();
        assertThatThrownBy(() -> logs.putLogEvents(events -> events.logGroupName(group).logStreamName("s")
            .logEvents(event(now, largest + "x")))).isInstanceOf(InvalidParameterException.class)
            .hasMessageContaining("logEvents[0].message").hasMessageContaining("262145");

        final String longPattern = "a".repeat(1_025);
        assertThatThrownBy(() -> logs.filterLogEvents(filter -> filter.logGroupName(group)
            .filterPattern(longPattern))).isInstanceOf(InvalidParameterException.class)
            .hasMessageContaining("filterPattern").hasMessageContaining("1024");
        assertThatThrownBy(() -> logs.putMetricFilter(put -> put.logGroupName(group).filterName("long")
            .filterPattern(longPattern).metricTransformations(transformation -> transformation.metricName("m")
                .metricNamespace("n").metricValue("1")))).isInstanceOf(InvalidParameterException.class)
            .hasMessageContaining("ilterPattern");
        assertThatThrownBy(() -> logs.filterLogEvents(filter -> filter.logGroupName(group)
            .logStreamNamePrefix("a:b"))).isInstanceOf(InvalidParameterException.class)
            .hasMessageContaining("logStreamNamePrefix");
        assertThatThrownBy(() -> logs.describeLogStreams(describe -> describe.logGroupName(group)
            .logStreamNamePrefix("a*"))).isInstanceOf(InvalidParameterException.class)
            .hasMessageContaining("logStreamNamePrefix");
        assertThatThrownBy(() -> logs.describeLogGroups(describe -> describe.logGroupNamePrefix("no spaces")))
            .isInstanceOf(InvalidParameterException.class).hasMessageContaining("logGroupNamePrefix");
        assertThatThrownBy(() -> logs.getLogEvents(get -> get.logGroupName(group).logStreamName("s").limit(10_001)))
            .isInstanceOf(InvalidParameterException.class).hasMessageContaining("limit");
    }

    @Test
    void metricFiltersAreTestedRefusedAndDeleted() {
        final String group = "/it/" + UniqueNames.of("filters");
        final String filter = UniqueNames.of("Filter");
        logs.createLogGroup(create -> create.logGroupName(group));
        assertThat(logs.testMetricFilter(test -> test.filterPattern("[ip, user, status=5*]")
            .logEventMessages("10.0.0.1 ana 503", "10.0.0.2 ben 200")).matches())
            .singleElement().satisfies(match -> {
                assertThat(match.eventNumber()).isEqualTo(1L);
                assertThat(match.extractedValues()).containsEntry("$status", "503");
            });
        assertThatThrownBy(() -> logs.testMetricFilter(test -> test.filterPattern("ERROR")))
            .isInstanceOf(InvalidParameterException.class).hasMessageContaining("logEventMessages");
        assertThatThrownBy(() -> logs.putMetricFilter(put -> put.logGroupName(group).filterName(filter)
            .filterPattern("{ $.level = }").metricTransformations(t -> t.metricName("M").metricNamespace("N")
                .metricValue("1")))).isInstanceOf(InvalidParameterException.class)
            .hasMessageContaining("FilterPattern");
        assertThatThrownBy(() -> logs.deleteMetricFilter(delete -> delete.logGroupName(group).filterName(filter)))
            .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(filter);
        assertThatThrownBy(() -> logs.describeMetricFilters(describe -> describe.metricName("M")))
            .isInstanceOf(InvalidParameterException.class).hasMessageContaining("metricNamespace");

        logs.putMetricFilter(put -> put.logGroupName(group).filterName(filter).filterPattern("ERROR")
            .metricTransformations(t -> t.metricName("M").metricNamespace("N").metricValue("1")));
        logs.deleteMetricFilter(delete -> delete.logGroupName(group).filterName(filter));
        assertThat(logs.describeMetricFilters(describe -> describe.logGroupName(group)).metricFilters()).isEmpty();
    }

    @Test
    void theAwsCliCreatesAndDescribesLogGroups() throws Exception {
        final String group = "/it/" + UniqueNames.of("cli");
        final AwsClients.Result created = AwsClients.awsCli(endpoint, identity.credentialsFile(), "logs",
            "create-log-group", "--log-group-name", group);
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        final AwsClients.Result described = AwsClients.awsCli(endpoint, identity.credentialsFile(), "logs",
            "describe-log-groups", "--log-group-name-prefix", group);
        assertThat(described.exitCode()).as(described.stderr()).isZero();
        assertThat(described.json().at("/logGroups/0/logGroupName").asText()).isEqualTo(group);

        final AwsClients.Result refused = AwsClients.awsCli(endpoint, identity.credentialsFile(), "logs",
            "create-log-group", "--log-group-name", group);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("ResourceAlreadyExistsException").contains(group);
    }

    private static InputLogEvent event(final Instant timestamp, final String message) {
        return InputLogEvent.builder().timestamp(timestamp.toEpochMilli()).message(message).build();
    }
}
