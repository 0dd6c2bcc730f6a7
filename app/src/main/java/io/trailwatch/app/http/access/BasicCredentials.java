package io.trailwatch.app.http.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * HTTP Basic credentials as Confluent's clients send an access key: {@code Basic base64(accessKeyId:secret)}. The
 * one reading of that header, for the gate that checks it and the audit record that names the key it claimed.
 *
 * @param accessKeyId the key id (never empty)
 * @param secret      what the caller sent as its secret
 */
record BasicCredentials(String accessKeyId, String secret) {

    static final String SCHEME = "Basic ";

    static boolean isBasic(final String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /** The credentials of a Basic header; empty when it is not Basic, not base64 or has no {@code id:secret}. */
    static Optional<BasicCredentials> parse(final String authorization) {
        if (!isBasic(authorization)) {
            return Optional.empty();
        }
        final String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(SCHEME.length()).trim()),
                StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        final int colon = decoded.indexOf(':');
        return colon <= 0 ? Optional.empty()
            : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /** Without the secret. */
    @Override
    public String toString() {
        return "BasicCredentials[" + accessKeyId + "]";
    }
}
