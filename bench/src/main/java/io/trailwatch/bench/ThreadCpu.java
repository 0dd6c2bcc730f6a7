package io.trailwatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a process's CPU went between two moments, by kind of thread: the HTTP server's, the processors' (stream
 * threads and their Kafka clients), the self-audit producer's network thread, the other Java threads (mostly the
 * broker's), and what no Java thread accounts for (GC, the JIT, RocksDB's flush and compaction threads). A thread
 * that ends between the two moments loses its CPU to the last group.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The client id of SelfAudit's producer, which its network thread's name ends with. */
    private static final String SELF_AUDIT_CLIENT = "trailwatch-self-audit";

    enum Group { HTTP, PROCESSORS, SELF_AUDIT, OTHER_JAVA }

    /**
     * CPU of every live Java thread, and of the process, at one moment; and of the threads no Java thread stands
     * for (the JVM's collectors and compilers, RocksDB's background threads), by kind, as Linux counts them.
     */
    record Snapshot(long processNanos, Map<Long, Long> cpu, Map<Long, String> names, Map<String, Long> nativeKinds) {
    }

    static Snapshot take() {
        final long[] ids = THREADS.getAllThreadIds();
        final Map<Long, Long> cpu = new HashMap<>();
        final Map<Long, String> names = new HashMap<>();
        final ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            final long nanos = THREADS.getThreadCpuTime(ids[i]);
            if (nanos >= 0 && infos[i] != null) {
                cpu.put(ids[i], nanos);
                names.put(ids[i], infos[i].getThreadName());
            }
        }
        return new Snapshot(LookupBench.processCpuNanos(), cpu, names, NativeThreads.cpuByKind());
    }

    /**
     * @param processNanos CPU of the whole process
     * @param groups       CPU of the threads alive at the end, by group
     * @param otherNanos   the rest, after the groups and {@code apartNanos} (threads counted by the caller)
     */
    record Split(long processNanos, Map<Group, Long> groups, long otherNanos) {

        long group(final Group group) {
            return groups.getOrDefault(group, 0L);
        }
    }

    /**
     * @param processorsId the processors' application id, which their threads' names contain
     * @param apartNanos   CPU of threads the caller measured itself and that ended before {@code after}
     */
    static Split between(final Snapshot before, final Snapshot after, final String processorsId,
                         final long apartNanos) {
        final Map<Group, Long> groups = new EnumMap<>(Group.class);
        long sum = 0;
        for (final Map.Entry<Long, Long> thread : after.cpu().entrySet()) {
            final long used = thread.getValue() - before.cpu().getOrDefault(thread.getKey(), 0L);
            final Group group = classify(after.names().get(thread.getKey()), processorsId);
            groups.merge(group, used, Long::sum);
            sum += used;
        }
        final long process = after.processNanos() - before.processNanos();
        return new Split(process, groups, process - apartNanos - sum);
    }

    /** {@link #topKinds} as a table, with each kind's CPU per unit of work (a transition, an event). */
    static Table kindsTable(final Snapshot before, final Snapshot after, final int limit, final long units,
                            final String unit) {
        final Table kinds = new Table("thread kind", "CPU ms", "µs per " + unit);
        topKinds(before, after, limit).forEach((kind, nanos) -> kinds.row(kind, nanos / 1_000_000,
            String.format("%.1f", nanos / 1000.0 / Math.max(1, units))));
        return kinds;
    }

    /**
     * The {@code limit} thread kinds that used the most CPU between the two snapshots, most first: a thread's kind is
     * its name with its numbers as {@code #}, so that a pool's threads add up. Not-Java CPU (GC, JIT, RocksDB's
     * own threads) is the process's CPU minus every Java thread's.
     */
    static Map<String, Long> topKinds(final Snapshot before, final Snapshot after, final int limit) {
        final Map<String, Long> kinds = new java.util.HashMap<>();
        long sum = 0;
        for (final Map.Entry<Long, Long> thread : after.cpu().entrySet()) {
            final long used = thread.getValue() - before.cpu().getOrDefault(thread.getKey(), 0L);
            kinds.merge(after.names().get(thread.getKey()).replaceAll("[0-9]+", "#"), used, Long::sum);
            sum += used;
        }
        long nativeSum = 0;
        for (final Map.Entry<String, Long> kind : after.nativeKinds().entrySet()) {
            final long used = kind.getValue() - before.nativeKinds().getOrDefault(kind.getKey(), 0L);
            kinds.put("(native) " + kind.getKey(), used);
            nativeSum += used;
        }
        kinds.put("(other not Java threads, or ended)", after.processNanos() - before.processNanos() - sum - nativeSum);
        final Map<String, Long> top = new java.util.LinkedHashMap<>();
        kinds.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
            .forEach(kind -> top.put(kind.getKey(), kind.getValue()));
        return top;
    }

    private static Group classify(final String name, final String processorsId) {
        if (name.startsWith("JettyServerThreadPool") || name.startsWith("qtp")) {
            return Group.HTTP;
        }
        if (name.contains(processorsId)) {
            return Group.PROCESSORS;
        }
        if (name.contains(SELF_AUDIT_CLIENT)) {
            return Group.SELF_AUDIT;
        }
        return Group.OTHER_JAVA;
    }

    private ThreadCpu() {
    }
}
