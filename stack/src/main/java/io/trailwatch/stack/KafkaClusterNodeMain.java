package io.trailwatch.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * One node of a {@link KafkaCluster}, run as a child JVM: a KRaft broker and controller started from the properties
 * file its owner wrote (the data directory already formatted). SIGTERM stops it cleanly (a controlled shutdown, its
 * logs flushed); SIGKILL is a crash, as in production.
 */
public final class KafkaClusterNodeMain {

    private KafkaClusterNodeMain() {
    }

    public static void main(final String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: KafkaClusterNodeMain <server.properties>");
            System.exit(2);
        }
        final Properties props = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            props.load(in);
        }
        final KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "kafka-node-shutdown"));
        server.startup();
        server.awaitShutdown();
    }
}
