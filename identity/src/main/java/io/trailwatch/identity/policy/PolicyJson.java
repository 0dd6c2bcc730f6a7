package io.trailwatch.identity.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON layer of a policy document: text to tree and tree to compact text. Strict where a lenient reader would
 * let two readers disagree about what a policy says: a duplicate key (which of the two Effects counts?) and
 * anything after the document are syntax errors, as they are in IAM.
 */
final class PolicyJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    private PolicyJson() {
    }

    /** The tree of {@code json}, or a {@link MalformedPolicyException} naming the syntax error and where it is. */
    static JsonNode read(final String json) {
        final int characters = json.codePointCount(0, json.length());
        if (characters > PolicyDocument.MAX_CHARACTERS) {
            throw new MalformedPolicyException("Cannot exceed quota for PolicySize: " + PolicyDocument.MAX_CHARACTERS
                + ". The document has " + characters + " characters.");
        }
        try (JsonParser parser = MAPPER.createParser(json)) {
            final JsonNode tree = MAPPER.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw new MalformedPolicyException("Syntax errors in policy. The document is empty.");
            }
            if (parser.nextToken() != null) {
                throw new MalformedPolicyException("Syntax errors in policy. Unexpected content after the policy "
                    + "document" + at(parser.currentTokenLocation()) + ".");
            }
            return tree;
        } catch (final JsonProcessingException e) {
            throw new MalformedPolicyException("Syntax errors in policy. " + e.getOriginalMessage()
                + at(e.getLocation()) + ".", e);
        } catch (final IOException e) {
            throw new UncheckedIOException("reading a policy document from a string", e);
        }
    }

    /** The tree as compact text: no insignificant whitespace, elements in the order they were written. */
    static String compact(final JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException("writing a policy document tree", e);
        }
    }

    private static String at(final JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
