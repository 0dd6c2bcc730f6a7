package io.trailwatch.processors.filter;

import io.trailwatch.avro.MetricDatum;
import io.trailwatch.processors.common.Counters;
import io.trailwatch.processors.filter.pattern.LogMessage;
import io.trailwatch.processors.filter.pattern.Match;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * Applies the metric filters of one log group to one message, as CloudWatch Logs does: a match emits the datum of
 * the filter's metric transformation; a non-match emits the transformation's defaultValue when it has one, so that
 * a period with events but no match reports that value instead of nothing.
 *
 * <p>Two kinds of events are counted (Kafka Streams task metrics, group {@code stream-trailwatch-metrics}) and
 * skipped for the filter concerned, never failing the stream: a message that looks like JSON but does not parse,
 * met by a JSON pattern ({@code unevaluable-messages}), and a match whose value is not a number or whose dimension
 * field is absent ({@code unusable-matches}).
 */
final class FilterEvaluation {

    private final Sensor unusableMatches;
    private final Sensor unevaluableMessages;

    FilterEvaluation(final ProcessingContext context, final String entity) {
        this.unusableMatches = Counters.sensor(context, entity, "unusable-matches");
        this.unevaluableMessages = Counters.sensor(context, entity, "unevaluable-messages");
    }

    void apply(final List<CompiledMetricFilter> filters, final LogMessage message, final Instant timestamp,
               final Consumer<MetricDatum> emit) {
        for (final CompiledMetricFilter filter : filters) {
            if (filter.readsJson() && message.isMalformedJson()) {
                unevaluableMessages.record();
                continue;
            }
            final Optional<Match> match = filter.pattern().match(message);
            if (match.isEmpty()) {
                if (filter.transformation().defaultValue() != null) {
                    emit.accept(MetricEmitter.defaultDatum(filter.transformation(), timestamp));
                }
                continue;
            }
            final Optional<MetricDatum> datum = MetricEmitter.datum(filter.transformation(), match.get(), timestamp);
            if (datum.isPresent()) {
                emit.accept(datum.get());
            } else {
                unusableMatches.record();
            }
        }
    }
}
