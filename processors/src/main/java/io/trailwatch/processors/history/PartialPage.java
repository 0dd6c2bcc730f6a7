package io.trailwatch.processors.history;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * An answer from one part of the history (a partition, an instance) or from all of it: hits newest first, and how
 * far the part looked.
 *
 * @param hits  matching events in history order
 * @param bound null when nothing after the hits matches; otherwise every match up to and including this position
 *              is among the hits, and what comes after it is unknown (more hits, or a scan that stopped at its
 *              limit): the next page resumes after it
 */
public record PartialPage<T extends Positioned>(List<T> hits, EventPosition bound) {

    public PartialPage {
        hits = List.copyOf(hits);
    }

    public static <T extends Positioned> PartialPage<T> complete(final List<T> hits) {
        return new PartialPage<>(hits, null);
    }

    public boolean hasMore() {
        return bound != null;
    }

    public <U extends Positioned> PartialPage<U> map(final Function<T, U> mapper) {
        return new PartialPage<>(hits.stream().map(mapper).toList(), bound);
    }

    /**
     * The first {@code limit} hits of all parts, in history order. Only hits up to the nearest bound are certain
     * (a part that stopped early may hold more before any later hit of another part), so the merge stops there.
     * Equal positions (the same event delivered to two partitions) count once.
     */
    public static <T extends Positioned> PartialPage<T> merge(final Collection<PartialPage<T>> parts, final int limit) {
        EventPosition bound = null;
        for (final PartialPage<T> part : parts) {
            if (part.bound != null && (bound == null || part.bound.compareTo(bound) < 0)) {
                bound = part.bound;
            }
        }
        final List<T> candidates = new ArrayList<>();
        for (final PartialPage<T> part : parts) {
            for (final T hit : part.hits) {
                if (bound == null || !hit.position().isAfter(bound)) {
                    candidates.add(hit);
                }
            }
        }
        candidates.sort(Comparator.comparing(Positioned::position));
        final List<T> unique = new ArrayList<>(Math.min(candidates.size(), limit + 1));
        for (final T hit : candidates) {
            if (unique.isEmpty() || !unique.get(unique.size() - 1).position().equals(hit.position())) {
                unique.add(hit);
                if (unique.size() > limit) {
                    break;
                }
            }
        }
        if (unique.size() > limit) {
            final List<T> page = unique.subList(0, limit);
            return new PartialPage<>(page, page.get(limit - 1).position());
        }
        return new PartialPage<>(unique, bound);
    }
}
