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

    EVENT_ID("EventId", 0x10, 0),
    ACCESS_KEY_ID("AccessKeyId", 0x11, 1),
    RESOURCE_NAME("ResourceName", 0x12, 2),
    USERNAME("Username", 0x13, 3),
    SOURCE_IP_ADDRESS("SourceIPAddress", 0x14, 4),
    ERROR_CODE("ErrorCode", 0x15, 5),
    EVENT_NAME("EventName", 0x16, 6),
    ACCOUNT_ID("AccountId", 0x17, 7),
    RESOURCE_TYPE("ResourceType", 0x18, 8),
    EVENT_SOURCE("EventSource", 0x19, 9),
    AWS_REGION("AwsRegion", 0x1A, 10),
    READ_ONLY("ReadOnly", 0x1B, 11);

    /** LookupEvents' limit on an AttributeValue. */
    public static final int MAX_VALUE_LENGTH = 2000;

    private final String key;
    private final byte indexId;
    private final int typicalSelectivity;

    LookupAttribute(final String key, final int indexId, final int typicalSelectivity) {
        this.key = key;
        this.indexId = (byte) indexId;
        this.typicalSelectivity = typicalSelectivity;
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

    /** Whether the attribute has index entries of its own; EventId is looked up in the event store instead. */
    boolean indexed() {
        return this != EVENT_ID;
    }

    public static Optional<LookupAttribute> byKey(final String key) {
        return Arrays.stream(values()).filter(attribute -> attribute.key.equals(key)).findFirst();
    }

    /** The attribute keys, for messages that list what is valid. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(LookupAttribute::key).toList();
    }
}
