package io.trailwatch.processors.logs.store;

import io.trailwatch.processors.filter.pattern.FilterPattern;

/** Which messages FilterLogEvents returns of those it scans. */
@FunctionalInterface
public interface MessageTest {

    boolean passes(String message);

    /**
     * False only when no message whose UTF-8 text is {@code utf8[from, to)} passes: asked of the stored bytes first,
     * so that a scan decodes only the messages that may pass.
     */
    default boolean mayPass(final byte[] utf8, final int from, final int to) {
        return true;
    }

    /** The messages a filter pattern matches. */
    static MessageTest of(final FilterPattern pattern) {
        return new MessageTest() {
            @Override
            public boolean passes(final String message) {
                return pattern.match(message).isPresent();
            }

            @Override
            public boolean mayPass(final byte[] utf8, final int from, final int to) {
                return pattern.mayMatch(utf8, from, to);
            }
        };
    }
}
