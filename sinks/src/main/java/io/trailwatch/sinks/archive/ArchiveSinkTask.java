package io.trailwatch.sinks.archive;

import io.trailwatch.schemas.registry.SchemaRegistryException;
import io.trailwatch.schemas.serde.SerdeContext;
import io.trailwatch.sinks.archive.store.ObjectStore;
import io.trailwatch.sinks.archive.store.S3ObjectStore;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Archives its partitions' records to object storage; see {@link BatchCommitter} for why nothing is lost or
 * doubled, and {@link PartitionArchiver} for when batches are uploaded. Consumer offsets are committed only
 * through uploaded batches ({@link #preCommit}).
 */
public final class ArchiveSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveSinkTask.class);
    private static final long RETRY_BACKOFF_MS = 1_000;

    private final Map<TopicPartition, PartitionArchiver> partitions = new HashMap<>();
    private ArchiveSinkConfig config;
    private ObjectStore store;
    private ArchiveFormat format;
    private BatchCommitter committer;
    private ExecutorService uploads;
    private ErrantRecordReporter deadLetters;
    private PartitionArchiver.Rotation rotation;
    private long deadLettered;
    private UploadFailures uploadFailures;

    @Override
    public String version() {
        return ArchiveSinkConnector.VERSION;
    }

    @Override
    public void start(final Map<String, String> props) {
        final ArchiveSinkConfig settings = new ArchiveSinkConfig(props);
        start(settings, S3ObjectStore.open(settings.s3()), ArchiveFormat.of(settings, SerdeContext.fromConfig(props)));
    }

    /** Starts over the given store and format (the tests' seam). */
    void start(final ArchiveSinkConfig settings, final ObjectStore objectStore, final ArchiveFormat recordFormat) {
        config = settings;
        store = objectStore;
        format = recordFormat;
        final LogFileLayout layout = new LogFileLayout(config.prefix(), format.service());
        final AtomicInteger threads = new AtomicInteger();
        uploads = Executors.newFixedThreadPool(config.uploadThreads(), runnable -> {
            final Thread thread = new Thread(runnable, "archive-upload-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        committer = new BatchCommitter(store, layout, new LogFileRenderer(layout, format.recordsField(),
            config.gzipLevel()), uploads);
        rotation = new PartitionArchiver.Rotation(config.flushMaxRecords(), config.flushMaxBytes(),
            config.rotateIntervalMs(), config.flushIdleMs());
        deadLetters = errantRecordReporter();
        uploadFailures = new UploadFailures(pluginMetrics());
    }

    @Override
    public void open(final Collection<TopicPartition> assigned) {
        assigned.forEach(partition -> partitions.computeIfAbsent(partition, this::archiver));
    }

    @Override
    public void close(final Collection<TopicPartition> revoked) {
        // Unuploaded records are dropped: the consumer offset was committed only through uploaded batches, so
        // whoever gets the partition next reads them again.
        revoked.forEach(partitions::remove);
    }

    @Override
    public void put(final Collection<SinkRecord> records) {
        final long now = System.currentTimeMillis();
        try {
            for (final SinkRecord record : records) {
                final TopicPartition partition = new TopicPartition(record.topic(), record.kafkaPartition());
                final PartitionArchiver archiver = partitions.computeIfAbsent(partition, this::archiver);
                if (!archiver.isNew(record.kafkaOffset())) {
                    continue;
                }
                final ArchivedRecord archived = decode(record);
                archiver.append(record.kafkaOffset(), archived, record.timestamp() == null ? now : record.timestamp(),
                    now);
            }
            long nextDue = Long.MAX_VALUE;
            for (final PartitionArchiver archiver : partitions.values()) {
                final long due = archiver.flushIfIdle(System.currentTimeMillis());
                if (due >= 0) {
                    nextDue = Math.min(nextDue, due);
                }
            }
            applyBackpressure();
            if (nextDue != Long.MAX_VALUE) {
                // put() is called again within this time even when no record arrives: the idle flush of a quiet
                // partition depends on it.
                context.timeout(Math.max(1, nextDue));
            }
        } catch (final SdkException e) {
            uploadFailures.record(e);
            context.timeout(RETRY_BACKOFF_MS);
            throw new RetriableException("object storage request failed; retrying: " + e.getMessage(), e);
        } catch (final SchemaRegistryException e) {
            context.timeout(RETRY_BACKOFF_MS);
            throw new RetriableException("schema registry unavailable; retrying: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(final Map<TopicPartition, OffsetAndMetadata> current) {
        final Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>();
        current.keySet().forEach(partition -> {
            final PartitionArchiver archiver = partitions.get(partition);
            if (archiver != null && archiver.committableOffset() >= 0) {
                safe.put(partition, new OffsetAndMetadata(archiver.committableOffset()));
            }
        });
        return safe;
    }

    @Override
    public void stop() {
        partitions.clear();
        if (uploads != null) {
            uploads.shutdownNow();
        }
        if (store != null) {
            store.close();
        }
        if (deadLettered > 0) {
            LOG.info("Archive task stopping; {} records went to the dead-letter queue while it ran", deadLettered);
        }
    }

    private ArchivedRecord decode(final SinkRecord record) {
        try {
            if (record.value() != null && !(record.value() instanceof byte[])) {
                throw new UnarchivableRecordException("value is a " + record.value().getClass().getName()
                    + ", not bytes: set value.converter=org.apache.kafka.connect.converters.ByteArrayConverter");
            }
            return format.decode(record.topic(), (byte[]) record.value());
        } catch (final UnarchivableRecordException e) {
            if (deadLetters == null) {
                throw new DataException("cannot archive " + record.topic() + "-" + record.kafkaPartition() + "@"
                    + record.kafkaOffset() + ": " + e.getMessage() + " (configure errors.tolerance=all and "
                    + "errors.deadletterqueue.topic.name to set such records aside)", e);
            }
            LOG.warn("{}-{}@{} goes to the dead-letter queue: {}", record.topic(), record.kafkaPartition(),
                record.kafkaOffset(), e.getMessage());
            deadLetters.report(record, e);
            deadLettered++;
            return null;
        }
    }

    /** Bounded memory: past the bound, the largest batches are uploaded now, holding up the next poll. */
    private void applyBackpressure() {
        long buffered = partitions.values().stream().mapToLong(PartitionArchiver::bufferedBytes).sum();
        while (buffered > config.bufferMaxBytes()) {
            final PartitionArchiver largest = partitions.values().stream()
                .filter(PartitionArchiver::canFlushNow)
                .max(Comparator.comparingLong(PartitionArchiver::bufferedBytes))
                .orElse(null);
            if (largest == null || largest.bufferedBytes() == 0) {
                return;
            }
            LOG.debug("Buffered {} bytes, over {}: uploading {} early", buffered, config.bufferMaxBytes(),
                largest.name());
            largest.flush();
            buffered = partitions.values().stream().mapToLong(PartitionArchiver::bufferedBytes).sum();
        }
    }

    private PartitionArchiver archiver(final TopicPartition partition) {
        return new PartitionArchiver(partition.topic(), partition.partition(), rotation, committer);
    }

    /** The task's failed object-store requests by reason (the tests' view of them). */
    UploadFailures uploadFailures() {
        return uploadFailures;
    }

    /** The task's own metrics in the worker's (null on a worker older than Kafka 4.1, or without a context). */
    private PluginMetrics pluginMetrics() {
        try {
            return context == null ? null : context.pluginMetrics();
        } catch (final NoSuchMethodError | NoClassDefFoundError olderWorker) {
            return null;
        }
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (final NoSuchMethodError | NoClassDefFoundError olderWorker) {
            return null;
        }
    }
}
