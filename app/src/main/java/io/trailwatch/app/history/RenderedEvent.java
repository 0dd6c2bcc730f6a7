package io.trailwatch.app.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.processors.history.EventPosition;
import io.trailwatch.processors.history.Positioned;

/** An event as the API returns it (LookupEvents' Event), with its position for merging. */
record RenderedEvent(EventPosition position, ObjectNode json) implements Positioned {
}
