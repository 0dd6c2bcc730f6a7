package io.trailwatch.sinks.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.sinks.archive.store.ObjectStore;
import io.trailwatch.sinks.archive.store.ObjectSummary;
import io.trailwatch.sinks.archive.store.StoredObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The write protocol: whatever replays or runs twice, every offset ends up in exactly one log file. */
class ExactlyOnceArchiveTest {

    private final ArchiveTestbed testbed = new ArchiveTestbed();

    @AfterEach
    void close() {
        testbed.close();
    }

    private static List<String> ids(final long from, final long to) {
        return LongStream.range(from, to).mapToObj(offset -> "evt-" + offset).toList();
    }

    private void feed(final PartitionArchiver archiver, final long from, final long to) {
        for (long offset = from; offset < to; offset++) {
            archiver.append(offset, ArchiveTestbed.sample(offset), 1_000 + offset, testbed.now().toEpochMilli());
        }
    }

    @Test
    void filesArePartitionedByAccountRegionAndDayAndNamedLikeCloudTrails() {
        final PartitionArchiver archiver = testbed.archiver(3, 1000);
        feed(archiver, 0, 400);
        archiver.flush();

        assertThat(testbed.archivedEventIds()).containsExactlyInAnyOrderElementsOf(ids(0, 400));
        final List<String> files = testbed.keys("/CloudTrail/");
        // 2 accounts x 2 regions x 2 days (the records cross midnight UTC)
        assertThat(files).hasSize(8).allMatch(key -> key.matches("audit/AWSLogs/(\\d{12})/CloudTrail/([a-z0-9-]+)/"
            + "2026/11/2[01]/\\1_CloudTrail_\\2_2026112[01]T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz"));
        assertThat(files).anyMatch(key -> key.contains("/2026/11/20/111111111111_CloudTrail_us-east-1_20261120T2358Z_"));
        assertThat(archiver.committableOffset()).isEqualTo(400);
    }

    @Test
    void aReplayFromAnOlderCommitWithOtherRotationAddsNothingTwice() {
        final PartitionArchiver first = testbed.archiver(0, 10);
        feed(first, 0, 95);
        // The task dies: 90-94 were buffered, never uploaded. The committed offset it left may be older still.
        assertThat(first.committableOffset()).isEqualTo(90);

        final PartitionArchiver restarted = testbed.archiver(0, 7);
        feed(restarted, 40, 150);
        restarted.flush();

        assertThat(testbed.archivedEventIds()).containsExactlyInAnyOrderElementsOf(ids(0, 150));
    }

    @Test
    void aReplayAfterAnUploadWasCutShortCompletesTheBatch() {
        final AtomicInteger logFilePuts = new AtomicInteger();
        final ObjectStore failing = new FailingStore(testbed.store(), key -> key.contains("/CloudTrail/")
            && logFilePuts.incrementAndGet() == 3);
        final PartitionArchiver dying = testbed.archiver(0, 50, failing);
        assertThatThrownBy(() -> feed(dying, 0, 50)).hasMessageContaining("connection reset");
        // The manifest of 0-49 exists, some of its files do not.
        assertThat(testbed.keys("_trailwatch/batches/")).hasSize(1);

        final PartitionArchiver restarted = testbed.archiver(0, 13);
        feed(restarted, 0, 80);
        restarted.flush();

        assertThat(testbed.archivedEventIds()).containsExactlyInAnyOrderElementsOf(ids(0, 80));
    }

    @Test
    void anotherVersionNamingABatchsFilesOtherwiseUploadsNoFileItsManifestDoesNotList() {
        feed(testbed.archiver(0, 50), 0, 50);
        // As if that writer died before recording how far it got: the next one renders the batch again.
        testbed.store().delete(testbed.layout().headKey(ArchiveTestbed.TOPIC, 0));
        final Map<String, String> before = logFileHashes();
        final ExecutorService uploads = Executors.newSingleThreadExecutor();
        try {
            // Files named otherwise (another service segment), as another version of the connector might name them,
            // under the same manifest key.
            final LogFileLayout otherNaming = new LogFileLayout("audit/", "CloudTrail-Next");
            final PartitionArchiver other = new PartitionArchiver(ArchiveTestbed.TOPIC, 0,
                new PartitionArchiver.Rotation(50, 1 << 30, 60_000, 5_000), new BatchCommitter(testbed.store(),
                otherNaming, new LogFileRenderer(otherNaming, "Records", 1), uploads));
            feed(other, 0, 50);
        } finally {
            uploads.shutdownNow();
        }

        final BatchManifest manifest = BatchManifest.parse(testbed.store()
            .get(testbed.keys("_trailwatch/batches/").get(0)).orElseThrow().body());
        assertThat(logFileHashes()).as("no file replaced, none added").isEqualTo(before);
        assertThat(before.keySet()).containsExactlyInAnyOrderElementsOf(manifest.files().stream()
            .map(BatchManifest.FileEntry::key).toList());
    }

    private Map<String, String> logFileHashes() {
        final Map<String, String> hashes = new TreeMap<>();
        testbed.keys("/CloudTrail").forEach(key -> hashes.put(key,
            Compression.sha256Hex(testbed.store().get(key).orElseThrow().body())));
        return hashes;
    }

    @Test
    void aZombieAndItsSuccessorWritingTheSamePartitionAtOnceAgree() {
        final PartitionArchiver zombie = testbed.archiver(1, 7);
        final PartitionArchiver successor = testbed.archiver(1, 11);
        for (long chunk = 0; chunk < 300; chunk += 25) {
            feed(zombie, chunk, chunk + 25);
            feed(successor, chunk, chunk + 25);
            if (chunk % 75 == 0) {
                testbed.advance(Duration.ofSeconds(6));
                zombie.flushIfIdle(testbed.now().toEpochMilli());
            }
        }
        zombie.flush();
        successor.flush();

        assertThat(testbed.archivedEventIds()).containsExactlyInAnyOrderElementsOf(ids(0, 300));
        assertThat(testbed.store().conditionalConflicts()).as("the two writers met").isPositive();
    }

    @Test
    void aRecordSentToTheDeadLetterQueueIsAccountedForButInNoFile() {
        final PartitionArchiver archiver = testbed.archiver(2, 10);
        for (long offset = 0; offset < 10; offset++) {
            archiver.append(offset, offset == 4 ? null : ArchiveTestbed.sample(offset), 1_000, 0);
        }
        archiver.flush();

        assertThat(testbed.archivedEventIds()).hasSize(9).doesNotContain("evt-4");
        assertThat(archiver.committableOffset()).isEqualTo(10);
    }

    @Test
    void aQuietPartitionIsUploadedOnceIdleAndNotBefore() {
        final PartitionArchiver archiver = testbed.archiver(4, 1000);
        feed(archiver, 0, 3);
        final long start = testbed.now().toEpochMilli();

        assertThat(archiver.flushIfIdle(start + 4_000)).isEqualTo(1_000);
        assertThat(testbed.archivedEventIds()).isEmpty();
        assertThat(archiver.flushIfIdle(start + 5_000)).isEqualTo(-1);
        assertThat(testbed.archivedEventIds()).containsExactlyInAnyOrderElementsOf(ids(0, 3));
    }

    @Test
    void recordTimeRotationCutsWhereAReplayCutsToo() {
        final PartitionArchiver archiver = testbed.archiver(5, 1000);
        for (long offset = 0; offset < 10; offset++) {
            // 20 s of record time between records: the 60 s interval cuts before offsets 3, 6 and 9.
            archiver.append(offset, ArchiveTestbed.sample(offset), offset * 20_000, 0);
        }
        assertThat(testbed.keys("_trailwatch/batches/")).containsExactly(
            testbed.layout().manifestKey(ArchiveTestbed.TOPIC, 5, 0),
            testbed.layout().manifestKey(ArchiveTestbed.TOPIC, 5, 3),
            testbed.layout().manifestKey(ArchiveTestbed.TOPIC, 5, 6));
        assertThat(archiver.committableOffset()).isEqualTo(9);
    }

    @Test
    void whatAPartitionUploadedIsSkippedOnTheNextAssignment() {
        final PartitionArchiver first = testbed.archiver(0, 10);
        feed(first, 0, 30);
        final PartitionArchiver next = testbed.archiver(0, 10);
        assertThat(next.isNew(5)).isFalse();
        assertThat(next.isNew(29)).isFalse();
        assertThat(next.isNew(30)).isTrue();
    }

    /** Fails the first write whose key the predicate picks, as a network error would. */
    private static final class FailingStore implements ObjectStore {
        private final ObjectStore delegate;
        private final java.util.function.Predicate<String> failOn;

        FailingStore(final ObjectStore delegate, final java.util.function.Predicate<String> failOn) {
            this.delegate = delegate;
            this.failOn = failOn;
        }

        @Override
        public String bucket() {
            return delegate.bucket();
        }

        @Override
        public boolean putIfAbsent(final String key, final byte[] body, final Map<String, String> metadata) {
            if (failOn.test(key)) {
                throw new IllegalStateException("connection reset");
            }
            return delegate.putIfAbsent(key, body, metadata);
        }

        @Override
        public void put(final String key, final byte[] body, final Map<String, String> metadata) {
            delegate.put(key, body, metadata);
        }

        @Override
        public Optional<StoredObject> get(final String key) {
            return delegate.get(key);
        }

        @Override
        public List<ObjectSummary> list(final String prefix, final String startAfter, final int maxKeys) {
            return delegate.list(prefix, startAfter, maxKeys);
        }

        @Override
        public List<String> childPrefixes(final String prefix) {
            return delegate.childPrefixes(prefix);
        }

        @Override
        public void delete(final String key) {
            delegate.delete(key);
        }

        @Override
        public void close() {
        }
    }
}
