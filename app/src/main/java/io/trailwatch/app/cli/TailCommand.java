package io.trailwatch.app.cli;

import io.trailwatch.app.AlarmChangeFormat;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.SerdeContext;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trailwatch tail alarms}. */
@Command(name = "tail", mixinStandardHelpOptions = true, description = "Print records as they arrive.",
    subcommands = TailCommand.Alarms.class)
public final class TailCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name what to tail: alarms");
    }

    /** Output formats of tailed records. */
    public enum Output { text, json }

    @Command(name = "alarms", mixinStandardHelpOptions = true,
        description = "Print alarm state changes from trailwatch.alarms as they arrive (Ctrl-C to stop).")
    static final class Alarms implements Callable<Integer> {

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--from-beginning", description = "Start with the oldest state change instead of new ones.")
        boolean fromBeginning;

        @Option(names = "--output", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
        Output output;

        @Option(names = "--max-records", paramLabel = "N", description = "Stop after N state changes.")
        Integer maxRecords;

        @Option(names = "--timeout-seconds", paramLabel = "S",
            description = "Stop after S seconds (exit code 1 if --max-records was not reached).")
        Integer timeoutSeconds;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            final SerdeContext serdes = SerdeContext.forRegistry(connection.schemaRegistryUrl());
            final PrintWriter out = spec.commandLine().getOut();
            final Instant deadline = timeoutSeconds == null ? Instant.MAX : Instant.now().plusSeconds(timeoutSeconds);
            int printed = 0;
            try (KafkaConsumer<String, AlarmStateChange> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers(),
                    ConsumerConfig.CLIENT_ID_CONFIG, "trailwatch-tail",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.ALARMS.keySerde(serdes).deserializer(), Topics.ALARMS.valueSerde(serdes).deserializer())) {
                final List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALARMS.name(), Duration.ofSeconds(30))
                    .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                consumer.assign(partitions);
                if (fromBeginning) {
                    consumer.seekToBeginning(partitions);
                } else {
                    consumer.seekToEnd(partitions);
                }
                while (Instant.now().isBefore(deadline)) {
                    for (final ConsumerRecord<String, AlarmStateChange> record : consumer.poll(Duration.ofMillis(500))) {
                        out.println(output == Output.json ? AlarmChangeFormat.json(record.value())
                            : AlarmChangeFormat.line(record.value()));
                        out.flush();
                        if (maxRecords != null && ++printed >= maxRecords) {
                            return CommandLine.ExitCode.OK;
                        }
                    }
                }
            }
            return maxRecords == null ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
        }
    }
}
