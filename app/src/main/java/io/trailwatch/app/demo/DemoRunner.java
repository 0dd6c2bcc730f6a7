package io.trailwatch.app.demo;

import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.ingest.TrailwatchPublisher;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the demo traffic in the background: a round of everyday calls every few seconds, and one DeleteBucket
 * call right after the first round.
 */
public final class DemoRunner implements AutoCloseable {

    private static final long ROUND_SECONDS = 5;

    private final TrailwatchPublisher publisher;
    private final DemoTraffic traffic = new DemoTraffic(Clock.systemUTC());
    private final PrintWriter out;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "trailwatch-demo");
        thread.setDaemon(true);
        return thread;
    });

    public DemoRunner(final KafkaAccess kafka, final String registryUrl, final PrintWriter out) {
        this.publisher = TrailwatchPublisher.builder().kafka(kafka).schemaRegistryUrl(registryUrl)
            .clientId("trailwatch-demo").build();
        this.out = out;
    }

    public DemoRunner start() {
        traffic.publishEveryday(publisher);
        publisher.publish(traffic.deleteBucket()).join();
        out.println("demo: published everyday calls and a DeleteBucket call by bob from 203.0.113.7; "
            + "the S3BucketDeleted alarm goes to ALARM when this minute closes");
        out.flush();
        scheduler.scheduleAtFixedRate(() -> traffic.publishEveryday(publisher), ROUND_SECONDS, ROUND_SECONDS,
            TimeUnit.SECONDS);
        return this;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        publisher.close();
    }
}
