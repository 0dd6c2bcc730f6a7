package io.trailwatch.sinks.archive;

import java.time.Instant;

/**
 * A log file ready to upload.
 *
 * @param key          object key
 * @param body         gzip of the JSON
 * @param sha256       hex SHA-256 of the uncompressed JSON, as digests record it
 * @param records      records in it
 * @param oldest       earliest event time in it
 * @param newest       latest event time in it
 * @param account      account of its key
 * @param region       region of its key
 */
record RenderedFile(String key, byte[] body, String sha256, int records, Instant oldest, Instant newest,
                    String account, String region) {
}
