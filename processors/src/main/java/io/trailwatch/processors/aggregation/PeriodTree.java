package io.trailwatch.processors.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How periods build on each other. A datapoint is added to the finest period of its resolution only; when a
 * period closes it is merged into the longer periods built from it. Each longer period has exactly one source (the
 * longest configured period that divides it), so nothing is counted twice, and a datapoint costs one store update
 * instead of one per period.
 */
final class PeriodTree {

    private final int standardEntry;
    private final int highResolutionEntry;
    private final Map<Integer, List<Integer>> parents = new TreeMap<>();

    PeriodTree(final AggregationSettings settings) {
        final TreeSet<Integer> all = new TreeSet<>(settings.standardPeriods());
        all.addAll(settings.highResolutionPeriods());
        this.standardEntry = settings.standardPeriods().get(0);
        this.highResolutionEntry = settings.highResolutionPeriods().get(0);
        for (final int period : all) {
            parents.put(period, new ArrayList<>());
        }
        for (final int period : all) {
            final Integer source = all.headSet(period, false).descendingSet().stream()
                .filter(shorter -> period % shorter == 0).findFirst().orElse(null);
            if (source != null) {
                parents.get(source).add(period);
            }
        }
    }

    /** The period a datapoint of this storage resolution is added to. */
    int entryFor(final int storageResolution) {
        return storageResolution == 1 ? highResolutionEntry : standardEntry;
    }

    /** The longer periods a closed period of this length is merged into. */
    List<Integer> parentsOf(final int period) {
        return parents.getOrDefault(period, List.of());
    }
}
