package io.trailwatch.processors.logs.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.logs.insights.GeneratedLogs.Generated;
import io.trailwatch.processors.logs.store.LocalLogEvents;
import io.trailwatch.processors.logs.store.LogStorageSettings;
import io.trailwatch.processors.logs.store.LogStorageTopology;
import io.trailwatch.processors.logs.store.LogStores;
import io.trailwatch.processors.testing.TopologyHarness;
import io.trailwatch.schemas.Topics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's physical anchor for a scan: Logs Insights' {@code filter ... | stats count(*) by bin(5m)} over the log
 * store against {@code grep -c} over the same messages as a text file, in the same run. Opt-in (it stores millions
 * of events): {@code -Dinsights.bench.events=2000000}.
 */
class InsightsScanBenchmark {

    @TempDir
    Path dir;

    @Test
    void scanRateAgainstGrep() throws IOException, InterruptedException {
        final int count = Integer.getInteger("insights.bench.events", 0);
        Assumptions.assumeTrue(count > 0, "set -Dinsights.bench.events to run");
        final Path text = dir.resolve("messages.txt");
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.start(LogStorageTopology.build(harness.serdes(),
                new LogStorageSettings(Duration.ofDays(36_500), 100_000), "123456789012"));
            final TestInputTopic<String, LogEvent> logs = harness.input(Topics.LOGS);
            long expected = 0;
            try (BufferedWriter out = Files.newBufferedWriter(text, StandardCharsets.UTF_8)) {
                for (int chunk = 0; chunk < count; chunk += 100_000) {
                    final List<Generated> events = GeneratedLogs.events(chunk, Math.min(100_000, count - chunk));
                    for (final Generated generated : events) {
                        final String stream = generated.event().logStreamName();
                        final String message = generated.event().message();
                        logs.pipeInput("/bench/" + stream, new LogEvent("/bench", stream,
                            Instant.ofEpochMilli(generated.event().timestamp()), message),
                            Instant.ofEpochMilli(generated.event().timestamp()));
                        out.write(message);
                        out.write('\n');
                        if (message.contains("ERROR")) {
                            expected++;
                        }
                    }
                }
            }
            final LocalLogEvents local = new LocalLogEvents(harness.driver().getKeyValueStore(LogStores.EVENTS),
                harness.driver().getKeyValueStore(LogStores.STREAMS));
            final InsightsQuery query = InsightsQuery.parse("filter @message like /ERROR/ "
                + "| stats count(*) by bin(5m)");
            final List<InsightsExecutor.GroupRange> range = List.of(new InsightsExecutor.GroupRange("/bench",
                "0:/bench", 0, Long.MAX_VALUE / 2));
            InsightsExecutor.run(query, range, 10_000, local, () -> false); // warm up
            final long started = System.nanoTime();
            final PartialResult result = InsightsExecutor.run(query, range, 10_000, local, () -> false);
            final double insightsSeconds = (System.nanoTime() - started) / 1e9;
            assertThat(result.statistics().recordsMatched()).isEqualTo(expected);
            // the store's part: a query that evaluates nothing per event
            final InsightsQuery countOnly = InsightsQuery.parse("stats count(*)");
            final long countStarted = System.nanoTime();
            InsightsExecutor.run(countOnly, range, 10_000, local, () -> false);
            final double countSeconds = (System.nanoTime() - countStarted) / 1e9;

            // where the time goes, in this thread's CPU: reading the store, then decoding every event as well
            final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            final long readStarted = cpu.getCurrentThreadCpuTime();
            local.scan("/bench", 0, Long.MAX_VALUE / 2, event -> true);
            final double readCpu = (cpu.getCurrentThreadCpuTime() - readStarted) / 1e9;
            final long decodeStarted = cpu.getCurrentThreadCpuTime();
            local.scan("/bench", 0, Long.MAX_VALUE / 2, event -> event.event().message() != null);
            final double decodeCpu = (cpu.getCurrentThreadCpuTime() - decodeStarted) / 1e9 - readCpu;
            final long queryStarted = cpu.getCurrentThreadCpuTime();
            InsightsExecutor.run(query, range, 10_000, local, () -> false);
            final double queryCpu = (cpu.getCurrentThreadCpuTime() - queryStarted) / 1e9;
            System.out.printf("insights-bench cpu: storeRead=%.2fs decodeAll=+%.2fs filterQuery=%.2fs "
                + "(of which evaluation=%.2fs)%n", readCpu, decodeCpu, queryCpu, queryCpu - readCpu);

            final long textBytes = Files.size(text);
            new ProcessBuilder("grep", "-c", "ERROR", text.toString()).start().waitFor(); // page cache warm
            final long grepStarted = System.nanoTime();
            final Process grep = new ProcessBuilder("grep", "-c", "ERROR", text.toString()).start();
            final String grepCount = new String(grep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            grep.waitFor();
            final double grepSeconds = (System.nanoTime() - grepStarted) / 1e9;
            assertThat(Long.parseLong(grepCount)).isEqualTo(expected);
            System.out.printf("insights-bench events=%d rawMB=%.1f scannedMB=%.1f insights=%.2fs (%.1f MB/s, %.0f "
                    + "events/s) countOnly=%.2fs grep=%.3fs (%.1f MB/s) ratio=%.3f%n", count, textBytes / 1e6,
                result.statistics().bytesScanned() / 1e6, insightsSeconds, textBytes / 1e6 / insightsSeconds,
                count / insightsSeconds, countSeconds, grepSeconds, textBytes / 1e6 / grepSeconds,
                grepSeconds / insightsSeconds);
        }
    }
}
