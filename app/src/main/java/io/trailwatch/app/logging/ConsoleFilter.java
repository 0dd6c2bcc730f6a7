package io.trailwatch.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * What reaches the console: Trailwatch's own lines, and a library's only when it is an ERROR. A library's warnings
 * (a topic still being created, a reconnect while a child process starts) are for the log file, not for the person
 * watching the terminal.
 */
public final class ConsoleFilter extends Filter<ILoggingEvent> {

    static final String OWN_LOGGERS = "io.trailwatch.";

    @Override
    public FilterReply decide(final ILoggingEvent event) {
        return event.getLoggerName().startsWith(OWN_LOGGERS) || event.getLevel().isGreaterOrEqual(Level.ERROR)
            ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
