package io.trailwatch.sinks.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The record of one batch, written (once, conditionally) before its log files: which offsets it covers and which
 * files hold them. The first writer of a batch's manifest decides where the batch ends; every other writer of the
 * same partition (a restarted task, a zombie) adopts that cut, which is what keeps the archive free of gaps and
 * copies. The digester reads manifests to learn which files were delivered when.
 */
public record BatchManifest(String topic, int partition, long startOffset, long endOffset, List<FileEntry> files) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A log file of the batch. */
    public record FileEntry(String key, String sha256, int records, Instant oldestEventTime, Instant newestEventTime,
                            String account, String region) { }

    public BatchManifest {
        files = List.copyOf(files);
    }

    static BatchManifest of(final String topic, final int partition, final PartitionBatch batch,
                            final List<RenderedFile> rendered) {
        final List<FileEntry> files = new ArrayList<>(rendered.size());
        rendered.forEach(file -> files.add(new FileEntry(file.key(), file.sha256(), file.records(), file.oldest(),
            file.newest(), file.account(), file.region())));
        return new BatchManifest(topic, partition, batch.startOffset(), batch.endOffset(), files);
    }

    public byte[] toJson() {
        final ObjectNode node = JSON.createObjectNode();
        node.put("topic", topic);
        node.put("partition", partition);
        node.put("startOffset", startOffset);
        node.put("endOffset", endOffset);
        final ArrayNode array = node.putArray("files");
        for (final FileEntry file : files) {
            final ObjectNode entry = array.addObject();
            entry.put("key", file.key());
            entry.put("sha256", file.sha256());
            entry.put("records", file.records());
            entry.put("oldestEventTime", file.oldestEventTime().toString());
            entry.put("newestEventTime", file.newestEventTime().toString());
            entry.put("account", file.account());
            entry.put("region", file.region());
        }
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static BatchManifest parse(final byte[] json) {
        try {
            final JsonNode node = JSON.readTree(new String(json, StandardCharsets.UTF_8));
            final List<FileEntry> files = new ArrayList<>();
            for (final JsonNode entry : node.path("files")) {
                files.add(new FileEntry(entry.path("key").asText(), entry.path("sha256").asText(),
                    entry.path("records").asInt(), Instant.parse(entry.path("oldestEventTime").asText()),
                    Instant.parse(entry.path("newestEventTime").asText()), entry.path("account").asText(),
                    entry.path("region").asText()));
            }
            return new BatchManifest(node.path("topic").asText(), node.path("partition").asInt(),
                node.path("startOffset").asLong(), node.path("endOffset").asLong(), files);
        } catch (final IOException e) {
            throw new UncheckedIOException("batch manifest is not JSON", e);
        }
    }
}
