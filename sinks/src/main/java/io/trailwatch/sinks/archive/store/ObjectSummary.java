package io.trailwatch.sinks.archive.store;

import java.time.Instant;

/** One entry of a listing. */
public record ObjectSummary(String key, Instant lastModified, long size) {
}
