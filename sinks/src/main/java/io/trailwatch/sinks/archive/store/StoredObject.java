package io.trailwatch.sinks.archive.store;

import java.time.Instant;
import java.util.Map;

/**
 * An object read back: its bytes, user metadata (without the {@code x-amz-meta-} prefix, names lower case)
 * and last-modified time.
 */
public record StoredObject(String key, byte[] body, Map<String, String> metadata, Instant lastModified) {

    public StoredObject {
        metadata = Map.copyOf(metadata);
    }
}
