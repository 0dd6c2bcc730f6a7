package io.trailwatch.processors.config;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Definitions parsed on a hot path, one at a time by their config key: each is parsed again only when its JSON has
 * changed, so a processor that reads the same definitions for every record (an alarm's actions at each of its
 * transitions, a topic's subscriptions at each publication) parses each of them once, not once per record. For one
 * processor instance (one task's thread). Bounded: past {@code limit} keys it starts over.
 *
 * @param <D> the parsed form
 */
public final class ParsedDefinitions<D> {

    private final Function<String, D> parser;
    private final int limit;
    private final Map<String, Parsed<D>> byKey = new HashMap<>();

    private record Parsed<D>(String json, D value) {
    }

    /** Definitions one processor instance keeps parsed: far more than a deployment defines of one kind. */
    static final int DEFAULT_LIMIT = 100_000;

    /** @param parser turns a definition's JSON into its parsed form; what it throws reaches the caller */
    public ParsedDefinitions(final Function<String, D> parser) {
        this(parser, DEFAULT_LIMIT);
    }

    ParsedDefinitions(final Function<String, D> parser, final int limit) {
        this.parser = parser;
        this.limit = limit;
    }

    /** The parsed form of the definition stored under {@code key}, whose JSON is now {@code json}. */
    public D get(final String key, final String json) {
        final Parsed<D> parsed = byKey.get(key);
        if (parsed != null && parsed.json().equals(json)) {
            return parsed.value();
        }
        if (byKey.size() >= limit) {
            byKey.clear();
        }
        final D value = parser.apply(json);
        byKey.put(key, new Parsed<>(json, value));
        return value;
    }
}
