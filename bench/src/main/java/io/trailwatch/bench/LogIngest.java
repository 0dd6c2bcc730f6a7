package io.trailwatch.bench;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.identity.NewAccessKey;
import io.trailwatch.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * PutLogEvents with batches of events (JSON access-log lines of 150 to 250 bytes, in time order) to one group and
 * stream: the same events as Avro records through a Kafka producer of the API's own settings, and as SDK calls
 * (awsJson 1.1). The group and stream are created through the API first.
 */
final class LogIngest {

    private static final int BATCHES = 16;
    private static final String GROUP = "bench/ingest";
    private static final String STREAM = "web-1";

    private final int batch;
    private final ProducerCalls<String, LogEvent> producer;
    private final SdkCalls<CloudWatchLogsClient, PutLogEventsRequest> sdk;

    LogIngest(final BenchEnvironment env, final String endpoint, final NewAccessKey key, final int batch) {
        this.batch = batch;
        final SplittableRandom random = new SplittableRandom(11);
        final long now = Instant.now().toEpochMilli();
        final List<List<Map.Entry<String, LogEvent>>> records = new ArrayList<>();
        final List<PutLogEventsRequest> requests = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            final List<Map.Entry<String, LogEvent>> events = new ArrayList<>(batch);
            final List<InputLogEvent> calls = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                final String message = "{\"method\":\"GET\",\"path\":\"/api/orders/" + random.nextInt(1_000_000)
                    + "\",\"status\":" + (random.nextInt(100) < 3 ? 500 : 200) + ",\"latencyMs\":"
                    + random.nextInt(2000) + ",\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64)\",\"requestId\":\""
                    + Long.toHexString(random.nextLong()) + "\"}";
                events.add(Map.entry(GROUP + "/" + STREAM, new LogEvent(GROUP, STREAM, Instant.ofEpochMilli(now + i),
                    message)));
                calls.add(InputLogEvent.builder().timestamp(now + i).message(message).build());
            }
            records.add(events);
            requests.add(PutLogEventsRequest.builder().logGroupName(GROUP).logStreamName(STREAM).logEvents(calls)
                .build());
        }
        this.producer = new ProducerCalls<>(env.bootstrapServers(), env.serdes(), Topics.LOGS, records);
        this.sdk = new SdkCalls<>(() -> SdkCalls.client(CloudWatchLogsClient.builder(), endpoint, key), requests,
            CloudWatchLogsClient::putLogEvents);
        final CloudWatchLogsClient logs = sdk.client(0);
        logs.createLogGroup(create -> create.logGroupName(GROUP));
        logs.createLogStream(create -> create.logGroupName(GROUP).logStreamName(STREAM));
        awaitStream(logs, requests.get(0));
    }

    /** The stream is a definition every instance reads from the config topic: usable once this one has it. */
    private static void awaitStream(final CloudWatchLogsClient logs, final PutLogEventsRequest probe) {
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                logs.putLogEvents(probe);
                return;
            } catch (final ResourceNotFoundException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                try {
                    Thread.sleep(100); // a poll interval: the definition arrives within a second or two
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw notYet;
                }
            }
        }
    }

    IngestWorkload workload() {
        return new IngestWorkload("PutLogEvents", "awsJson 1.1", batch, producer.bytesPerCall(), producer.call(),
            sdk.call());
    }
}
