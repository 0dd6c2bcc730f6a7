package io.trailwatch.sinks.archive.digest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the digester is: the start of the next period to digest, the last manifest digested per topic partition,
 * and the newest digest of each account and region (the link the next one chains to). Kept in the bucket, so any
 * worker that runs the connector next carries on; rewriting a period already written yields the same digests.
 */
final class DigesterState {

    /** The newest digest of a chain. */
    record Link(String key, String sha256, String signature) { }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Instant nextStart;
    private final Map<String, String> cursors = new TreeMap<>();
    private final Map<String, Link> chains = new TreeMap<>();

    DigesterState(final Instant nextStart) {
        this.nextStart = nextStart;
    }

    Instant nextStart() {
        return nextStart;
    }

    void nextStart(final Instant start) {
        this.nextStart = start;
    }

    /** Last manifest key digested, per partition folder. */
    Map<String, String> cursors() {
        return cursors;
    }

    /** Newest digest per {@code account/region}. */
    Map<String, Link> chains() {
        return chains;
    }

    byte[] toJson() {
        final ObjectNode node = JSON.createObjectNode();
        node.put("nextStart", nextStart.toString());
        final ObjectNode cursorNode = node.putObject("cursors");
        cursors.forEach(cursorNode::put);
        final ObjectNode chainNode = node.putObject("chains");
        chains.forEach((chain, link) -> {
            final ObjectNode linkNode = chainNode.putObject(chain);
            linkNode.put("key", link.key());
            linkNode.put("sha256", link.sha256());
            linkNode.put("signature", link.signature());
        });
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    static DigesterState parse(final byte[] json) {
        try {
            final JsonNode node = JSON.readTree(json);
            final DigesterState state = new DigesterState(Instant.parse(node.path("nextStart").asText()));
            node.path("cursors").fields().forEachRemaining(entry -> state.cursors.put(entry.getKey(),
                entry.getValue().asText()));
            node.path("chains").fields().forEachRemaining(entry -> state.chains.put(entry.getKey(),
                new Link(entry.getValue().path("key").asText(), entry.getValue().path("sha256").asText(),
                    entry.getValue().path("signature").asText())));
            return state;
        } catch (final IOException e) {
            throw new UncheckedIOException("digester state is not JSON", e);
        }
    }
}
