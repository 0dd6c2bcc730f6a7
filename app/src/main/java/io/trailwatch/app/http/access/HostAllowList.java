package io.trailwatch.app.http.access;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The host names the API answers to: loopback names, the interface it listens on and the names an operator adds.
 * A page on another site that rebinds its own DNS name to this machine (DNS rebinding) sends its own name as
 * {@code Host} and is refused before anything runs.
 */
public final class HostAllowList {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");
    private static final Set<String> WILDCARDS = Set.of("", "0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");

    private final Set<String> names;

    /**
     * @param bindHost the interface the API listens on (allowed when it is not a wildcard)
     * @param extra    further names clients use to reach the API (a load balancer's, a DNS name)
     */
    public HostAllowList(final String bindHost, final Set<String> extra) {
        final Set<String> all = new HashSet<>(LOOPBACK);
        if (bindHost != null && !WILDCARDS.contains(bindHost)) {
            all.add(normalize(bindHost));
        }
        extra.forEach(name -> all.add(normalize(name)));
        this.names = Set.copyOf(all);
    }

    /** Whether a Host header (name, optionally with a port) names this API. */
    public boolean allows(final String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        return names.contains(normalize(withoutPort(hostHeader.trim())));
    }

    private static String withoutPort(final String host) {
        if (host.startsWith("[")) {
            final int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        final int colon = host.indexOf(':');
        return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
    }

    private static String normalize(final String host) {
        final String lower = host.toLowerCase(Locale.ROOT);
        final String name = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }
}
