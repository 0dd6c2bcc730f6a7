package io.trailwatch.app.stack;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a part of an instance started, closed in the reverse order: what started last may use what started before
 * it. A part that fails half-way through starting closes what it had started.
 */
public final class StartedResources implements AutoCloseable {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** Takes the resource in, to be closed before everything taken in earlier; returns it. */
    public <T extends AutoCloseable> T owned(final T resource) {
        started.push(resource);
        return resource;
    }

    /** Closes everything, the last taken in first; a failure to close one does not keep the others open. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (final Exception e) {
                // closing the rest matters more; each resource logs its own failures
            }
        }
    }
}
