package io.trailwatch.sinks.archive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where everything lives in the bucket, following CloudTrail's layout:
 * <pre>
 * [prefix]AWSLogs/&lt;account&gt;/CloudTrail/&lt;region&gt;/YYYY/MM/DD/&lt;account&gt;_CloudTrail_&lt;region&gt;_&lt;YYYYMMDDTHHmmZ&gt;_&lt;unique&gt;.json.gz
 * [prefix]AWSLogs/&lt;account&gt;/CloudTrail-Digest/&lt;region&gt;/YYYY/MM/DD/&lt;account&gt;_CloudTrail-Digest_&lt;region&gt;_&lt;trail&gt;_&lt;home&gt;_&lt;YYYYMMDDTHHmmssZ&gt;.json.gz
 * [prefix]_trailwatch/...   the connector's own bookkeeping: batch manifests, partition heads, digester state, public keys
 * </pre>
 * Unlike CloudTrail, a log file's time is its earliest event's and its unique part is derived from the topic,
 * partition and first offset of the batch it came from, so a replay of the same records names the same object.
 */
public final class LogFileLayout {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FILE_MINUTE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'")
        .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DIGEST_SECOND = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .withZone(ZoneOffset.UTC);
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final char[] UNIQUE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        .toCharArray();
    private static final int UNIQUE_LENGTH = 16;
    private static final String BOOKKEEPING = "_trailwatch/";

    private final String prefix;
    private final String service;

    /**
     * @param prefix  empty or ending in {@code /}
     * @param service {@code CloudTrail}, or another service segment for other archives
     */
    public LogFileLayout(final String prefix, final String service) {
        this.prefix = prefix == null ? "" : prefix;
        this.service = service;
    }

    /** Whether the text can be a segment of a key (an account id, a region). */
    public static boolean isSafeSegment(final String text) {
        return text != null && SAFE_SEGMENT.matcher(text).matches();
    }

    /** {@code [prefix]AWSLogs/}: one child per account. */
    public String accountsPrefix() {
        return prefix + "AWSLogs/";
    }

    /** The folder of an account's log files in a region; one child per day. */
    public String logPrefix(final String account, final String region) {
        return accountsPrefix() + account + "/" + service + "/" + region + "/";
    }

    /** The folder of an account's digests; one child per region. */
    public String digestRegionsPrefix(final String account) {
        return accountsPrefix() + account + "/" + service + "-Digest/";
    }

    public String digestPrefix(final String account, final String region) {
        return digestRegionsPrefix(account) + region + "/";
    }

    public String logFileKey(final String account, final String region, final Instant fileTime, final String unique) {
        return logPrefix(account, region) + DAY.format(fileTime) + "/" + account + "_" + service + "_" + region + "_"
            + FILE_MINUTE.format(fileTime) + "_" + unique + ".json.gz";
    }

    public String digestKey(final String account, final String region, final String trail, final String homeRegion,
                            final Instant digestEnd) {
        return digestPrefix(account, region) + DAY.format(digestEnd) + "/" + account + "_" + service + "-Digest_"
            + region + "_" + trail + "_" + homeRegion + "_" + DIGEST_SECOND.format(digestEnd) + ".json.gz";
    }

    /** The end time a digest's file name carries, or null when the key is not a digest's. */
    public static Instant digestEndOf(final String key) {
        final int underscore = key.lastIndexOf('_');
        if (underscore < 0 || !key.endsWith(".json.gz")) {
            return null;
        }
        try {
            return Instant.from(DIGEST_SECOND.parse(key.substring(underscore + 1, key.length() - ".json.gz".length())));
        } catch (final RuntimeException e) {
            return null;
        }
    }

    /** Every batch manifest, one folder per topic, then per partition. */
    public String batchesPrefix() {
        return prefix + BOOKKEEPING + "batches/";
    }

    public String batchPartitionPrefix(final String topic, final int partition) {
        return batchesPrefix() + topic + "/" + partition + "/";
    }

    /** The manifest of the batch starting at the offset: zero-padded, so key order is offset order. */
    public String manifestKey(final String topic, final int partition, final long startOffset) {
        return batchPartitionPrefix(topic, partition) + String.format(Locale.ROOT, "%020d", startOffset) + ".json";
    }

    /** Where a partition records the offset through which its batches are uploaded. */
    public String headKey(final String topic, final int partition) {
        return prefix + BOOKKEEPING + "heads/" + topic + "/" + partition + ".json";
    }

    public String digesterStateKey() {
        return prefix + BOOKKEEPING + "digester/" + service + "-state.json";
    }

    public String publicKeysPrefix() {
        return prefix + BOOKKEEPING + "public-keys/";
    }

    public String publicKeyKey(final String fingerprint) {
        return publicKeysPrefix() + fingerprint + ".pem";
    }

    /**
     * The 16-character unique part of a log file's name, like CloudTrail's, derived from where its batch starts:
     * the same batch always gets the same name, different batches (practically) never do.
     */
    public static String unique(final String topic, final int partition, final long startOffset) {
        final byte[] hash = Compression.sha256((topic + "/" + partition + "/" + startOffset)
            .getBytes(StandardCharsets.UTF_8));
        final StringBuilder unique = new StringBuilder(UNIQUE_LENGTH);
        for (int i = 0; i < UNIQUE_LENGTH; i++) {
            unique.append(UNIQUE_ALPHABET[(hash[i] & 0xff) % UNIQUE_ALPHABET.length]);
        }
        return unique.toString();
    }

    /** The day folder of an instant: {@code YYYY/MM/DD}. */
    public static String day(final Instant time) {
        return DAY.format(time);
    }
}
