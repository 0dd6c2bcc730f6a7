package io.trailwatch.sinks.archive.validation;

import io.trailwatch.schemas.text.Printable;
import io.trailwatch.sinks.archive.ArchiveFormat;
import io.trailwatch.sinks.archive.Compression;
import io.trailwatch.sinks.archive.LogFileLayout;
import io.trailwatch.sinks.archive.digest.DigestFile;
import io.trailwatch.sinks.archive.digest.SigningKey;
import io.trailwatch.sinks.archive.store.ObjectStore;
import io.trailwatch.sinks.archive.store.ObjectSummary;
import io.trailwatch.sinks.archive.store.S3Settings;
import io.trailwatch.sinks.archive.store.StoredObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code validate-logs}, as CloudTrail's: walks each account's and region's digest chain from the newest digest in
 * the range to the oldest, checks every digest's location, signature and place in the chain and every log file's
 * SHA-256, and prints CloudTrail's messages and summary. Beyond CloudTrail, a log file delivered within the
 * digested range that no digest lists is reported too: it was inserted, or moved there.
 */
public final class LogFileValidator {

    private static final String SERVICE = ArchiveFormat.serviceOf(ArchiveFormat.CLOUDTRAIL);

    private final ObjectStore store;
    private final LogFileLayout layout;
    private final Map<String, PublicKey> publicKeys;
    private final PrintWriter out;
    private final boolean verbose;

    private int digestsValid;
    private int digestsInvalid;
    private int logsValid;
    private int logsInvalid;

    /**
     * @param publicKeys the keys trusted to sign digests, by fingerprint; see {@link #publicKeysInBucket}
     */
    public LogFileValidator(final ObjectStore store, final String prefix, final Map<String, PublicKey> publicKeys,
                            final PrintWriter out, final boolean verbose) {
        this.store = store;
        this.layout = new LogFileLayout(prefix, SERVICE);
        this.publicKeys = Map.copyOf(publicKeys);
        this.out = out;
        this.verbose = verbose;
    }

    /** The public keys the archive connector published in the bucket, by fingerprint. */
    public static Map<String, PublicKey> publicKeysInBucket(final ObjectStore store, final String prefix) {
        final Map<String, PublicKey> keys = new HashMap<>();
        for (final ObjectSummary summary : store.listAll(new LogFileLayout(prefix, SERVICE).publicKeysPrefix())) {
            store.get(summary.key()).ifPresent(object -> {
                final PublicKey key = SigningKey.parsePublicKey(new String(object.body(), StandardCharsets.US_ASCII));
                keys.put(SigningKey.fingerprint(key), key);
            });
        }
        return keys;
    }

    public ValidationResult validate(final Instant start, final Instant end) {
        final List<Chain> chains = chains(start, end);
        out.println("Validating log files for trail " + Printable.escape(trailArn(chains)) + " between " + DigestFile.time(start)
            + " and " + DigestFile.time(end));
        out.println();
        Instant foundFrom = null;
        Instant foundTo = null;
        for (final Chain chain : chains) {
            final Walk walk = walk(chain, start);
            checkUnlisted(chain, walk);
            if (walk.from != null) {
                foundFrom = foundFrom == null || walk.from.isBefore(foundFrom) ? walk.from : foundFrom;
                foundTo = foundTo == null || walk.to.isAfter(foundTo) ? walk.to : foundTo;
            }
        }
        out.println();
        out.println("Results requested for " + DigestFile.time(start) + " to " + DigestFile.time(end));
        if (foundFrom == null) {
            out.println("No digest files found");
        } else {
            out.println("Results found for " + DigestFile.time(foundFrom) + " to " + DigestFile.time(foundTo) + ":");
        }
        out.println();
        out.println(summary(digestsValid, digestsInvalid, "digest"));
        out.println(summary(logsValid, logsInvalid, "log"));
        out.flush();
        return new ValidationResult(digestsValid, digestsInvalid, logsValid, logsInvalid);
    }

    /** One account's and region's digests in the range, newest first. */
    private record Chain(String account, String region, List<String> digests) { }

    /** What a walk saw: the digested period and every log file the digests list. */
    private static final class Walk {
        private Instant from;
        private Instant to;
        private final Set<String> referenced = new HashSet<>();
    }

    private List<Chain> chains(final Instant start, final Instant end) {
        final List<Chain> chains = new ArrayList<>();
        for (final String accountPrefix : store.childPrefixes(layout.accountsPrefix())) {
            final String account = lastSegment(accountPrefix);
            for (final String regionPrefix : store.childPrefixes(layout.digestRegionsPrefix(account))) {
                final List<String> digests = new ArrayList<>();
                for (final ObjectSummary summary : store.listAll(regionPrefix)) {
                    final Instant digestEnd = LogFileLayout.digestEndOf(summary.key());
                    if (digestEnd != null && digestEnd.isAfter(start) && !digestEnd.isAfter(end)) {
                        digests.add(summary.key());
                    }
                }
                digests.sort(Comparator.comparing(LogFileLayout::digestEndOf).reversed());
                if (!digests.isEmpty()) {
                    chains.add(new Chain(account, lastSegment(regionPrefix), digests));
                }
            }
        }
        return chains;
    }

    private Walk walk(final Chain chain, final Instant start) {
        final Walk walk = new Walk();
        final Set<String> visited = new LinkedHashSet<>();
        String next = chain.digests().get(0);
        String expectedHash = null;
        while (next != null) {
            visited.add(next);
            final Optional<StoredObject> object = store.get(next);
            final DigestFile digest = object.isEmpty() ? null : checkDigest(next, object.get(), expectedHash);
            if (object.isEmpty()) {
                digestInvalid(next, "not found");
            }
            if (digest == null) {
                next = olderListed(chain, next, visited);
                expectedHash = null;
                continue;
            }
            walk.from = walk.from == null || digest.digestStartTime().isBefore(walk.from) ? digest.digestStartTime()
                : walk.from;
            walk.to = walk.to == null || digest.digestEndTime().isAfter(walk.to) ? digest.digestEndTime() : walk.to;
            for (final DigestFile.LogFile logFile : digest.logFiles()) {
                walk.referenced.add(logFile.s3Object());
                checkLogFile(logFile);
            }
            if (digest.previousDigestS3Object() == null || !digest.digestStartTime().isAfter(start)) {
                break;
            }
            next = digest.previousDigestS3Object();
            expectedHash = digest.previousDigestHashValue();
        }
        chain.digests().stream().filter(key -> !visited.contains(key)).forEach(key -> {
            final Optional<StoredObject> object = store.get(key);
            if (object.isPresent()) {
                final DigestFile digest = checkDigest(key, object.get(), null);
                if (digest != null) {
                    digest.logFiles().forEach(logFile -> walk.referenced.add(logFile.s3Object()));
                }
            }
        });
        return walk;
    }

    /** The newest listed digest older than the given one that was not visited yet, or null. */
    private static String olderListed(final Chain chain, final String key, final Set<String> visited) {
        final Instant end = LogFileLayout.digestEndOf(key);
        return chain.digests().stream()
            .filter(candidate -> !visited.contains(candidate))
            .filter(candidate -> end == null || LogFileLayout.digestEndOf(candidate).isBefore(end))
            .findFirst().orElse(null);
    }

    /** Checks a digest; returns it when it can be followed (valid, or readable with a bad signature). */
    private DigestFile checkDigest(final String key, final StoredObject object, final String expectedHash) {
        final byte[] json;
        final DigestFile digest;
        try {
            json = Compression.gunzip(object.body());
            digest = DigestFile.parse(json);
        } catch (final IOException | IllegalArgumentException e) {
            digestInvalid(key, "invalid format");
            return null;
        }
        if (!key.equals(digest.digestS3Object()) || !store.bucket().equals(digest.digestS3Bucket())) {
            digestInvalid(key, "has been moved from its original location");
            return null;
        }
        final String sha256 = Compression.sha256Hex(json);
        final PublicKey publicKey = publicKeys.get(digest.digestPublicKeyFingerprint());
        final String signature = object.metadata().get("signature");
        if (publicKey == null) {
            digestInvalid(key, "public key not found for fingerprint " + digest.digestPublicKeyFingerprint());
        } else if (signature == null || !SigningKey.verify(publicKey, DigestFile.signingString(digest.digestEndTime(),
            digest.digestS3Bucket(), key, sha256, digest.previousDigestSignature()), signature)) {
            digestInvalid(key, "signature verification failed");
        } else if (expectedHash != null && !expectedHash.equals(sha256)) {
            digestInvalid(key, "hash value doesn't match");
        } else {
            digestsValid++;
            if (verbose) {
                out.println("Digest file\t" + Printable.escape(S3Settings.uri(store.bucket(), key)) + "\tvalid");
            }
        }
        return digest;
    }

    private void checkLogFile(final DigestFile.LogFile logFile) {
        final String uri = S3Settings.uri(logFile.s3Bucket(), logFile.s3Object());
        final Optional<StoredObject> object = logFile.s3Bucket().equals(store.bucket())
            ? store.get(logFile.s3Object()) : Optional.empty();
        if (object.isEmpty()) {
            logInvalid(uri, "not found");
            return;
        }
        final byte[] content;
        try {
            content = Compression.gunzip(object.get().body());
        } catch (final IOException e) {
            logInvalid(uri, "invalid format");
            return;
        }
        if (!Compression.sha256Hex(content).equals(logFile.hashValue())) {
            logInvalid(uri, "hash value doesn't match");
            return;
        }
        logsValid++;
        if (verbose) {
            out.println("Log file\t" + Printable.escape(uri) + "\tvalid");
        }
    }

    /** Log files delivered within the digested period that no digest lists: inserted, or moved there. */
    private void checkUnlisted(final Chain chain, final Walk walk) {
        if (walk.from == null) {
            return;
        }
        for (final ObjectSummary summary : store.listAll(layout.logPrefix(chain.account(), chain.region()))) {
            if (!walk.referenced.contains(summary.key()) && !summary.lastModified().isBefore(walk.from)
                && summary.lastModified().isBefore(walk.to)) {
                logInvalid(S3Settings.uri(store.bucket(), summary.key()), "not listed in any digest file");
            }
        }
    }

    private void digestInvalid(final String key, final String message) {
        digestsInvalid++;
        out.println("Digest file\t" + Printable.escape(S3Settings.uri(store.bucket(), key)) + "\tINVALID: "
            + Printable.escape(message));
    }

    private void logInvalid(final String uri, final String message) {
        logsInvalid++;
        out.println("Log file\t" + Printable.escape(uri) + "\tINVALID: " + Printable.escape(message));
    }

    private static String summary(final int valid, final int invalid, final String kind) {
        final int total = valid + invalid;
        return valid + "/" + total + " " + kind + " files valid"
            + (invalid > 0 ? ", " + invalid + "/" + total + " " + kind + " files INVALID" : "");
    }

    /** {@code arn:aws:cloudtrail:<home>:<account>:trail/<name>}, from the newest digest's file name. */
    private static String trailArn(final List<Chain> chains) {
        if (chains.isEmpty()) {
            return "(no digest files found)";
        }
        final Chain chain = chains.get(0);
        final String name = lastSegment(chain.digests().get(0) + "/");
        final String rest = name.substring((chain.account() + "_" + SERVICE + "-Digest_" + chain.region() + "_").length());
        final String[] parts = rest.split("_");
        if (parts.length < 3) {
            return "arn:aws:cloudtrail:" + chain.region() + ":" + chain.account() + ":trail/unknown";
        }
        final String home = parts[parts.length - 2];
        final String trail = rest.substring(0, rest.length() - home.length() - parts[parts.length - 1].length() - 2);
        return "arn:aws:cloudtrail:" + home + ":" + chain.account() + ":trail/" + trail;
    }

    private static String lastSegment(final String prefix) {
        final String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
