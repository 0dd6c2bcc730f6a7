package io.trailwatch.processors.alarm.topology;

import io.trailwatch.avro.AlarmConfiguration;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.processors.alarm.Evaluation;
import io.trailwatch.processors.alarm.mute.Mute;
import io.trailwatch.processors.alarm.mute.MuteRule;
import io.trailwatch.processors.alarm.topology.AlarmStatus.HeldTransition;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Publishes an alarm's transitions, with their history: marked muted (notifications held back) while a mute rule
 * covers the alarm, and published again when that mute ends with the alarm still in the muted state.
 */
final class AlarmTransitions {

    private final ProcessorContext<String, AlarmStateChange> context;
    private final AlarmHistoryWriter history;
    private final Supplier<Collection<MuteRule>> muteRules;

    AlarmTransitions(final ProcessorContext<String, AlarmStateChange> context, final AlarmHistoryWriter history,
                     final Supplier<Collection<MuteRule>> muteRules) {
        this.context = context;
        this.history = history;
        this.muteRules = muteRules;
    }

    /** Publishes the transition to the evaluation's state; returns the alarm's status after it. */
    AlarmStatus transition(final String name, final AlarmConfiguration configuration, final AlarmStatus status,
                           final Evaluation evaluation, final long now) {
        final Optional<Mute> mute = Mute.of(muteRules.get(), name, Instant.ofEpochMilli(now));
        final List<String> mutedBy = mute.map(Mute::ruleNames).orElse(List.of());
        final AlarmStateChange change = AlarmChanges.transition(name, status.alarmType(), configuration, status,
            evaluation, now, mutedBy);
        context.forward(new Record<>(name, change, now));
        history.stateUpdate(change, status.transitions() + 1);
        final HeldTransition held = mute.map(m -> new HeldTransition(change.getId(), status.transitions() + 1,
            status.state(), status.reason(), status.reasonData(), status.stateTimestampMs(), m.ruleNames(),
            m.until().toEpochMilli())).orElse(null);
        if (held != null) {
            history.muted(change, held);
        }
        return status.transitionedTo(evaluation.state(), evaluation.reason(), evaluation.reasonData(), now, held);
    }

    /**
     * When the mute of a held-back transition has ended and the alarm is still in that state, publishes it again
     * (same id, no mute) so that its notifications go out now, as CloudWatch runs a muted action at the end of the
     * mute window when the alarm "remains in the same state in which it was originally muted". Returns the status
     * with the held transition released or its mute extended, or the same status object when nothing changed.
     */
    AlarmStatus release(final String name, final Supplier<AlarmConfiguration> configuration, final AlarmStatus status,
                        final long now, final boolean redefined) {
        final HeldTransition held = status.held();
        if (held == null || now < held.mutedUntilMs() && !redefined) {
            return status;
        }
        final Optional<Mute> mute = Mute.of(muteRules.get(), name, Instant.ofEpochMilli(now));
        if (mute.isPresent()) {
            return mute.get().until().toEpochMilli() == held.mutedUntilMs() ? status
                : status.withHeld(held.withMutedUntil(mute.get().until().toEpochMilli()));
        }
        final AlarmStateChange release = AlarmChanges.released(name, configuration.get(), status, held, now);
        context.forward(new Record<>(name, release, now));
        history.released(release, held);
        return status.withHeld(null);
    }
}
