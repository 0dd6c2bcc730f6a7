package io.trailwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code trailwatch up}'s HTTP address and the address it advertises to the other instances. */
class InstanceAddressOptionsTest {

    private static UpCommand parse(final String... args) {
        final UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs(args);
        return up;
    }

    /** Runs {@code trailwatch up}, which must stop at its arguments: the exit code and what it printed on stderr. */
    private static String[] refused(final String... args) {
        final StringWriter err = new StringWriter();
        final CommandLine line = new CommandLine(new UpCommand());
        line.setErr(new PrintWriter(err));
        final int code = line.execute(args);
        return new String[] {String.valueOf(code), err.toString()};
    }

    @Test
    void theAdvertisedAddressIsTheNamedOneElseTheBoundInterface() {
        final UpCommand named = parse("--http-address", "0.0.0.0:8443", "--advertised-http-address", "tw-1.internal:8443");
        final InstanceAddressOptions.HostPort bind = named.addresses.bind(named.httpHost, named.httpPort);
        assertThat(bind).isEqualTo(new InstanceAddressOptions.HostPort("0.0.0.0", 8443));
        assertThat(named.addresses.advertised(bind)).hasToString("tw-1.internal:8443");

        final UpCommand bound = parse("--http-address", "127.0.0.2:8080");
        assertThat(bound.addresses.advertised(bound.addresses.bind(bound.httpHost, bound.httpPort)))
            .hasToString("127.0.0.2:8080");
        final UpCommand defaults = parse();
        assertThat(defaults.addresses.advertised(defaults.addresses.bind(defaults.httpHost, defaults.httpPort)))
            .as("as before: this machine's loopback").hasToString("127.0.0.1:8080");
        final UpCommand everywhere = parse("--http-host", "0.0.0.0");
        assertThat(everywhere.addresses.advertised(everywhere.addresses.bind(everywhere.httpHost, everywhere.httpPort)))
            .as("no single interface to advertise").isNull();
        assertThat(parse("--advertised-http-address", "[fd00::1]:8080").addresses.problem(false)).isNull();
    }

    @Test
    void aBadAddressStopsStartUpWithOneLineNamingTheOption() {
        for (final String[] bad : new String[][] {
            {"--advertised-http-address", "tw-1.internal", "--advertised-http-address must be HOST:PORT"},
            {"--advertised-http-address", "tw-1:70000", "--advertised-http-address's port must be 1-65535, not 70000"},
            {"--advertised-http-address", "tw-1:0", "--advertised-http-address's port must be 1-65535, not 0"},
            {"--advertised-http-address", "0.0.0.0:8080", "an address other instances can reach"},
            {"--advertised-http-address", "http://tw-1:8080", "must be HOST:PORT"},
            {"--http-address", "127.0.0.2:", "--http-address must be HOST:PORT"},
            {"--http-address", "bad host:80\u001b[2J", "must be HOST:PORT"},
        }) {
            final String[] result = refused(bad[0], bad[1]);
            assertThat(result[0]).as(bad[1]).isEqualTo("2");
            assertThat(result[1]).as(bad[1]).startsWith("trailwatch up: ").contains(bad[2]).doesNotContain("\u001b")
                .hasLineCount(1);
        }
        final String[] both = refused("--http-address", "127.0.0.2:8080", "--http-port", "8081");
        assertThat(both[0]).isEqualTo("2");
        assertThat(both[1]).contains("--http-address replaces --http-host and --http-port").hasLineCount(1);
    }
}
