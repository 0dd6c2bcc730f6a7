package io.trailwatch.sinks.archive;

import java.time.Instant;
import java.util.Objects;

/**
 * One record ready for a log file: where it belongs (account, region; the event time gives the day) and its JSON.
 *
 * @param account    account id of the key
 * @param region     region of the key
 * @param eventTime  when the event happened: the day folder and the file's time
 * @param json       the record as UTF-8 JSON
 */
public record ArchivedRecord(String account, String region, Instant eventTime, byte[] json) {

    public ArchivedRecord {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(json, "json");
    }
}
