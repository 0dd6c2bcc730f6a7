package io.trailwatch.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where the stream threads' CPU goes, by phase of their work: every few milliseconds each stream thread's CPU since
 * the previous look is charged to the phase its stack is in then. CPU-weighted, so a thread blocked in a poll or
 * waiting for a transaction's end is charged nothing, unlike a plain count of stack samples. The phases are told
 * apart by the frames on the stack, the first rule that matches winning (a changelog send during a commit is the
 * commit's).
 */
final class StreamThreadPhases implements AutoCloseable {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long INTERVAL_MS = 5;
    private static final String FLUSH = "commit: cache flush (RocksDB writes, changelog sends)";
    private static final String TRANSACTION = "commit: transaction (producer flush, offsets, end)";
    private static final String PRODUCE = "produce: records, changelogs, repartition";
    private static final String POLL = "poll and input decode";
    private static final String OTHER = "other (Streams loop, other processors)";

    /** The phases of alarm evaluation (a burst of transitions). */
    static final Map<String, Predicate<StackTraceElement[]>> ALARM_PHASES = new LinkedHashMap<>();
    /** The phases of indexing the audit trail (the event history, and what else reads the trail). */
    static final Map<String, Predicate<StackTraceElement[]>> HISTORY_PHASES = new LinkedHashMap<>();

    static {
        ALARM_PHASES.put(FLUSH, StreamThreadPhases::commitFlush);
        ALARM_PHASES.put(TRANSACTION, StreamThreadPhases::commit);
        ALARM_PHASES.put("state store value encode/decode", stack -> serde(stack)
            && has(stack, "MeteredKeyValueStore", null));
        ALARM_PHASES.put("alarm input encode/decode (repartition)", StreamThreadPhases::serde);
        ALARM_PHASES.put(PRODUCE, StreamThreadPhases::produce);
        ALARM_PHASES.put("store reads/writes (RocksDB, cache)", stack -> any(stack, f -> f.getClassName().startsWith(
            "org.rocksdb.")) || has(stack, "CachingKeyValueStore", null));
        ALARM_PHASES.put("history items", stack -> has(stack, "AlarmHistoryWriter", null)
            || has(stack, "AlarmHistory", null));
        ALARM_PHASES.put(POLL, StreamThreadPhases::poll);
        ALARM_PHASES.put("routing (statistics to alarms, child states)", stack -> has(stack, "AlarmRouter", null)
            || has(stack, "ChildStateRouter", null));
        ALARM_PHASES.put("evaluation and transition records", stack -> inPackage(stack,
            "io.trailwatch.processors.alarm."));
        ALARM_PHASES.put(OTHER, stack -> true);

        HISTORY_PHASES.put(FLUSH, StreamThreadPhases::commitFlush);
        HISTORY_PHASES.put(TRANSACTION, StreamThreadPhases::commit);
        HISTORY_PHASES.put("history: duplicate check (events store read)", stack -> has(stack, "HistoryIndexer",
            "process") && has(stack, "MeteredKeyValueStore", "get"));
        HISTORY_PHASES.put(PRODUCE, StreamThreadPhases::produce);
        HISTORY_PHASES.put("audit log group: rendering, log store", stack -> inPackage(stack,
            "io.trailwatch.processors.logs."));
        HISTORY_PHASES.put("history: events store and index writes", stack -> has(stack, "HistoryIndexer", null));
        HISTORY_PHASES.put("metric filters and rules", stack -> inPackage(stack, "io.trailwatch.processors.filter.")
            || inPackage(stack, "io.trailwatch.processors.rules."));
        HISTORY_PHASES.put(POLL, StreamThreadPhases::poll);
        HISTORY_PHASES.put(OTHER, stack -> true);
    }

    private final Map<String, Predicate<StackTraceElement[]>> phases;
    private final Map<String, Long> charged = new HashMap<>();
    private final Map<Long, Long> lastCpu = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    /**
     * Starts looking at the threads whose names contain {@code processorsId} and "StreamThread-", charging their CPU
     * to {@code phases} (the first rule that matches a stack; the last must match every stack).
     */
    StreamThreadPhases(final String processorsId, final Map<String, Predicate<StackTraceElement[]>> phases) {
        this.phases = phases;
        final long[] ids = Arrays.stream(THREADS.getThreadInfo(THREADS.getAllThreadIds()))
            .filter(info -> info != null && info.getThreadName().contains(processorsId)
                && info.getThreadName().matches(".*StreamThread-\\d+$"))
            .mapToLong(ThreadInfo::getThreadId).toArray();
        for (final long id : ids) {
            lastCpu.put(id, THREADS.getThreadCpuTime(id));
        }
        sampler = new Thread(() -> sample(ids), "bench-stream-thread-phases");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample(final long[] ids) {
        while (running) {
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (final InterruptedException e) {
                return;
            }
            final ThreadInfo[] infos = THREADS.getThreadInfo(ids, Integer.MAX_VALUE);
            synchronized (charged) {
                for (int i = 0; i < ids.length; i++) {
                    final long cpu = THREADS.getThreadCpuTime(ids[i]);
                    if (infos[i] == null || cpu < 0) {
                        continue;
                    }
                    final long used = cpu - lastCpu.put(ids[i], cpu);
                    charged.merge(phase(infos[i].getStackTrace()), used, Long::sum);
                }
            }
        }
    }

    private String phase(final StackTraceElement[] stack) {
        for (final Map.Entry<String, Predicate<StackTraceElement[]>> rule : phases.entrySet()) {
            if (rule.getValue().test(stack)) {
                return rule.getKey();
            }
        }
        throw new IllegalStateException("the last rule matches every stack");
    }

    /** Prints CPU per phase: milliseconds, share, and microseconds per unit of work (a transition, an event). */
    void print(final PrintWriter out, final long units, final String unit) {
        final Map<String, Long> copy;
        synchronized (charged) {
            copy = new HashMap<>(charged);
        }
        final long total = copy.values().stream().mapToLong(Long::longValue).sum();
        final Table table = new Table("phase", "stream-thread CPU ms", "share", "µs per " + unit);
        for (final String phase : phases.keySet()) {
            final long nanos = copy.getOrDefault(phase, 0L);
            table.row(phase, nanos / 1_000_000, String.format("%.1f%%", 100.0 * nanos / Math.max(1, total)),
                String.format("%.1f", nanos / 1000.0 / Math.max(1, units)));
        }
        table.row("all", total / 1_000_000, "100%", String.format("%.1f", total / 1000.0 / Math.max(1, units)))
            .print(out);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
    }

    private static boolean commitFlush(final StackTraceElement[] stack) {
        return has(stack, "TaskManager", "commit")
            && (has(stack, "ThreadCache", "flush") || has(stack, "CachingKeyValueStore", "flush"));
    }

    private static boolean commit(final StackTraceElement[] stack) {
        return has(stack, "TaskManager", "commit") || has(stack, "StreamThread", "maybeCommit");
    }

    private static boolean produce(final StackTraceElement[] stack) {
        return has(stack, "RecordCollectorImpl", "send");
    }

    private static boolean poll(final StackTraceElement[] stack) {
        return has(stack, "StreamThread", "pollPhase") || has(stack, "RecordDeserializer", null);
    }

    private static boolean inPackage(final StackTraceElement[] stack, final String packagePrefix) {
        return any(stack, frame -> frame.getClassName().startsWith(packagePrefix));
    }

    /** A frame of a class whose simple name is {@code simpleClass} (and method {@code method}, unless null). */
    private static boolean has(final StackTraceElement[] stack, final String simpleClass, final String method) {
        return any(stack, frame -> simpleName(frame.getClassName()).equals(simpleClass)
            && (method == null || frame.getMethodName().equals(method)));
    }

    /** A frame of a state or input serde of the alarms: JSON (before) or binary. */
    private static boolean serde(final StackTraceElement[] stack) {
        return any(stack, frame -> frame.getClassName().startsWith("io.trailwatch.processors.alarm.topology.")
            && (simpleName(frame.getClassName()).contains("Serde") || simpleName(frame.getClassName()).endsWith(
                "Format")));
    }

    private static boolean any(final StackTraceElement[] stack, final Predicate<StackTraceElement> test) {
        for (final StackTraceElement frame : stack) {
            if (test.test(frame)) {
                return true;
            }
        }
        return false;
    }

    private static String simpleName(final String className) {
        final String simple = className.substring(className.lastIndexOf('.') + 1);
        final int lambda = simple.indexOf('$');
        return lambda < 0 ? simple : simple.substring(0, lambda);
    }
}
