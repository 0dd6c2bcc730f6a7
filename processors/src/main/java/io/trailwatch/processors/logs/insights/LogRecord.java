package io.trailwatch.processors.logs.insights;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trailwatch.processors.logs.store.ScannedLogEvent;
import io.trailwatch.processors.logs.store.StoredLogEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * One stored log event as a query sees it: the system fields, the fields earlier commands computed, and, for a
 * message that is a JSON object, its fields discovered as CloudWatch does (nested objects and arrays flattened into
 * dotted paths: {@code detail.items.0.id}). The JSON is read only when a field that is neither a system field nor a
 * computed one is asked for, so a query over plain text never pays for it.
 */
final class LogRecord implements MutableRow {

    static final String TIMESTAMP = "@timestamp";
    static final String MESSAGE = "@message";
    static final String LOG_STREAM = "@logStream";
    static final String LOG = "@log";
    static final String INGESTION_TIME = "@ingestionTime";
    static final String PTR = "@ptr";
    private static final JsonFactory JSON = new JsonFactory();

    private final String logGroupName;
    private final String log;
    private final ScannedLogEvent event;
    private Map<String, Object> computed;
    private Map<String, Object> json;

    /** @param log what {@code @log} shows: {@code <account id>:<log group name>}, as CloudWatch */
    LogRecord(final String logGroupName, final String log, final ScannedLogEvent event) {
        this.logGroupName = logGroupName;
        this.log = log;
        this.event = event;
    }

    long timestamp() {
        return event.timestamp();
    }

    @Override
    public Object get(final String field) {
        if (computed != null && computed.containsKey(field)) {
            return computed.get(field);
        }
        switch (field) {
            case TIMESTAMP:
                return new Timestamp(event.timestamp());
            case MESSAGE:
                return event.event().message();
            case LOG_STREAM:
                return event.logStreamName();
            case LOG:
                return log;
            case INGESTION_TIME:
                return new Timestamp(event.event().ingestionTime());
            case PTR:
                return pointer(logGroupName, event.event());
            default:
                return json().get(field);
        }
    }

    @Override
    public void set(final String field, final Object value) {
        if (computed == null) {
            computed = new HashMap<>();
        }
        computed.put(field, value);
    }

    /**
     * {@code @ptr}: where the event is (group, stream, position), opaque to clients, as GetLogRecord would take it.
     */
    static String pointer(final String logGroupName, final StoredLogEvent event) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((logGroupName + "\n" + event.logStreamName()
            + "\n" + event.position().digits()).getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Object> json() {
        if (json == null) {
            json = discover(event.event().message());
        }
        return json;
    }

    /** The fields of a JSON object message, flattened; none for anything else (or JSON that does not parse). */
    static Map<String, Object> discover(final String message) {
        final Map<String, Object> fields = new HashMap<>();
        final String trimmed = message.strip();
        if (!trimmed.startsWith("{")) {
            return fields;
        }
        try (JsonParser parser = JSON.createParser(trimmed)) {
            parser.nextToken();
            // the path of the value being read; arrays count their elements
            final Deque<String> path = new ArrayDeque<>();
            final Deque<int[]> indexes = new ArrayDeque<>();
            indexes.push(new int[] {-1});
            String name = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    name = parser.getCurrentName();
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    indexes.pop();
                    if (!path.isEmpty()) {
                        path.pop();
                    }
                    continue;
                }
                final int[] index = indexes.peek();
                final String key = index[0] >= 0 ? Integer.toString(index[0]++) : name;
                final String full = path.isEmpty() ? key : path.peek() + "." + key;
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    path.push(full);
                    indexes.push(new int[] {token == JsonToken.START_ARRAY ? 0 : -1});
                } else if (token.isNumeric()) {
                    fields.put(full, parser.getDoubleValue());
                } else if (token != JsonToken.VALUE_NULL) {
                    fields.put(full, parser.getText());
                }
            }
        } catch (final IOException notJson) {
            // a message that looks like JSON but is not has no discovered fields, as CloudWatch treats it
        }
        return fields;
    }
}
