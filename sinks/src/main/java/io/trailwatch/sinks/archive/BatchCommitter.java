package io.trailwatch.sinks.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.sinks.archive.store.ObjectStore;
import io.trailwatch.sinks.archive.store.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads batches exactly once, whoever else writes the same partition:
 * <ol>
 * <li>the batch's manifest is created with {@code If-None-Match: *} under a key made of topic, partition and first
 *     offset. If another writer (a previous incarnation of the task, or a zombie still running) created it first,
 *     its end offset wins: the caller cuts or grows its batch to match and commits again;</li>
 * <li>the log files are created with {@code If-None-Match: *}: the same range renders to the same keys and bytes,
 *     so an existing file is the same file;</li>
 * <li>the partition's head records that everything through the end offset is uploaded; only then may the task
 *     let Connect commit the consumer offset past it.</li>
 * </ol>
 */
final class BatchCommitter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchCommitter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What became of a commit attempt. */
    sealed interface Outcome permits Committed, SplitAt, ExtendTo { }

    /** Uploaded; offsets through {@code endOffset} are archived. */
    record Committed(long endOffset, int files) implements Outcome { }

    /** Another writer cut this range earlier, at {@code endOffset}: split there and commit the first part. */
    record SplitAt(long endOffset) implements Outcome { }

    /** Another writer cut this range later, at {@code endOffset}: keep adding records through it, then commit. */
    record ExtendTo(long endOffset) implements Outcome { }

    private final ObjectStore store;
    private final LogFileLayout layout;
    private final LogFileRenderer renderer;
    private final ExecutorService uploads;

    BatchCommitter(final ObjectStore store, final LogFileLayout layout, final LogFileRenderer renderer,
                   final ExecutorService uploads) {
        this.store = store;
        this.layout = layout;
        this.renderer = renderer;
        this.uploads = uploads;
    }

    Outcome commit(final String topic, final int partition, final PartitionBatch batch) {
        final List<RenderedFile> files = renderer.render(topic, partition, batch);
        final BatchManifest manifest = BatchManifest.of(topic, partition, batch, files);
        final String manifestKey = layout.manifestKey(topic, partition, batch.startOffset());
        List<RenderedFile> toUpload = files;
        if (!store.putIfAbsent(manifestKey, manifest.toJson(), Map.of())) {
            final BatchManifest existing = BatchManifest.parse(store.get(manifestKey)
                .orElseThrow(() -> new IllegalStateException("manifest " + manifestKey + " vanished after a "
                    + "conditional write found it"))
                .body());
            if (existing.endOffset() < batch.endOffset()) {
                return new SplitAt(existing.endOffset());
            }
            if (existing.endOffset() > batch.endOffset()) {
                return new ExtendTo(existing.endOffset());
            }
            if (!existing.files().equals(manifest.files())) {
                // The manifest is what the digests will vouch for: only files exactly as it lists them may be
                // uploaded (again: uploads are conditional, so a file already there stays); any other file would
                // be one that no digest lists.
                toUpload = files.stream().filter(file -> existing.files().stream().anyMatch(listed ->
                    listed.key().equals(file.key()) && listed.sha256().equals(file.sha256()))).toList();
                LOG.warn("Batch {}-{}@{} was archived before with different content (another version of the "
                    + "connector?); keeping the files already there, uploading {} of {} rendered alike", topic,
                    partition, batch.startOffset(), toUpload.size(), files.size());
            }
        }
        upload(topic, partition, batch, toUpload);
        store.put(layout.headKey(topic, partition), ("{\"endOffset\":" + batch.endOffset() + "}")
            .getBytes(StandardCharsets.UTF_8), Map.of());
        return new Committed(batch.endOffset(), files.size());
    }

    /**
     * The offset through which the partition's batches are known to be uploaded, or -1: records up to it need not
     * be read again.
     */
    long uploadedThrough(final String topic, final int partition) {
        final Optional<StoredObject> head = store.get(layout.headKey(topic, partition));
        if (head.isEmpty()) {
            return -1;
        }
        try {
            final JsonNode node = JSON.readTree(head.get().body());
            return node.path("endOffset").asLong(-1);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + layout.headKey(topic, partition), e);
        }
    }

    private void upload(final String topic, final int partition, final PartitionBatch batch,
                        final List<RenderedFile> files) {
        final Map<String, String> metadata = Map.of("trailwatch-source",
            topic + "/" + partition + "/" + batch.startOffset() + "-" + batch.endOffset());
        if (files.size() == 1) {
            put(files.get(0), metadata);
            return;
        }
        final List<Future<?>> pending = new ArrayList<>(files.size());
        files.forEach(file -> pending.add(uploads.submit(() -> put(file, metadata))));
        for (final Future<?> upload : pending) {
            try {
                upload.get();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted uploading batch " + topic + "-" + partition, e);
            } catch (final ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("upload failed", e.getCause());
            }
        }
    }

    private void put(final RenderedFile file, final Map<String, String> metadata) {
        final Map<String, String> fileMetadata = new java.util.HashMap<>(metadata);
        fileMetadata.put("trailwatch-sha256", file.sha256());
        store.putIfAbsent(file.key(), file.body(), fileMetadata);
    }
}
