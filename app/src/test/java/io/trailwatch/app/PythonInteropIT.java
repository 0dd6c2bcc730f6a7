package io.trailwatch.app;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.UniqueNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with a real non-Java client: Debian's python3-confluent-kafka, whose legacy AvroProducer and AvroConsumer
 * speak Confluent's wire format through the registry's REST API.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class PythonInteropIT {

    /** Debian's interpreter: the one that sees Debian's python3-confluent-kafka and python3-avro. */
    private static final String PYTHON = "/usr/bin/python3";

    private static RunningTrailwatch trailwatch;

    @TempDir
    static Path scripts;

    @BeforeAll
    static void start() throws Exception {
        trailwatch = RunningTrailwatch.get();
        for (final String script : List.of("produce_audit.py", "consume_alarms.py")) {
            try (InputStream in = PythonInteropIT.class.getResourceAsStream("/interop/" + script)) {
                Files.copy(in, scripts.resolve(script));
            }
        }
        Files.writeString(scripts.resolve("AuditEvent.avsc"), AuditEvent.getClassSchema().toString(true));
    }

    @Test
    void aPythonAvroProducersAuditEventIsDecodedAndItsAlarmIsReadByAPythonAvroConsumer() throws Exception {
        final String bucket = UniqueNames.of("python-bucket");
        final String alarmName = trailwatch.defineBucketAlarm(bucket);
        final String eventId = UUID.randomUUID().toString();

        final String produced = python(Duration.ofSeconds(60), "produce_audit.py",
            trailwatch.infrastructure().bootstrapServers(), trailwatch.infrastructure().registryUrl(),
            scripts.resolve("AuditEvent.avsc").toString(), Topics.AUDIT.name(), bucket, eventId);
        assertThat(produced).contains("published " + eventId);

        // Other tests write undecodable records to the audit trail on purpose: they are passed over.
        final List<ConsumerRecord<String, AuditEvent>> audit = trailwatch.infrastructure().consumeUntil(
            Topics.AUDIT, read -> read.stream().anyMatch(record -> isEvent(record, eventId)), Duration.ofSeconds(30));
        final ConsumerRecord<String, AuditEvent> decoded = audit.stream()
            .filter(record -> isEvent(record, eventId)).findFirst().orElseThrow();
        assertThat(decoded.key()).isEqualTo(eventId);
        assertThat(decoded.value().getUserIdentity().getUserName()).isEqualTo("python");
        assertThat(decoded.value().getRequestParameters()).contains(bucket);

        final String consumed = python(Duration.ofSeconds(120), "consume_alarms.py",
            trailwatch.infrastructure().bootstrapServers(), trailwatch.infrastructure().registryUrl(),
            Topics.ALARMS.name(), alarmName, "110");
        final JsonNode change = new ObjectMapper().readTree(consumed.lines().reduce((first, last) -> last).orElseThrow());
        assertThat(change.path("alarmName").asText()).isEqualTo(alarmName);
        assertThat(change.path("state").path("value").asText()).isEqualTo("ALARM");
        assertThat(change.path("previousState").path("value").asText()).isIn("OK", "INSUFFICIENT_DATA");
        assertThat(change.path("state").path("reason").asText()).startsWith("Threshold Crossed: 1 out of the last 1");
        assertThat(change.path("configuration").path("metricName").asText()).isEqualTo(alarmName);
    }

    private static boolean isEvent(final ConsumerRecord<String, AuditEvent> record, final String eventId) {
        return record.value() != null && record.value().getEventID().equals(eventId);
    }

    private static String python(final Duration timeout, final String script, final String... args)
        throws IOException, InterruptedException {
        final List<String> command = new java.util.ArrayList<>(List.of(PYTHON, scripts.resolve(script).toString()));
        command.addAll(List.of(args));
        final Path output = Files.createTempFile(scripts, script, ".out");
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
            .start();
        final boolean exited = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        final String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(exited).as("%s finished within %s; output:%n%s", script, timeout, text).isTrue();
        assertThat(process.exitValue()).as("%s exit code; output:%n%s", script, text).isZero();
        return text;
    }
}
