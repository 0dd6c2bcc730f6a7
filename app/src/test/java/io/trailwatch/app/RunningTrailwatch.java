package io.trailwatch.app;

import io.trailwatch.app.http.HealthChecks;
import io.trailwatch.app.http.HttpApi;
import io.trailwatch.app.stack.Features;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.UserIdentity;
import io.trailwatch.processors.TrailwatchTopology;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.definitions.ConfigFile;
import io.trailwatch.processors.definitions.DefinitionWriter;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.processors.runtime.TopicSetup;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.stack.FreePorts;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;

/**
 * The Trailwatch processors, running once per test JVM against the real broker and registry of the testkit.
 * Tests share it and keep out of each other's way by naming their own filters, metrics and alarms.
 */
final class RunningTrailwatch implements AutoCloseable {

    private static RunningTrailwatch instance;

    private final TestInfrastructure infrastructure;
    private final ProcessorsRuntime runtime;
    private final HttpApi http;
    private final Features features;

    private RunningTrailwatch(final TestInfrastructure infrastructure, final String applicationId)
        throws IOException, InterruptedException {
        this.infrastructure = infrastructure;
        TopicSetup.ensure(infrastructure.adminClient(), Topics.all());
        // The audit trail's schemas are registered before tests publish from several clients (Java, Python) at
        // once: Apicurio answers concurrent first registrations of one subject with a conflict.
        Topics.AUDIT.keySerde(infrastructure.serdeContext()).serializer().serialize(Topics.AUDIT.name(), "registration");
        Topics.AUDIT.valueSerde(infrastructure.serdeContext()).serializer().serialize(Topics.AUDIT.name(),
            deleteBucket("registration", Instant.now()));
        final int httpPort = FreePorts.pick();
        final ProcessorsConfig config = new ProcessorsConfig(Map.ofEntries(
            Map.entry(ProcessorsConfig.BOOTSTRAP_SERVERS, infrastructure.bootstrapServers()),
            Map.entry(ProcessorsConfig.SCHEMA_REGISTRY_URL, infrastructure.registryUrl()),
            Map.entry(ProcessorsConfig.APPLICATION_ID, applicationId),
            Map.entry(ProcessorsConfig.APPLICATION_SERVER, "localhost:" + httpPort),
            Map.entry(ProcessorsConfig.STATE_DIR, Files.createTempDirectory("trailwatch-it-state").toString()),
            // a failing subscription is dead-lettered within a second, not a minute
            Map.entry(ProcessorsConfig.NOTIFY_MAX_ATTEMPTS, 3),
            Map.entry(ProcessorsConfig.NOTIFY_BACKOFF_MS, 100L),
            Map.entry(ProcessorsConfig.NOTIFY_BACKOFF_MAX_MS, 200L),
            // email subscriptions go to the tests' own SMTP server, on loopback (no STARTTLS)
            Map.entry(ProcessorsConfig.SMTP_HOST, "127.0.0.1"),
            Map.entry(ProcessorsConfig.SMTP_PORT, TestSmtp.port()),
            Map.entry(ProcessorsConfig.SMTP_STARTTLS_REQUIRED, false),
            // pagerduty subscriptions send to the tests' own receiver
            Map.entry(ProcessorsConfig.PAGERDUTY_URL, TestPagerDuty.url()),
            // expired log events leave the disk within a second (AwsLogEventsIT), not a minute
            Map.entry(ProcessorsConfig.LOGS_EXPIRY_INTERVAL_MS, "1000")));
        runtime = TrailwatchTopology.runtime(config).start();
        if (!runtime.awaitRunning(Duration.ofSeconds(90))) {
            throw new IllegalStateException("processors did not start: " + runtime.state());
        }
        final TestIdentity identity = TestIdentity.get();
        // Every feature, the AWS protocols included, as `trailwatch up` serves them.
        features = Features.start(runtime, config, KafkaAccess.plaintext(infrastructure.bootstrapServers()),
            infrastructure.serdeContext(), infrastructure.adminClient(), identity.access());
        identity.stack().authenticate(runtime.router());
        // The broker's health, as `trailwatch up` reports it (the console's Overview shows it).
        http = HttpApi.start("127.0.0.1", httpPort, List.of(HealthChecks.kafka(infrastructure.adminClient())),
            features.routes(), identity.access());
    }

    /**
     * An instance of the given application, apart from the shared one: for tests that add and remove instances,
     * whose rebalances would otherwise stall every other test's alarms. The caller closes it.
     */
    static RunningTrailwatch instanceOf(final String applicationId) throws IOException, InterruptedException {
        return new RunningTrailwatch(TestInfrastructure.get(), applicationId);
    }

    @Override
    public void close() {
        http.close();
        features.close();
        runtime.close();
    }

    /** The HTTP API's base URL, e.g. for the CLI's --endpoint. */
    String endpoint() {
        return "http://localhost:" + http.port();
    }

    static synchronized RunningTrailwatch get() throws IOException, InterruptedException {
        if (instance == null) {
            instance = instanceOf(UniqueNames.applicationId("trailwatch-it"));
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        }
        return instance;
    }

    /** Whether the shared instance runs in this JVM: a deployment of its own, which reads the same definitions. */
    static synchronized boolean sharedIsRunning() {
        return instance != null;
    }

    TestInfrastructure infrastructure() {
        return infrastructure;
    }

    ProcessorsRuntime runtime() {
        return runtime;
    }

    Features features() {
        return features;
    }

    /**
     * Defines a DeleteBucket filter and alarm of this test's own: they count DeleteBucket calls on the named bucket
     * only, so other tests' events never reach them. Returns the alarm name.
     */
    String defineBucketAlarm(final String bucket) {
        final String name = "BucketDeleted-" + bucket;
        final String yaml = bucketAlarmYaml(name, bucket);
        final List<DefinitionEntry> entries;
        try (DefinitionWriter writer = new DefinitionWriter(infrastructure.bootstrapServers(),
            infrastructure.serdeContext())) {
            entries = ConfigFile.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), name);
            writer.put(entries);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        // Filters are not retroactive: the test's events must come after the processors have the definitions.
        Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> entries.stream().allMatch(entry -> runtime.hasDefinition(entry.key())));
        return name;
    }

    /** A DeleteBucket filter and its alarm (Sum >= 1 over a minute), counting calls on the one bucket only. */
    static String bucketAlarmYaml(final String alarmName, final String bucket) {
        return """
            metricFilters:
              - filterName: %1$s
                filterPattern: '{ $.eventName = "DeleteBucket" && $.requestParameters.bucketName = "%2$s" }'
                metricTransformations:
                  - {metricName: %1$s, metricNamespace: Security, metricValue: "1", unit: Count}
            metricAlarms:
              - alarmName: %1$s
                namespace: Security
                metricName: %1$s
                statistic: Sum
                period: 60
                evaluationPeriods: 1
                threshold: 1
                comparisonOperator: GreaterThanOrEqualToThreshold
                treatMissingData: notBreaching
            """.formatted(alarmName, bucket);
    }

    static AuditEvent deleteBucket(final String bucket, final Instant time) {
        return AuditEvent.newBuilder()
            .setEventVersion("1.11")
            .setEventID(UUID.randomUUID().toString())
            .setEventTime(time)
            .setEventSource("s3.amazonaws.com")
            .setEventName("DeleteBucket")
            .setAwsRegion("eu-west-1")
            .setSourceIPAddress("203.0.113.7")
            .setUserIdentity(UserIdentity.newBuilder().setType("IAMUser").setUserName("bob")
                .setAccountId("123456789012").build())
            .setRequestParameters("{\"bucketName\":\"" + bucket + "\"}")
            .setEventType("AwsApiCall")
            .setEventCategory("Management")
            .build();
    }

    /**
     * Waits for the alarm to reach ALARM on trailwatch.alarms and returns that state change. A call's period closes
     * at the end of its minute plus the grace, so this takes up to about 70 s.
     */
    AlarmStateChange awaitAlarm(final String alarmName, final Duration timeout) {
        final List<ConsumerRecord<String, AlarmStateChange>> records = infrastructure.consumeUntil(Topics.ALARMS,
            read -> read.stream().anyMatch(record -> isAlarm(record, alarmName)), timeout);
        return records.stream().filter(record -> isAlarm(record, alarmName)).findFirst().orElseThrow().value();
    }

    private static boolean isAlarm(final ConsumerRecord<String, AlarmStateChange> record, final String alarmName) {
        return alarmName.equals(record.key()) && record.value().getState().getValue() == AlarmStateValue.ALARM;
    }
}
