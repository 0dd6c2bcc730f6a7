package io.trailwatch.sinks.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.sinks.archive.digest.DigestSettings;
import io.trailwatch.sinks.archive.digest.Digester;
import io.trailwatch.sinks.archive.digest.SigningKey;
import io.trailwatch.sinks.archive.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The archive's parts over an object store with a clock the test moves: archivers for partitions, a digester, and
 * readers of what ended up in the store.
 */
final class ArchiveTestbed implements AutoCloseable {

    static final String TOPIC = "trailwatch.audit";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Instant now = Instant.parse("2026-11-21T10:00:00Z");
    private final InMemoryObjectStore memory = new InMemoryObjectStore(() -> now);
    private final LogFileLayout layout = new LogFileLayout("audit/", "CloudTrail");
    private final ExecutorService uploads = Executors.newFixedThreadPool(2);

    InMemoryObjectStore store() {
        return memory;
    }

    LogFileLayout layout() {
        return layout;
    }

    Instant now() {
        return now;
    }

    void advance(final Duration duration) {
        now = now.plus(duration);
    }

    BatchCommitter committer(final ObjectStore target) {
        return new BatchCommitter(target, layout, new LogFileRenderer(layout, "Records", 1), uploads);
    }

    PartitionArchiver archiver(final int partition, final int maxRecords) {
        return archiver(partition, maxRecords, memory);
    }

    PartitionArchiver archiver(final int partition, final int maxRecords, final ObjectStore target) {
        return new PartitionArchiver(TOPIC, partition, new PartitionArchiver.Rotation(maxRecords, 1 << 30,
            60_000, 5_000), committer(target));
    }

    Digester digester(final Path keyFile, final Duration interval) {
        return new Digester(memory, layout, new DigestSettings(interval, Duration.ofSeconds(1), keyFile, "trailwatch",
            "us-east-1"), SigningKey.generateIfMissing(keyFile));
    }

    /** A CloudTrail-like record whose eventID names the offset, so tests can tell which records were archived. */
    static ArchivedRecord record(final long offset, final String account, final String region, final Instant time) {
        final String json = "{\"eventID\":\"evt-" + offset + "\",\"eventTime\":\"" + time + "\",\"recipientAccountId\":\""
            + account + "\",\"awsRegion\":\"" + region + "\"}";
        return new ArchivedRecord(account, region, time, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The record of an offset in a partition of two accounts and two regions, spread over two days. */
    static ArchivedRecord sample(final long offset) {
        final String account = offset % 3 == 0 ? "111111111111" : "222222222222";
        final String region = offset % 2 == 0 ? "us-east-1" : "eu-west-1";
        return record(offset, account, region, Instant.parse("2026-11-20T23:58:00Z").plusSeconds(offset * 7));
    }

    /** Every eventID in every log file, with repeats: what an auditor reading the bucket would count. */
    List<String> archivedEventIds() {
        final List<String> ids = new ArrayList<>();
        for (final String key : memory.keys()) {
            if (key.contains("/CloudTrail/") && key.endsWith(".json.gz")) {
                for (final JsonNode record : logFile(key).path("Records")) {
                    ids.add(record.path("eventID").asText());
                }
            }
        }
        return ids;
    }

    JsonNode logFile(final String key) {
        try {
            return JSON.readTree(Compression.gunzip(memory.get(key).orElseThrow().body()));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> keys(final String containing) {
        return memory.keys().stream().filter(key -> key.contains(containing)).toList();
    }

    @Override
    public void close() {
        uploads.shutdownNow();
    }
}
