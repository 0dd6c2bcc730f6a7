package io.trailwatch.identity.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Derived SigV4 signing keys, kept because deriving one costs four HMACs and a client signs every request of a day
 * with the same key: {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")}.
 *
 * <p>Bounded and least-recently-used, so a burst of distinct keys cannot grow it without limit. In practice it holds
 * a handful of entries per active access key (one per service and day). Lookups take a lock briefly; derivation runs
 * outside it, so two threads may both derive the same key once, which is harmless.
 */
final class SigningKeyCache {

    static final int DEFAULT_CAPACITY = 1024;

    /** What a signing key is derived from. Its string form leaves the secret out. */
    private record Scope(String secret, String date, String region, String service) {
        @Override
        public String toString() {
            return date + '/' + region + '/' + service;
        }
    }

    private final Map<Scope, byte[]> keys;

    SigningKeyCache(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<Scope, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The signing key for a secret and a credential scope; the returned array must not be modified. */
    byte[] signingKey(final String secret, final Credential credential) {
        final Scope scope = new Scope(secret, credential.date(), credential.region(), credential.service());
        synchronized (keys) {
            final byte[] cached = keys.get(scope);
            if (cached != null) {
                return cached;
            }
        }
        final byte[] derived = derive(secret, credential.date(), credential.region(), credential.service());
        synchronized (keys) {
            keys.put(scope, derived);
        }
        return derived;
    }

    /** How many keys are cached. */
    int size() {
        synchronized (keys) {
            return keys.size();
        }
    }

    static byte[] derive(final String secret, final String date, final String region, final String service) {
        final byte[] dateKey = Hashing.hmacSha256(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        final byte[] regionKey = Hashing.hmacSha256(dateKey, region);
        final byte[] serviceKey = Hashing.hmacSha256(regionKey, service);
        return Hashing.hmacSha256(serviceKey, Credential.TERMINATOR);
    }
}
