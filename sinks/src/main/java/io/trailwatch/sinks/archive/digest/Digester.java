package io.trailwatch.sinks.archive.digest;

import io.trailwatch.sinks.archive.BatchManifest;
import io.trailwatch.sinks.archive.Compression;
import io.trailwatch.sinks.archive.LogFileLayout;
import io.trailwatch.sinks.archive.store.ObjectStore;
import io.trailwatch.sinks.archive.store.ObjectSummary;
import io.trailwatch.sinks.archive.store.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a signed digest per account and region for every period, CloudTrail's way: a file is in the digest of
 * the period its batch manifest was created in (its delivery), a period with no file still gets a digest, and each
 * digest chains to the previous one of its account and region.
 *
 * <p>Digests are pure functions of the manifests and the previous digest, and are created with
 * {@code If-None-Match}: two digesters (a connector restarted elsewhere while the old one still runs) write the
 * same objects, so the first one wins and the other agrees with it.
 */
public final class Digester {

    private static final Logger LOG = LoggerFactory.getLogger(Digester.class);

    private final ObjectStore store;
    private final LogFileLayout layout;
    private final DigestSettings settings;
    private final SigningKey key;

    /** Checked by the one thread that runs the digester. */
    private boolean publicKeyPublished;
    private Instant nextDue = Instant.MIN;

    public Digester(final ObjectStore store, final LogFileLayout layout, final DigestSettings settings,
                    final SigningKey key) {
        this.store = store;
        this.layout = layout;
        this.settings = settings;
        this.key = key;
    }

    /**
     * Publishes the public key under {@code _trailwatch/public-keys/<fingerprint>.pem}, as ListPublicKeys would;
     * once per digester, as the key does not change.
     */
    public void publishPublicKey() {
        if (!publicKeyPublished) {
            store.putIfAbsent(layout.publicKeyKey(key.fingerprint()),
                key.publicKeyPem().getBytes(StandardCharsets.US_ASCII), Map.of());
            publicKeyPublished = true;
        }
    }

    /** Writes the digests of every period that ended at least the delay before {@code now}; returns how many. */
    public int writeDue(final Instant now) {
        if (now.isBefore(nextDue)) {
            return 0; // no period has ended since the last look: no need to read the state again
        }
        final DigesterState state = loadState(now);
        int written = 0;
        while (!state.nextStart().plus(settings.interval()).plus(settings.delay()).isAfter(now)) {
            final Instant start = state.nextStart();
            final Instant end = start.plus(settings.interval());
            final Map<String, List<BatchManifest.FileEntry>> delivered = collectDelivered(state, end);
            final TreeSet<String> chains = new TreeSet<>(state.chains().keySet());
            chains.addAll(delivered.keySet());
            for (final String chain : chains) {
                writeDigest(state, chain, start, end, delivered.getOrDefault(chain, List.of()));
                written++;
            }
            state.nextStart(end);
            store.put(layout.digesterStateKey(), state.toJson(), Map.of());
        }
        nextDue = state.nextStart().plus(settings.interval()).plus(settings.delay());
        return written;
    }

    private DigesterState loadState(final Instant now) {
        final Optional<StoredObject> stored = store.get(layout.digesterStateKey());
        if (stored.isPresent()) {
            return DigesterState.parse(stored.get().body());
        }
        final long intervalMs = settings.interval().toMillis();
        final long millis = now.toEpochMilli();
        // The first period is the current one; it also takes every file delivered before the digester first ran.
        final DigesterState initial = new DigesterState(Instant.ofEpochMilli(millis - Math.floorMod(millis, intervalMs)));
        store.putIfAbsent(layout.digesterStateKey(), initial.toJson(), Map.of());
        return DigesterState.parse(store.get(layout.digesterStateKey()).orElseThrow().body());
    }

    /** The files of the manifests created before {@code end} and not digested yet, by {@code account/region}. */
    private Map<String, List<BatchManifest.FileEntry>> collectDelivered(final DigesterState state, final Instant end) {
        final Map<String, List<BatchManifest.FileEntry>> delivered = new TreeMap<>();
        for (final String topic : store.childPrefixes(layout.batchesPrefix())) {
            for (final String partition : store.childPrefixes(topic)) {
                String after = state.cursors().get(partition);
                boolean more = true;
                while (more) {
                    final List<ObjectSummary> page = store.list(partition, after, 1000);
                    for (final ObjectSummary manifest : page) {
                        if (!manifest.lastModified().isBefore(end)) {
                            more = false;
                            break;
                        }
                        final StoredObject object = store.get(manifest.key()).orElseThrow(() ->
                            new IllegalStateException("manifest " + manifest.key() + " was listed but is gone"));
                        for (final BatchManifest.FileEntry file : BatchManifest.parse(object.body()).files()) {
                            delivered.computeIfAbsent(file.account() + "/" + file.region(), chain -> new ArrayList<>())
                                .add(file);
                        }
                        after = manifest.key();
                    }
                    more = more && page.size() == 1000;
                }
                if (after != null) {
                    state.cursors().put(partition, after);
                }
            }
        }
        return delivered;
    }

    private void writeDigest(final DigesterState state, final String chain, final Instant start, final Instant end,
                             final List<BatchManifest.FileEntry> files) {
        final int slash = chain.indexOf('/');
        final String account = chain.substring(0, slash);
        final String region = chain.substring(slash + 1);
        final String digestKey = layout.digestKey(account, region, settings.trailName(), settings.homeRegion(), end);
        final DigesterState.Link previous = state.chains().get(chain);
        final List<BatchManifest.FileEntry> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(BatchManifest.FileEntry::key));
        final List<DigestFile.LogFile> logFiles = new ArrayList<>(sorted.size());
        Instant newest = null;
        Instant oldest = null;
        for (final BatchManifest.FileEntry file : sorted) {
            logFiles.add(new DigestFile.LogFile(store.bucket(), file.key(), file.sha256(), DigestFile.HASH_ALGORITHM,
                file.newestEventTime(), file.oldestEventTime()));
            newest = newest == null || file.newestEventTime().isAfter(newest) ? file.newestEventTime() : newest;
            oldest = oldest == null || file.oldestEventTime().isBefore(oldest) ? file.oldestEventTime() : oldest;
        }
        final DigestFile digest = new DigestFile(account, start, end, store.bucket(), digestKey, key.fingerprint(),
            SigningKey.ALGORITHM, newest, oldest, previous == null ? null : store.bucket(),
            previous == null ? null : previous.key(), previous == null ? null : previous.sha256(),
            previous == null ? null : DigestFile.HASH_ALGORITHM, previous == null ? null : previous.signature(),
            logFiles);
        final byte[] json = digest.toJson();
        String sha256 = Compression.sha256Hex(json);
        String signature = key.sign(DigestFile.signingString(end, store.bucket(), digestKey, sha256,
            previous == null ? null : previous.signature()));
        if (!store.putIfAbsent(digestKey, Compression.gzip(json, 6), Map.of("signature", signature,
            "signature-algorithm", SigningKey.ALGORITHM))) {
            // Written by another digester (or this one before a restart): chain to what is there.
            final StoredObject existing = store.get(digestKey).orElseThrow(() ->
                new IllegalStateException("digest " + digestKey + " vanished after a conditional write found it"));
            try {
                sha256 = Compression.sha256Hex(Compression.gunzip(existing.body()));
            } catch (final IOException e) {
                throw new UncheckedIOException("digest " + digestKey + " is not gzip", e);
            }
            signature = existing.metadata().getOrDefault("signature", signature);
        } else {
            LOG.info("Digest {} with {} log files", digestKey, logFiles.size());
        }
        state.chains().put(chain, new DigesterState.Link(digestKey, sha256, signature));
    }
}
