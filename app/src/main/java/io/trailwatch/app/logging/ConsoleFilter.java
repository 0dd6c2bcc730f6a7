package io.trailwatch.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * What reaches the console: Trailwatch's own lines, and a library's only when it is an ERROR. A library's warnings
 * (a topic still being created, a reconnect while a child process starts) are for the log file, not for the person
 * watching the terminal. Two console appenders use it, one for each kind ({@code libraries}), so that a library's
 * line names the library in full ({@code org.apache.kafka.clients.NetworkClient}) where Trailwatch's own name only
 * their class.
 */
public final class ConsoleFilter extends Filter<ILoggingEvent> {

    static final String OWN_LOGGERS = "io.trailwatch.";

    private boolean libraries;

    /** True: this appender prints the libraries' ERRORs only; false (the default): Trailwatch's own lines only. */
    public void setLibraries(final boolean libraries) {
        this.libraries = libraries;
    }

    /**
     * A Kafka client's ERROR for a refused SASL login: Trailwatch says it itself, once and with what to check
     * ({@code ClusterPreflight}, health), where the client would print it again at each of its attempts.
     */
    private static boolean refusedLogin(final ILoggingEvent event) {
        return event.getLoggerName().equals("org.apache.kafka.clients.NetworkClient")
            && event.getFormattedMessage().contains("failed authentication");
    }

    @Override
    public FilterReply decide(final ILoggingEvent event) {
        final boolean own = event.getLoggerName().startsWith(OWN_LOGGERS);
        final boolean shown = libraries ? !own && event.getLevel().isGreaterOrEqual(Level.ERROR)
            && !refusedLogin(event) : own;
        return shown ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
