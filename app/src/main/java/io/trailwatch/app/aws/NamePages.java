package io.trailwatch.app.aws;

import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.aws.AwsInput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * AWS's {@code limit} and {@code nextToken} over a list kept in name order (CloudWatch Logs' Describe operations):
 * the token is the last name a page returned, so the next page resumes after it even when entries were added or
 * deleted in between. Opaque to clients: base64url.
 */
public final class NamePages {

    /** The Describe operations' limit: 1 to 50, 50 by default. */
    public static final int MAX_LIMIT = 50;

    private final String limitMember;
    private final String tokenMember;
    private final int maxLimit;

    /**
     * @param limitMember the input's member that limits a page ({@code limit})
     * @param tokenMember the input's member that resumes a listing ({@code nextToken})
     */
    public NamePages(final String limitMember, final String tokenMember) {
        this(limitMember, tokenMember, MAX_LIMIT);
    }

    /**
     * @param limitMember null for an API that takes no page size (SNS's List operations): pages are {@code maxLimit}
     * @param maxLimit    the largest page, and the default
     */
    public NamePages(final String limitMember, final String tokenMember, final int maxLimit) {
        this.limitMember = limitMember;
        this.tokenMember = tokenMember;
        this.maxLimit = maxLimit;
    }

    /** One page of the input's request. */
    public record Page<T>(List<T> items, Optional<String> nextToken) {
    }

    /** The page the input asks for, of {@code all} in ascending name order. */
    public <T> Page<T> page(final AwsInput input, final List<T> all, final Function<T, String> name) {
        return page(input, all, name, Comparator.naturalOrder());
    }

    /** The page the input asks for, of {@code all} in that order of names. */
    public <T> Page<T> page(final AwsInput input, final List<T> all, final Function<T, String> name,
                            final Comparator<String> order) {
        final int limit = limitMember == null ? maxLimit : input.integer(limitMember).orElse(maxLimit);
        if (limit < 1 || limit > maxLimit) {
            throw new ApiErrors.BadRequest(limitMember, "must be from 1 to " + maxLimit + ", was " + limit);
        }
        final Optional<String> after = input.text(tokenMember).map(this::decode);
        final List<T> rest = after.map(last -> all.stream().filter(item -> order.compare(name.apply(item), last) > 0)
            .toList()).orElse(all);
        if (rest.size() <= limit) {
            return new Page<>(rest, Optional.empty());
        }
        final List<T> items = rest.subList(0, limit);
        return new Page<>(items, Optional.of(encode(name.apply(items.get(limit - 1)))));
    }

    private static String encode(final String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    private String decode(final String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException notBase64) {
            throw new ApiErrors.BadRequest(tokenMember, "is not a token this API issued");
        }
    }
}
