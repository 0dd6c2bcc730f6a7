package io.trailwatch.identity.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The query string as the client sent it, split into parameters, and its SigV4 canonical form.
 *
 * <p>The canonical form is built from the bytes each parameter decodes to, encoded again with
 * {@link UriEncoding}, then sorted by encoded name and, for a repeated name, by encoded value. That is what every
 * AWS signer computes from the unencoded parameters, whatever encoding it then put on the wire: the AWS SDK for
 * Java sends {@code %20}, botocore sends {@code +}, and both must verify.
 */
final class QueryParameters {

    /**
     * One {@code name=value} pair, still percent-encoded as on the wire, with its name decoded as UTF-8 once for
     * looking up the {@code X-Amz-*} parameters.
     */
    record Parameter(String rawName, String rawValue, String name) {

        static Parameter of(final String rawName, final String rawValue) {
            return new Parameter(rawName, rawValue,
                new String(UriEncoding.decodeQueryComponent(rawName), StandardCharsets.UTF_8));
        }

        /** The value decoded as UTF-8. */
        String value() {
            return new String(UriEncoding.decodeQueryComponent(rawValue), StandardCharsets.UTF_8);
        }

        String canonicalName() {
            return UriEncoding.encode(UriEncoding.decodeQueryComponent(rawName), false);
        }

        String canonicalValue() {
            return UriEncoding.encode(UriEncoding.decodeQueryComponent(rawValue), false);
        }
    }

    private static final QueryParameters NONE = new QueryParameters(List.of());

    private final List<Parameter> parameters;

    private QueryParameters(final List<Parameter> parameters) {
        this.parameters = parameters;
    }

    /**
     * Splits a raw query string at {@code &} and each pair at its first {@code =}; a pair without {@code =} has an
     * empty value ({@code ?acl} signs as {@code acl=}), and an empty segment ({@code a=1&&b=2}) is no parameter.
     *
     * @param rawQuery the query as on the wire, without the {@code ?}; null or empty for none
     * @throws AuthenticationException IncompleteSignature if a percent-escape is malformed, because no signer can
     *                                 have produced it and the request handler could not read it either
     */
    static QueryParameters parse(final String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return NONE;
        }
        final List<Parameter> parameters = new ArrayList<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            if (end > start) {
                final String pair = rawQuery.substring(start, end);
                final int equals = pair.indexOf('=');
                final String rawName = equals < 0 ? pair : pair.substring(0, equals);
                final String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
                try {
                    UriEncoding.decodeQueryComponent(rawValue);
                    parameters.add(Parameter.of(rawName, rawValue));
                } catch (final IllegalArgumentException e) {
                    throw AuthenticationException.incompleteSignature(
                        "The query string is not valid percent-encoding: " + e.getMessage() + ".");
                }
            }
            start = end + 1;
        }
        return new QueryParameters(List.copyOf(parameters));
    }

    /** Whether any parameter has this (decoded, case-sensitive) name. */
    boolean contains(final String name) {
        return count(name) > 0;
    }

    /** How many parameters have this name. */
    int count(final String name) {
        int count = 0;
        for (final Parameter parameter : parameters) {
            if (parameter.name().equals(name)) {
                count++;
            }
        }
        return count;
    }

    /** The decoded value of the first parameter with this name. */
    Optional<String> first(final String name) {
        for (final Parameter parameter : parameters) {
            if (parameter.name().equals(name)) {
                return Optional.of(parameter.value());
            }
        }
        return Optional.empty();
    }

    /**
     * The canonical query string: every parameter but those named {@code excluded} (a presigned URL's
     * {@code X-Amz-Signature}, which cannot sign itself), re-encoded, sorted, joined with {@code &}.
     */
    String canonical(final String excluded) {
        if (parameters.isEmpty()) {
            return "";
        }
        final List<String[]> encoded = new ArrayList<>(parameters.size());
        for (final Parameter parameter : parameters) {
            if (excluded == null || !parameter.name().equals(excluded)) {
                encoded.add(new String[] {parameter.canonicalName(), parameter.canonicalValue()});
            }
        }
        encoded.sort(Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]));
        final StringBuilder out = new StringBuilder(256);
        for (final String[] pair : encoded) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }
}
