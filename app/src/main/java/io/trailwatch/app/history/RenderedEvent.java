package io.trailwatch.app.history;

import io.trailwatch.processors.history.EventPosition;
import io.trailwatch.processors.history.Positioned;

/**
 * An event as the API returns it (LookupEvents' Event), already written as a JSON object in UTF-8 so a page is
 * assembled without serializing its events again, with its position for merging.
 */
record RenderedEvent(EventPosition position, byte[] json) implements Positioned {
}
