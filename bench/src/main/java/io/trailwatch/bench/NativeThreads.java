package io.trailwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU of this process's threads that are not Java threads, by kind, read from {@code /proc/self/task}: the garbage
 * collector's, the JIT compilers', RocksDB's flush and compaction threads. Linux counts in clock ticks (10 ms here),
 * so a kind's figure is exact to a tick per thread. Empty where there is no {@code /proc}.
 */
final class NativeThreads {

    /** Thread names (as Linux keeps them, at most 15 characters) of the threads counted, by the kind reported. */
    private static final List<Map.Entry<String, String>> KINDS = List.of(
        Map.entry("GC Thread", "GC workers"),
        Map.entry("G1 ", "G1 concurrent (marking, refinement, service)"),
        Map.entry("VM Thread", "VM thread (safepoints)"),
        Map.entry("C2 Compiler", "C2 compiler"),
        Map.entry("C1 Compiler", "C1 compiler"),
        Map.entry("rocksdb", "RocksDB background (flush, compaction)"));
    private static final long NANOS_PER_TICK = 10_000_000L;

    static Map<String, Long> cpuByKind() {
        final Map<String, Long> kinds = new HashMap<>();
        final Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return kinds;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            threads.forEach(thread -> {
                try {
                    final String stat = Files.readString(thread.resolve("stat"));
                    // The name is in parentheses and may hold spaces; the fields after it are space-separated.
                    final int open = stat.indexOf('(');
                    final int close = stat.lastIndexOf(')');
                    final String name = stat.substring(open + 1, close);
                    final String kind = kindOf(name);
                    if (kind != null) {
                        final String[] fields = stat.substring(close + 2).split(" ");
                        // utime and stime are the 14th and 15th fields of stat; the 12th and 13th after the name.
                        final long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        kinds.merge(kind, ticks * NANOS_PER_TICK, Long::sum);
                    }
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while being read: its CPU goes to the rest, as ThreadCpu says
                }
            });
        } catch (IOException unreadable) {
            return kinds;
        }
        return kinds;
    }

    private static String kindOf(final String name) {
        for (final Map.Entry<String, String> kind : KINDS) {
            if (name.startsWith(kind.getKey())) {
                return kind.getValue();
            }
        }
        return null;
    }

    private NativeThreads() {
    }
}
