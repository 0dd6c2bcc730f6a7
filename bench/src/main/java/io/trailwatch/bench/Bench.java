package io.trailwatch.bench;

import io.trailwatch.bench.archive.ArchiveBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bench/run}: Trailwatch's benchmarks, each printing a table of throughput and latency. */
@Command(name = "bench/run", mixinStandardHelpOptions = true,
    description = "Benchmarks through a real (embedded, single-node) Kafka broker and schema registry.",
    subcommands = {MetricsBench.class, LookupBench.class, FiltersBenchmark.class, ArchiveBench.class,
        AlarmsBenchmark.class, IngestBench.class, KafkaSecurityBench.class, LogsBenchmark.class,
        CommandLine.HelpCommand.class})
public final class Bench implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
