package io.trailwatch.processors.logs.store;

/**
 * The stores of the kept log events, partitioned like {@code trailwatch.logs} (by group and stream), both
 * changelogged so that a new instance restores them from Kafka:
 * <ul>
 *   <li>{@value #EVENTS}: every valid event, keyed by group, stream, time and record ({@link LogEventKeys}); its
 *       blocks compressed ({@link LogStorageRocksDbConfig});</li>
 *   <li>{@value #STREAMS}: per group and stream, the {@link LogStreamStats} of what is stored.</li>
 * </ul>
 */
public final class LogStores {

    public static final String EVENTS = "log-events";
    public static final String STREAMS = "log-streams";

    private LogStores() {
    }
}
