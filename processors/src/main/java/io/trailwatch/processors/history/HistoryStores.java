package io.trailwatch.processors.history;

/**
 * The event history's state stores, partitioned like {@code trailwatch.audit} (by eventID):
 * <ul>
 *   <li>{@value #EVENTS}: eventID to the event (Confluent-wire Avro, as on the audit topic); changelogged.</li>
 *   <li>{@value #INDEX}: the time index, whose entries carry the event's coarse attributes (ReadOnly, AccountId,
 *       AwsRegion), and one entry per value of each other attribute and event (see {@link IndexKeys}, {@link IndexEntries});
 *       derived from the events store, so not changelogged: it is rebuilt from the events store whenever the
 *       two may differ (see {@link IndexGeneration}), which keeps indexing to one changelog write per event.</li>
 *   <li>{@value #GENERATION}: the generation of the events store, which tells whether a local index matches it;
 *       changelogged.</li>
 * </ul>
 */
public final class HistoryStores {

    public static final String EVENTS = "history-events";
    public static final String INDEX = "history-index";
    public static final String GENERATION = "history-generation";

    private HistoryStores() {
    }
}
