package io.trailwatch.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import io.trailwatch.schemas.files.OwnerOnlyFiles;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Everything logged, the libraries' lines included, written to {@code <data-dir>/logs/trailwatch.log}: rolled at
 * 10 MB, five files kept, created under the launcher's owner-only umask. Kafka's clients log at WARN there unless
 * verbose (INFO is a line per connection and rebalance step).
 */
public final class LogFiles {

    public static final String FILE_NAME = "trailwatch.log";
    private static final String APPENDER = "FILE";

    private LogFiles() {
    }

    /** Starts writing the log under {@code dataDir}; returns the file. Without Logback (a test's logging), nothing. */
    public static Path writeTo(final Path dataDir, final boolean verbose) {
        final Path dir = dataDir.resolve("logs");
        final Path file = dir.resolve(FILE_NAME);
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return file;
        }
        // Owner-only whatever the umask (the lines name users, keys and hosts); rolled files follow the directory's.
        OwnerOnlyFiles.directory(dir);
        OwnerOnlyFiles.file(file);
        final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(APPENDER) != null) {
            return file;
        }
        final PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger - %msg%n");
        encoder.start();
        final RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setFile(file.toString());
        final FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(dir.resolve("trailwatch.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(5);
        rolling.start();
        final SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("10MB"));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
        if (verbose) {
            root.setLevel(Level.INFO);
            context.getLogger("org.apache.kafka").setLevel(Level.INFO);
            context.getLogger("kafka").setLevel(Level.INFO);
        }
        return file;
    }
}
