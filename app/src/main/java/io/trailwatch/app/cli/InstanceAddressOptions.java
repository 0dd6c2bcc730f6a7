package io.trailwatch.app.cli;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * Where {@code trailwatch up}'s HTTP API listens and the address the other instances of the deployment reach it at:
 * Kafka Streams advertises the latter ({@code application.server}) as the owner of this instance's partitions, so a
 * query any instance receives is sent on to the instance that holds its data.
 */
public final class InstanceAddressOptions {

    /** A host name, an IPv4 address or a bracketed IPv6 address, then a port. */
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\]):(\\d{1,5})");
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]");

    @Option(names = "--http-address", paramLabel = "HOST:PORT",
        description = "Interface and port of the HTTP API in one (instead of --http-host and --http-port; default: "
            + "127.0.0.1:8080, this machine only).")
    String httpAddress;

    @Option(names = "--advertised-http-address", paramLabel = "HOST:PORT",
        description = "The address the other Trailwatch instances reach this one's HTTP API at, to send it the "
            + "queries of data it holds (default: the HTTP API's own address when it names one interface). Each "
            + "instance of a deployment needs its own.")
    String advertisedHttpAddress;

    /** A host and port. */
    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }

        /** Whether the host is an address that names no single interface (0.0.0.0: all of them). */
        boolean wildcard() {
            return WILDCARDS.contains(host);
        }

        /**
         * Reads {@code HOST:PORT}, the port 1-65535.
         *
         * @throws IllegalArgumentException naming the option and what is wrong, in one line
         */
        static HostPort parse(final String option, final String value) {
            final Matcher matcher = HOST_PORT.matcher(value.trim());
            if (!matcher.matches()) {
                throw new IllegalArgumentException(option + " must be HOST:PORT (a host name or IP address, then a "
                    + "port), not '" + io.trailwatch.schemas.text.Printable.escape(value) + "'");
            }
            final int port = Integer.parseInt(matcher.group(2));
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException(option + "'s port must be 1-65535, not " + port);
            }
            return new HostPort(matcher.group(1), port);
        }
    }

    /** What is wrong with the addresses, in one line, or null. */
    String problem(final boolean hostOrPortNamed) {
        try {
            if (httpAddress != null && hostOrPortNamed) {
                return "--http-address replaces --http-host and --http-port: name one or the other";
            }
            if (httpAddress != null) {
                HostPort.parse("--http-address", httpAddress);
            }
            if (advertisedHttpAddress != null && HostPort.parse("--advertised-http-address", advertisedHttpAddress)
                .wildcard()) {
                return "--advertised-http-address must name an address other instances can reach, not "
                    + advertisedHttpAddress.trim();
            }
            return null;
        } catch (final IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Where the HTTP API listens: --http-address, else --http-host and --http-port. */
    HostPort bind(final String httpHost, final int httpPort) {
        return httpAddress != null ? HostPort.parse("--http-address", httpAddress) : new HostPort(httpHost, httpPort);
    }

    /**
     * The address this instance advertises: --advertised-http-address, else the bound one when it names a single
     * interface and port; null when there is none to advertise (a wildcard interface or an ephemeral port: one
     * instance alone, reached as localhost).
     */
    HostPort advertised(final HostPort bind) {
        if (advertisedHttpAddress != null) {
            return HostPort.parse("--advertised-http-address", advertisedHttpAddress);
        }
        return bind.wildcard() || bind.port() == 0 ? null : bind;
    }
}
