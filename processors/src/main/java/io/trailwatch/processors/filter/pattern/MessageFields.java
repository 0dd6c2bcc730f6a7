package io.trailwatch.processors.filter.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a log message into the fields a space-delimited pattern names. Fields are separated by whitespace;
 * text between {@code [} and {@code ]} or between two {@code "} is one field, delivered without its brackets or
 * quotes (AWS: {@code [10/Oct/2000:13:25:15 -0700]} yields "10/Oct/2000:13:25:15 -0700"). An opening bracket or
 * quote that is never closed is ordinary text.
 */
final class MessageFields {

    /** One field: where it starts in the message (its bracket or quote included) and its value. */
    record Field(int start, String value) {
    }

    private MessageFields() {
    }

    static List<Field> split(final String message) {
        final List<Field> fields = new ArrayList<>();
        final int length = message.length();
        int i = 0;
        while (true) {
            while (i < length && Character.isWhitespace(message.charAt(i))) {
                i++;
            }
            if (i >= length) {
                return fields;
            }
            final int start = i;
            final char open = message.charAt(i);
            final int close = open == '"' ? message.indexOf('"', i + 1)
                : open == '[' ? message.indexOf(']', i + 1) : -1;
            if (close >= 0) {
                fields.add(new Field(start, message.substring(start + 1, close)));
                i = close + 1;
            } else {
                while (i < length && !Character.isWhitespace(message.charAt(i))) {
                    i++;
                }
                fields.add(new Field(start, message.substring(start, i)));
            }
        }
    }
}
