package io.trailwatch.aws.internals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.aws.AwsError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The query protocol's form ({@code Action=PutMetricData&MetricData.member.1.Dimensions.member.1.Name=Host}) read
 * into a tree: {@code .member.N} is the N-th element of a list (1-based), {@code .entry.N.key}/{@code .value} an
 * entry of a map, anything else a member of a structure. Every value is text; {@link WireTypes} types it.
 */
public final class QueryForm {

    /** How deep a parameter name may nest (AWS's deepest inputs nest a few levels); deeper ones are refused. */
    private static final int MAX_SEGMENTS = 16;
    /** The query protocol's own limit on list indexes, far above any operation's list limits. */
    private static final int MAX_INDEX = 100_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private QueryForm() {
    }

    /** The parameters of a form body or query string, in order; a repeated name keeps its first value. */
    public static Map<String, String> parameters(final String form) {
        final Map<String, String> parameters = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return parameters;
        }
        for (final String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            final int equals = pair.indexOf('=');
            try {
                final String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals),
                    StandardCharsets.UTF_8);
                final String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1),
                    StandardCharsets.UTF_8);
                parameters.putIfAbsent(name, value);
            } catch (final IllegalArgumentException e) {
                throw AwsError.serialization("the form is not URL-encoded: " + e.getMessage());
            }
        }
        return parameters;
    }

    /** The input tree of the parameters other than {@code Action} and {@code Version}. */
    public static ObjectNode tree(final Map<String, String> parameters) {
        final Map<String, Object> root = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (!name.equals("Action") && !name.equals("Version")) {
                final String[] path = name.split("\\.", MAX_SEGMENTS + 1);
                if (path.length > MAX_SEGMENTS) {
                    throw AwsError.serialization("parameter names nest at most " + MAX_SEGMENTS + " levels");
                }
                put(root, name, path, 0, value);
            }
        });
        return (ObjectNode) toNode(root);
    }

    @SuppressWarnings("unchecked")
    private static void put(final Map<String, Object> structure, final String name, final String[] path,
                            final int at, final String value) {
        final String member = path[at];
        if (member.isEmpty()) {
            throw AwsError.serialization("malformed parameter name " + name);
        }
        if (at == path.length - 1) {
            structure.putIfAbsent(member, value);
            return;
        }
        final String marker = path[at + 1];
        if ((marker.equals("member") || marker.equals("entry")) && at + 2 < path.length) {
            final int index = index(name, path[at + 2]);
            final Object existing = structure.get(member);
            final TreeMap<Integer, Object> elements = existing instanceof Elements list ? list.byIndex
                : new TreeMap<>();
            if (!(existing instanceof Elements)) {
                structure.put(member, new Elements(marker.equals("entry"), elements));
            }
            if (at + 3 == path.length) {
                elements.putIfAbsent(index, value);
                return;
            }
            final Object element = elements.computeIfAbsent(index, i -> new LinkedHashMap<String, Object>());
            if (!(element instanceof Map)) {
                throw AwsError.serialization("parameter " + name + " is both a value and a structure");
            }
            put((Map<String, Object>) element, name, path, at + 3, value);
            return;
        }
        final Object nested = structure.computeIfAbsent(member, m -> new LinkedHashMap<String, Object>());
        if (!(nested instanceof Map)) {
            throw AwsError.serialization("parameter " + name + " is both a value and a structure");
        }
        put((Map<String, Object>) nested, name, path, at + 1, value);
    }

    private static int index(final String name, final String text) {
        try {
            final int index = Integer.parseInt(text);
            if (index >= 1 && index <= MAX_INDEX) {
                return index;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw AwsError.serialization("parameter " + name + " has a list index that is not a number from 1 to "
            + MAX_INDEX);
    }

    /** A list ({@code member}) or map ({@code entry}) by index. */
    private record Elements(boolean map, TreeMap<Integer, Object> byIndex) { }

    @SuppressWarnings("unchecked")
    private static JsonNode toNode(final Object value) {
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Elements elements) {
            if (elements.map()) {
                final ObjectNode map = NODES.objectNode();
                elements.byIndex().values().forEach(entry -> {
                    final Map<String, Object> pair = entry instanceof Map ? (Map<String, Object>) entry : Map.of();
                    if (pair.get("key") instanceof String key) {
                        map.set(key, toNode(pair.getOrDefault("value", "")));
                    }
                });
                return map;
            }
            final ArrayNode list = NODES.arrayNode();
            elements.byIndex().values().forEach(element -> list.add(toNode(element)));
            return list;
        }
        final ObjectNode object = NODES.objectNode();
        ((Map<String, Object>) value).forEach((name, member) -> object.set(name, toNode(member)));
        return object;
    }
}
