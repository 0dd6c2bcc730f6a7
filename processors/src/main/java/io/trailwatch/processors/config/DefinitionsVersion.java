package io.trailwatch.processors.config;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the changes the config store has applied, so that processors reading definitions notice a change on their
 * next record instead of at their next refresh. One per topology instance, shared by its config store and readers.
 */
public final class DefinitionsVersion {

    private final AtomicLong changes = new AtomicLong();

    void changed() {
        changes.incrementAndGet();
    }

    public long current() {
        return changes.get();
    }
}
