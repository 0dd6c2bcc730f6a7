package io.trailwatch.app.history;

import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.processors.history.EventPosition;
import io.trailwatch.processors.history.EventQuery;
import io.trailwatch.processors.history.LookupAttribute;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * NextToken: where the previous page ended (a position in the history's order, the same on every partition and
 * instance, so it survives rebalances and new events) and a fingerprint of the search it belongs to, so a token
 * is not replayed against another search. Opaque to clients: base64url.
 */
final class PageToken {

    private static final byte VERSION = 1;
    private static final int HEADER = 1 + Long.BYTES + Long.BYTES;

    private PageToken() {
    }

    static String encode(final EventQuery query, final EventPosition position) {
        final byte[] id = position.eventId().getBytes(StandardCharsets.UTF_8);
        final byte[] token = ByteBuffer.allocate(HEADER + id.length).put(VERSION).putLong(fingerprint(query))
            .putLong(position.timeMillis()).put(id).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The position the token resumes after; 400 naming {@code parameter} when it is not this search's token. */
    static EventPosition decode(final String token, final EventQuery query, final String parameter) {
        final byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (final IllegalArgumentException notBase64) {
            throw new ApiErrors.BadRequest(parameter, "is not a NextToken this API issued");
        }
        if (bytes.length <= HEADER || bytes[0] != VERSION) {
            throw new ApiErrors.BadRequest(parameter, "is not a NextToken this API issued");
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        if (buffer.getLong() != fingerprint(query)) {
            throw new ApiErrors.BadRequest(parameter, "belongs to another search: pass the same lookup attributes, "
                + "startTime and endTime as the request that returned it");
        }
        final long time = buffer.getLong();
        return new EventPosition(time, new String(bytes, HEADER, bytes.length - HEADER, StandardCharsets.UTF_8));
    }

    /** What decides which events match: the filters (in any order) and the time range as given. */
    private static long fingerprint(final EventQuery query) {
        final List<String> parts = new ArrayList<>();
        for (final Map.Entry<LookupAttribute, List<String>> filter : query.filters().entrySet()) {
            final List<String> values = new ArrayList<>(filter.getValue());
            values.sort(null);
            values.forEach(value -> parts.add(filter.getKey().key() + '=' + value));
        }
        parts.add("startTime=" + query.startTime());
        parts.add("endTime=" + query.endTime());
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(Arrays.copyOf(digest, Long.BYTES)).getLong();
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
