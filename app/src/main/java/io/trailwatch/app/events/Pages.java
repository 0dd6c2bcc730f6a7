package io.trailwatch.app.events;

import io.trailwatch.aws.AwsInput;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * EventBridge's paging of its lists (ListRules, ListTargetsByRule): {@code Limit} 1 to 100 items a page (100 when
 * absent), and a {@code NextToken} that names, opaquely, the last item of the previous page.
 */
final class Pages {

    static final int MAX_LIMIT = 100;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** One page and the token of the next, empty on the last. */
    record Page<T>(List<T> items, Optional<String> nextToken) { }

    private Pages() {
    }

    /** The page of {@code all} (in a stable order, each with a unique key) that the input's members ask for. */
    static <T> Page<T> of(final List<T> all, final Function<T, String> key, final AwsInput input) {
        final int limit = input.integer("Limit").orElse(MAX_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRecordException("Limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        final int start = input.text("NextToken").map(token -> after(all, key, token)).orElse(0);
        final int end = Math.min(all.size(), start + limit);
        final Optional<String> next = end < all.size()
            ? Optional.of(ENCODER.encodeToString(key.apply(all.get(end - 1)).getBytes(StandardCharsets.UTF_8)))
            : Optional.empty();
        return new Page<>(all.subList(start, end), next);
    }

    private static <T> int after(final List<T> all, final Function<T, String> key, final String token) {
        final String last;
        try {
            last = new String(DECODER.decode(token), StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException notOurs) {
            throw invalid();
        }
        for (int i = 0; i < all.size(); i++) {
            if (key.apply(all.get(i)).equals(last)) {
                return i + 1;
            }
        }
        throw invalid();
    }

    private static InvalidRecordException invalid() {
        return new InvalidRecordException("NextToken", "is not a token of this list (or its item was deleted)");
    }
}
