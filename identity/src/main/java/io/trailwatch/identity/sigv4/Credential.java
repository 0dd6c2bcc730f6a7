package io.trailwatch.identity.sigv4;

/**
 * The {@code Credential} of a SigV4 request, {@code AKID/20150830/us-east-1/service/aws4_request}: whose key signed
 * and the credential scope (date, region, service, terminator) the signing key was derived for. The scope is part of
 * the string to sign, so a signature made for one region or service cannot be replayed against another.
 */
record Credential(String accessKeyId, String date, String region, String service, String terminator) {

    static final String TERMINATOR = "aws4_request";

    /**
     * Splits a Credential value.
     *
     * @throws AuthenticationException IncompleteSignature, worded as AWS does, unless it has exactly five elements
     */
    static Credential parse(final String value) {
        final String[] parts = value.split("/", -1);
        if (parts.length != 5) {
            throw AuthenticationException.incompleteSignature("Credential must have exactly 5 slash-delimited "
                + "elements, e.g. keyid/date/region/service/term, got '" + value + "'");
        }
        return new Credential(parts[0], parts[1], parts[2], parts[3], parts[4]);
    }

    /** The credential scope as the string to sign holds it: {@code 20150830/us-east-1/service/aws4_request}. */
    String scope() {
        return date + '/' + region + '/' + service + '/' + terminator;
    }
}
