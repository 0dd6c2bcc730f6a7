package io.trailwatch.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks TCP ports on the loopback interface that are free at the time of the call.
 *
 * <p>Another process can take a port between the pick and its use; callers that picked a port
 * themselves retry with a fresh one when binding fails (see {@link EmbeddedKafkaBroker} and
 * {@link ApicurioRegistry}).
 */
public final class FreePorts {

    /** Below this are well-known and commonly configured service ports. */
    private static final int LOWEST_PORT = 20_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /**
     * A port is free from its pick until whoever picked it binds it, which can be a minute later (a child process
     * starting its registry after its broker): the picks of every process of this user stay reserved that long, so
     * no other pick on the machine hands the same port out meanwhile.
     */
    private static final PortReservations RECENT_PICKS = new PortReservations(Path.of(
        System.getProperty("java.io.tmpdir"), "trailwatch-ports-" + System.getProperty("user.name")),
        Duration.ofMinutes(5));

    private FreePorts() {
    }

    /** One free port on 127.0.0.1. */
    public static int pick() {
        return pick(1)[0];
    }

    /** Whether nothing listens on the port on 127.0.0.1 right now. */
    public static boolean isFree(final int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    /**
     * {@code count} distinct free ports on 127.0.0.1, chosen at random below the kernel's ephemeral range.
     *
     * <p>Not from the ephemeral range (what binding port 0 gives): every outgoing connection of every process takes
     * its local port there, so on a busy machine a port picked there is soon the local end of some client's
     * connection, and the server that meant to listen on it fails with "Address already in use".
     */
    public static int[] pick(final int count) {
        // Every socket stays open until all are chosen, so the same port is never handed out twice.
        final List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            final int[] range = listeningRange();
            final ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int tries = 0; sockets.size() < count && tries < count * 50 && range[1] > range[0]; tries++) {
                final int candidate = random.nextInt(range[0], range[1]);
                if (RECENT_PICKS.reserve(candidate)) {
                    bindQuietly(candidate).ifPresent(sockets::add);
                }
            }
            while (sockets.size() < count) {
                final ServerSocket socket = new ServerSocket();
                sockets.add(socket);
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        } finally {
            for (final ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (final IOException ignored) {
                    // A socket that will not close still releases its port when this process ends.
                }
            }
        }
    }

    private static Optional<ServerSocket> bindQuietly(final int port) throws IOException {
        final ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return Optional.of(socket);
        } catch (final IOException taken) {
            socket.close();
            return Optional.empty();
        }
    }

    /** From {@link #LOWEST_PORT} up to the ephemeral range's start (Linux), or nothing where that is unknown. */
    private static int[] listeningRange() {
        try {
            // Read line by line: Files.readString trusts the size /proc reports and returns one character.
            final String[] ephemeral;
            try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
                ephemeral = reader.readLine().trim().split("\\s+");
            }
            return new int[] {LOWEST_PORT, Integer.parseInt(ephemeral[0])};
        } catch (final IOException | RuntimeException unknown) {
            return new int[] {0, 0};
        }
    }
}
