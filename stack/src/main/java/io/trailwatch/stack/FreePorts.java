package io.trailwatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks TCP ports on the loopback interface that are free at the time of the call.
 *
 * <p>Another process can take a port between the pick and its use; callers that picked a port
 * themselves retry with a fresh one when binding fails (see {@link EmbeddedKafkaBroker} and
 * {@link ApicurioRegistry}).
 */
public final class FreePorts {

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

    /** {@code count} distinct free ports on 127.0.0.1. */
    public static int[] pick(final int count) {
        // Every socket stays open until all are chosen, so the OS cannot hand the same port out twice.
        final List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
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
}
