package io.trailwatch.identity.sigv4;

import java.util.Optional;

/**
 * Finds the secret access key that belongs to an access key id. The verifier needs the secret itself because SigV4
 * is symmetric: it recomputes the signature the client made with the same secret.
 *
 * <p>Called on every request, from many threads at once: implementations must be thread-safe and should answer from
 * memory. An unknown, deleted or inactive key answers empty, which the verifier reports as AWS does, as
 * {@code InvalidClientTokenId}.
 */
@FunctionalInterface
public interface SecretLookup {

    /** The secret access key of an active access key, or empty if there is no such key or it is inactive. */
    Optional<String> secretFor(String accessKeyId);
}
