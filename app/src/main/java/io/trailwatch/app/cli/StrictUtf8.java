package io.trailwatch.app.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trailwatch.schemas.json.CloudTrailJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The input of {@code trailwatch publish audit} as text: UTF-8, decoded strictly (a malformed byte is an error, not
 * a replacement character slipped into the audit trail), with the error located by byte, line and column and, when
 * the rest of the document can be read, by record.
 */
final class StrictUtf8 {

    private static final char BOM = '\uFEFF';

    private StrictUtf8() {
    }

    /**
     * The bytes as text, without a leading byte order mark.
     *
     * @throws PublishCommand.InvalidInputException naming where the bytes stop being UTF-8
     */
    static String decode(final byte[] bytes) {
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never decodes to more UTF-16 units than it has bytes, so one buffer holds any input.
        final CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new PublishCommand.InvalidInputException(problem(bytes, in.position(), result.length()));
        }
        if (result.isOverflow()) {
            throw new IllegalStateException("UTF-8 decoded to more characters than bytes");
        }
        out.flip();
        final String text = out.toString();
        return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    }

    /** "record 2 of 3: not valid UTF-8 at byte 1234 (line 5, column 17): the byte 0xff; nothing was published". */
    private static String problem(final byte[] bytes, final int offset, final int length) {
        final String before = new String(bytes, 0, offset, StandardCharsets.UTF_8);
        final int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
        final int column = before.length() - before.lastIndexOf('\n');
        final int end = Math.min(bytes.length, offset + Math.max(1, length));
        final StringBuilder sequence = new StringBuilder(end - offset > 1 ? "the bytes" : "the byte");
        for (int i = offset; i < end; i++) {
            sequence.append(String.format(" 0x%02x", bytes[i] & 0xFF));
        }
        final String record = recordAt(new String(bytes, StandardCharsets.UTF_8), before.length());
        return (record == null ? "" : record + ": ") + "not valid UTF-8 at byte " + offset + " (line " + line
            + ", column " + column + "): " + sequence + (end == bytes.length ? " at the end of the input" : "")
            + "; nothing was published";
    }

    /**
     * Which record of the document holds the character at {@code charOffset}, read from the text decoded with
     * replacement characters: "record 2 of 3"; "record 2" when the document breaks off after that record; null when
     * the offset is in no record that could be read.
     */
    static String recordAt(final String lenientText, final int charOffset) {
        final boolean bom = !lenientText.isEmpty() && lenientText.charAt(0) == BOM;
        final String text = bom ? lenientText.substring(1) : lenientText;
        final int offset = bom ? charOffset - 1 : charOffset;
        final List<long[]> spans = new ArrayList<>();
        boolean complete = false;
        try (JsonParser parser = CloudTrailJson.MAPPER.createParser(text)) {
            final JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                elements(parser, spans);
            } else if (first == JsonToken.START_OBJECT) {
                object(parser, spans);
            }
            complete = true;
        } catch (final IOException | RuntimeException unreadable) {
            // the records read before the document broke off can still hold the offset
        }
        for (int i = 0; i < spans.size(); i++) {
            if (spans.get(i)[0] <= offset && offset < spans.get(i)[1]) {
                return "record " + (i + 1) + (complete ? " of " + spans.size() : "");
            }
        }
        return null;
    }

    /** Each element of the array the parser is at the start of: a record, from its first character to past its last. */
    private static void elements(final JsonParser parser, final List<long[]> spans) throws IOException {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            final long start = parser.currentTokenLocation().getCharOffset();
            parser.skipChildren();
            spans.add(new long[] {start, parser.currentLocation().getCharOffset()});
        }
    }

    /**
     * An object: one record, or {@code {"Records":[...]}}, told apart as {@link CloudTrailJson#records} does (a
     * "Records" array and no "eventName").
     */
    private static void object(final JsonParser parser, final List<long[]> spans) throws IOException {
        final long start = parser.currentTokenLocation().getCharOffset();
        final List<long[]> records = new ArrayList<>();
        boolean hasRecords = false;
        boolean hasEventName = false;
        try {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                final String name = parser.currentName();
                final JsonToken value = parser.nextToken();
                if ("Records".equals(name) && value == JsonToken.START_ARRAY) {
                    hasRecords = true;
                    elements(parser, records);
                } else {
                    hasEventName |= "eventName".equals(name);
                    parser.skipChildren();
                }
            }
        } finally {
            if (hasRecords && !hasEventName) {
                spans.addAll(records);
            }
        }
        if (!hasRecords || hasEventName) {
            spans.add(new long[] {start, parser.currentLocation().getCharOffset()});
        }
    }
}
