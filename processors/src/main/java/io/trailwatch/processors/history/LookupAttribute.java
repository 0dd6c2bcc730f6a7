package io.trailwatch.processors.history;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the event history can be searched by: CloudTrail LookupEvents' eight attribute keys, and four more that
 * people filter by (source IP, error code, account, region).
 *
 * <p>Each attribute's {@code indexId} is the first byte of its index keys in the state stores: it is persisted,
 * so it must never change or be reused.
 */
public enum LookupAttribute {

    EVENT_ID("EventId", 0x10, 0, Indexing.EVENTS_STORE),
    ACCESS_KEY_ID("AccessKeyId", 0x11, 1, Indexing.OWN_ENTRIES),
    RESOURCE_NAME("ResourceName", 0x12, 2, Indexing.OWN_ENTRIES),
    USERNAME("Username", 0x13, 3, Indexing.OWN_ENTRIES),
    SOURCE_IP_ADDRESS("SourceIPAddress", 0x14, 4, Indexing.OWN_ENTRIES),
    ERROR_CODE("ErrorCode", 0x15, 5, Indexing.OWN_ENTRIES),
    EVENT_NAME("EventName", 0x16, 6, Indexing.OWN_ENTRIES),
    ACCOUNT_ID("AccountId", 0x17, 7, Indexing.TIME_ENTRY),
    RESOURCE_TYPE("ResourceType", 0x18, 8, Indexing.OWN_ENTRIES),
    EVENT_SOURCE("EventSource", 0x19, 9, Indexing.OWN_ENTRIES),
    AWS_REGION("AwsRegion", 0x1A, 10, Indexing.TIME_ENTRY),
    READ_ONLY("ReadOnly", 0x1B, 11, Indexing.TIME_ENTRY);

    /**
     * Where a value of the attribute is found. Entries of its own pay off for a value that may pick out few events;
     * an attribute whose values are each shared by a large part of the trail (ReadOnly; the account, as a trail holds
     * one or a few; the region) would cost an index write per event and save a query little, so its values ride in
     * the event's time entry instead and are checked there. EventSource and ResourceType keep entries of their own:
     * they are LookupEvents' own attributes, and a rarely used service or resource type is exactly what one looks up.
     */
    enum Indexing {
        /** Looked up in the events store by key (EventId). */
        EVENTS_STORE,
        /** Index entries of its own, one per value and event. */
        OWN_ENTRIES,
        /** Carried in the value of the event's time entry and checked in place. */
        TIME_ENTRY
    }

    /** LookupEvents' limit on an AttributeValue. */
    public static final int MAX_VALUE_LENGTH = 2000;

    private final String key;
    private final byte indexId;
    private final int typicalSelectivity;
    private final Indexing indexing;

    LookupAttribute(final String key, final int indexId, final int typicalSelectivity, final Indexing indexing) {
        this.key = key;
        this.indexId = (byte) indexId;
        this.typicalSelectivity = typicalSelectivity;
        this.indexing = indexing;
    }

    /** The AttributeKey, as LookupEvents and the AWS CLI spell it. */
    public String key() {
        return key;
    }

    byte indexId() {
        return indexId;
    }

    /**
     * Rank of how few events a value usually matches (0 = fewest): the planner's tie-break when several indexes
     * look equally small. An access key or a resource name picks out few events; ReadOnly splits the trail in two.
     */
    int typicalSelectivity() {
        return typicalSelectivity;
    }

    Indexing indexing() {
        return indexing;
    }

    public static Optional<LookupAttribute> byKey(final String key) {
        return Arrays.stream(values()).filter(attribute -> attribute.key.equals(key)).findFirst();
    }

    /** The attribute keys, for messages that list what is valid. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(LookupAttribute::key).toList();
    }
}
