package io.trailwatch.sinks.archive;

import io.trailwatch.sinks.archive.digest.DigestFile;
import io.trailwatch.sinks.archive.digest.Digester;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The test bed for tests in other packages (digests, validation): delivers batches and reads digests. */
public final class ArchiveTestAccess implements AutoCloseable {

    private final ArchiveTestbed testbed = new ArchiveTestbed();

    public InMemoryObjectStore store() {
        return testbed.store();
    }

    public LogFileLayout layout() {
        return testbed.layout();
    }

    public Instant now() {
        return testbed.now();
    }

    public void advance(final Duration duration) {
        testbed.advance(duration);
    }

    public Digester digester(final Path keyFile, final Duration interval) {
        return testbed.digester(keyFile, interval);
    }

    /** Archives the sample records of offsets [from, to) of the partition, at the test bed's current time. */
    public void deliver(final int partition, final long from, final long to) {
        final PartitionArchiver archiver = testbed.archiver(partition, 1_000_000);
        for (long offset = from; offset < to; offset++) {
            archiver.append(offset, ArchiveTestbed.sample(offset), 0, 0);
        }
        archiver.flush();
    }

    public List<String> keys(final String containing) {
        return testbed.keys(containing);
    }

    public DigestFile digest(final String key) {
        try {
            return DigestFile.parse(Compression.gunzip(store().get(key).orElseThrow().body()));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        testbed.close();
    }
}
