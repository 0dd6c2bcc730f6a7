package io.trailwatch.sinks.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a batch into its log files: one per account, region and event day, each {@code {"Records":[...]}} in offset
 * order, gzipped. The same batch always renders to the same keys and bytes.
 */
final class LogFileRenderer {

    private record Group(String account, String region, String day) { }

    private final LogFileLayout layout;
    private final String recordsField;
    private final int gzipLevel;

    LogFileRenderer(final LogFileLayout layout, final String recordsField, final int gzipLevel) {
        this.layout = layout;
        this.recordsField = recordsField;
        this.gzipLevel = gzipLevel;
    }

    List<RenderedFile> render(final String topic, final int partition, final PartitionBatch batch) {
        final Map<Group, List<ArchivedRecord>> groups = new LinkedHashMap<>();
        for (final PartitionBatch.Entry entry : batch.entries()) {
            final ArchivedRecord record = entry.record();
            if (record != null) {
                groups.computeIfAbsent(new Group(record.account(), record.region(),
                    LogFileLayout.day(record.eventTime())), group -> new ArrayList<>()).add(record);
            }
        }
        final String unique = LogFileLayout.unique(topic, partition, batch.startOffset());
        final List<RenderedFile> files = new ArrayList<>(groups.size());
        groups.forEach((group, records) -> files.add(file(group, records, unique)));
        return files;
    }

    private RenderedFile file(final Group group, final List<ArchivedRecord> records, final String unique) {
        Instant oldest = records.get(0).eventTime();
        Instant newest = oldest;
        int size = recordsField.length() + 8;
        for (final ArchivedRecord record : records) {
            oldest = record.eventTime().isBefore(oldest) ? record.eventTime() : oldest;
            newest = record.eventTime().isAfter(newest) ? record.eventTime() : newest;
            size += record.json().length + 1;
        }
        final ByteArrayOutputStream json = new ByteArrayOutputStream(size);
        json.writeBytes(("{\"" + recordsField + "\":[").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                json.write(',');
            }
            json.writeBytes(records.get(i).json());
        }
        json.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        final byte[] uncompressed = json.toByteArray();
        return new RenderedFile(layout.logFileKey(group.account(), group.region(), oldest, unique),
            Compression.gzip(uncompressed, gzipLevel), Compression.sha256Hex(uncompressed), records.size(), oldest,
            newest, group.account(), group.region());
    }
}
