package io.trailwatch.processors.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.processors.testing.TopologyHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeEntryValuesTest {

    private final AuditEvent event = new RandomTrail(7, TopologyHarness.START, 1).event(TopologyHarness.START);
    private final EventAttributes attributes = EventAttributes.of(event);
    private final byte[] value = TimeEntryValues.of(attributes);

    @Test
    void holdsEachValueOfTheAttributesCheckedInPlace() {
        for (final LookupAttribute attribute : LookupAttribute.values()) {
            if (attribute.indexing() == LookupAttribute.Indexing.TIME_ENTRY) {
                for (final String text : attributes.values(attribute)) {
                    assertThat(TimeEntryValues.holdsAll(value, List.of(IndexKeys.prefix(attribute, text))))
                        .as("%s=%s", attribute, text).isTrue();
                }
            }
        }
    }

    @Test
    void holdsNeitherOtherValuesNorTheirPrefixesNorOtherAttributes() {
        final String region = attributes.values(LookupAttribute.AWS_REGION).get(0);
        assertThat(TimeEntryValues.holdsAll(value, List.of(IndexKeys.prefix(LookupAttribute.AWS_REGION,
            region.substring(0, region.length() - 1))))).as("a shorter value").isFalse();
        assertThat(TimeEntryValues.holdsAll(value, List.of(IndexKeys.prefix(LookupAttribute.AWS_REGION,
            region + "x")))).as("a longer value").isFalse();
        assertThat(TimeEntryValues.holdsAll(value, List.of(IndexKeys.prefix(LookupAttribute.EVENT_SOURCE, region))))
            .as("the same text under another attribute").isFalse();
        assertThat(TimeEntryValues.holdsAll(null, List.of())).as("a time entry that is gone").isFalse();
    }

    @Test
    void holdsAllOnlyWhenEveryItemIsThere() {
        final byte[] region = IndexKeys.prefix(LookupAttribute.AWS_REGION,
            attributes.values(LookupAttribute.AWS_REGION).get(0));
        final byte[] absent = IndexKeys.prefix(LookupAttribute.READ_ONLY, "maybe");
        assertThat(TimeEntryValues.holdsAll(value, List.of(region))).isTrue();
        assertThat(TimeEntryValues.holdsAll(value, List.of(region, absent))).isFalse();
    }

    @Test
    void longValuesKeepTheirLengthsApart() {
        final String longName = "r".repeat(300);
        final byte[] items = concat(IndexKeys.prefix(LookupAttribute.RESOURCE_TYPE, longName),
            IndexKeys.prefix(LookupAttribute.READ_ONLY, "true"));
        assertThat(TimeEntryValues.holdsAll(items, List.of(IndexKeys.prefix(LookupAttribute.READ_ONLY, "true"),
            IndexKeys.prefix(LookupAttribute.RESOURCE_TYPE, longName)))).isTrue();
        assertThat(TimeEntryValues.holdsAll(items, List.of(IndexKeys.prefix(LookupAttribute.RESOURCE_TYPE,
            longName.substring(1))))).isFalse();
    }

    private static byte[] concat(final byte[] a, final byte[] b) {
        final byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
