package io.trailwatch.aws.internals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.trailwatch.aws.AwsApi;
import io.trailwatch.aws.AwsError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Smithy RPC v2 CBOR bodies: read into a tree (a timestamp's tag 1 is dropped, leaving its epoch seconds, which
 * {@link WireTypes} reads by the member's type), written from one with each timestamp member tagged 1, as the
 * protocol requires.
 */
public final class Cbor {

    private static final CBORFactory FACTORY = new CBORFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private Cbor() {
    }

    public static JsonNode read(final byte[] body) {
        try {
            return body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        } catch (final IOException e) {
            throw AwsError.serialization("the body is not CBOR: " + e.getMessage());
        }
    }

    /** {@code output} as {@link WireTypes#outputForJson} typed it: timestamps as epoch seconds, to be tagged. */
    public static byte[] write(final AwsApi api, final JsonNode output) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CBORGenerator cbor = FACTORY.createGenerator(bytes)) {
            value(cbor, api, null, null, output);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void value(final CBORGenerator cbor, final AwsApi api, final String container, final String member,
                              final JsonNode value) throws IOException {
        if (value.isObject()) {
            cbor.writeStartObject();
            for (final Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
                cbor.writeFieldName(field.getKey());
                value(cbor, api, member, field.getKey(), field.getValue());
            }
            cbor.writeEndObject();
        } else if (value.isArray()) {
            cbor.writeStartArray();
            for (final JsonNode element : value) {
                value(cbor, api, container, member, element);
            }
            cbor.writeEndArray();
        } else {
            if (value.isNumber() && api != null && WireTypes.isTimestamp(api, container, member)) {
                cbor.writeTag(1);
            }
            MAPPER.writeTree(cbor, value);
        }
    }
}
