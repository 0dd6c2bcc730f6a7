package io.trailwatch.identity.sigv4;

import java.time.Instant;
import java.util.Objects;

/**
 * Who signed a request that verified, and for what: the caller's identity (the access key id) plus the credential
 * scope it signed for, which the front end needs to pick the API (service) and to log the call.
 *
 * @param accessKeyId the access key whose secret made the signature
 * @param service     the service in the credential scope, one of those the front end accepted
 * @param region      the region in the credential scope, always the server's region
 * @param signedAt    when the client signed, from X-Amz-Date (or Date)
 */
public record Verified(String accessKeyId, String service, String region, Instant signedAt) {

    public Verified {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(signedAt, "signedAt");
    }
}
