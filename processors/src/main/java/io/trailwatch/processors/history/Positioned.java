package io.trailwatch.processors.history;

/** Something with a place in the history's order, so partial answers can be merged. */
public interface Positioned {

    EventPosition position();
}
