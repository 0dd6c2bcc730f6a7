package io.trailwatch.processors.alarm.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.TestInfrastructure;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What "nothing doubled, nothing lost" means for an alarm fed by {@link StatisticsFeed}: on {@code trailwatch.alarms}
 * (read committed), exactly one transition per period, in order, each starting from the state the previous one
 * ended in (a restart that reset the state would start one from INSUFFICIENT_DATA), with distinct ids.
 */
final class TransitionChains {

    /** StateReasonData's date format: 2026-11-21T10:00:00.000+0000. */
    private static final DateTimeFormatter REASON_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ",
        Locale.ROOT).withZone(ZoneOffset.UTC);

    private TransitionChains() {
    }

    static List<AlarmStateChange> of(final List<ConsumerRecord<String, AlarmStateChange>> records, final String alarm) {
        return records.stream().map(ConsumerRecord::value).filter(change -> change.getAlarmName().equals(alarm))
            .toList();
    }

    /** Waits until every alarm has at least {@code count} transitions; returns all records read. */
    static List<ConsumerRecord<String, AlarmStateChange>> await(final TestInfrastructure infrastructure,
                                                                final List<String> alarms, final int count,
                                                                final Duration timeout) {
        return infrastructure.consumeUntil(Topics.ALARMS,
            read -> alarms.stream().allMatch(alarm -> of(read, alarm).size() >= count), timeout);
    }

    /**
     * For an alarm whose transitions are not tied one to one to periods (a composite): each starts where the
     * previous ended, ids are distinct, and it went to ALARM exactly {@code alarms} times.
     */
    static void assertChained(final List<AlarmStateChange> changes, final int alarms) {
        final Set<String> ids = new HashSet<>();
        AlarmStateValue previous = AlarmStateValue.INSUFFICIENT_DATA;
        for (final AlarmStateChange change : changes) {
            assertThat(ids.add(change.getId())).as("new id %s", change.getId()).isTrue();
            assertThat(change.getPreviousState().getValue()).as("starts where the previous ended").isEqualTo(previous);
            previous = change.getState().getValue();
        }
        assertThat(changes).filteredOn(change -> change.getState().getValue() == AlarmStateValue.ALARM)
            .as("transitions to ALARM").hasSize(alarms);
    }

    static void assertExactlyOnePerPeriod(final List<AlarmStateChange> changes, final StatisticsFeed feed,
                                          final int periods) {
        assertThat(changes).as("one transition per period").hasSize(periods);
        final Set<String> ids = new HashSet<>();
        AlarmStateValue previous = AlarmStateValue.INSUFFICIENT_DATA;
        for (int period = 0; period < periods; period++) {
            final AlarmStateChange change = changes.get(period);
            assertThat(ids.add(change.getId())).as("new id for period %d", period).isTrue();
            assertThat(change.getPreviousState().getValue()).as("starts where period %d left off", period - 1)
                .isEqualTo(previous);
            assertThat(change.getState().getValue()).as("state after period %d", period)
                .isEqualTo(period % 2 == 0 ? AlarmStateValue.ALARM : AlarmStateValue.OK);
            assertThat(change.getState().getReasonData()).as("evaluates period %d", period)
                .contains("\"startDate\":\"" + REASON_DATE.format(feed.periodStart(period)) + "\"");
            previous = change.getState().getValue();
        }
    }
}
