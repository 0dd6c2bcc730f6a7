package io.trailwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports on a busy machine: picked ones are free and outside the range the kernel gives outgoing connections, and a
 * listener Kafka cannot bind is an exception to the caller, not a halted JVM (Kafka's fatal-fault handler halts).
 */
class EmbeddedKafkaBrokerPortsTest {

    @TempDir
    Path dir;

    @Test
    void pickedPortsAreDistinctFreeAndBelowTheEphemeralRange() throws Exception {
        final int[] ports = FreePorts.pick(20);
        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(20);
        assertThat(Arrays.stream(ports).boxed()).allMatch(FreePorts::isFree);
        final Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (Files.isReadable(range)) {
            final int ephemeralStart = Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
            assertThat(Arrays.stream(ports).boxed()).allMatch(port -> port < ephemeralStart);
        }
    }

    @Test
    void aTakenControllerPortIsAnExceptionNotAHaltedJvm() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir)
                .controllerPort(taken.getLocalPort()).ownShutdownHook(false).build();
            // Were Kafka's halt not turned into an exception, this JVM would end here and the test would crash.
            assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("controller port " + taken.getLocalPort());
        }
    }
}
