package io.trailwatch.processors.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The language in which each feature states the JSON shape of its definitions (the {@code SHAPE} beside each
 * definition record, checked by its {@link DefinitionType} before the definition is bound) and of its API requests:
 * fields and their JSON types, so that nothing is coerced, as AWS's APIs coerce nothing:
 * <ul>
 *   <li>a string field takes a JSON string (not {@code 123}), an integer field a JSON integer within Java's int
 *   (not {@code 1.5}, nor {@code 1.0}, nor {@code "1"}), a number field a JSON number, a boolean field {@code true}
 *   or {@code false}, a list a JSON array;</li>
 *   <li>null reads as absent where the record can hold it (strings, lists, objects), and is rejected for the
 *   numbers and booleans a record holds as primitives (where it would silently become 0 or false);</li>
 *   <li>field names are matched ignoring case, as the definitions are read; a name that is not one of the
 *   definition's fields, or one given twice in different cases, is rejected.</li>
 * </ul>
 * YAML read by Jackson gives the same node types, so config files are held to the same shapes (quote a YAML value
 * that must be a string but looks like a number: {@code metricValue: "1"}). Errors name the field by its path as
 * given, e.g. {@code metricTransformations[0].metricValue}.
 */
public final class DefinitionShapes {

    /** A JSON value's expected shape. */
    public interface Shape {

        /** What the value must be, for messages: "a string", "a list of strings". */
        String expected();

        /** Whether the value is of this shape's JSON type at its top level (a list is an array, ...). */
        boolean fits(JsonNode node);

        /** @throws InvalidRecordException naming the first offending field under {@code path} */
        void check(JsonNode node, String path);

        /** Checks a whole definition; fields are named from its root. */
        default void check(final JsonNode node) {
            check(node, "");
        }
    }

    /** A JSON string. */
    public static final Shape STRING = new Scalar("a string", JsonNode::isTextual);
    /** A JSON integer that fits a Java int. */
    public static final Shape INTEGER = new Scalar("an integer", node -> node.isIntegralNumber() && node.canConvertToInt());
    /**
     * Any JSON number (integer or not) that a double holds: one too large for it (1e400, read as infinity) is not
     * passed on as infinity.
     */
    public static final Shape NUMBER = new Scalar("a number", node -> node.isNumber()
        && (!node.isFloatingPointNumber() || Double.isFinite(node.doubleValue())));
    /** A JSON integer that fits a Java long (epoch milliseconds). */
    public static final Shape LONG = new Scalar("an integer", node -> node.isIntegralNumber()
        && node.canConvertToLong());
    /** true or false. */
    public static final Shape BOOLEAN = new Scalar("a boolean (true or false)", JsonNode::isBoolean);
    /** Any JSON object, whatever it holds (an event pattern). */
    public static final Shape ANY_OBJECT = new Scalar("an object", JsonNode::isObject);

    private DefinitionShapes() {
    }

    /** A field of an object: its name as AWS spells it, its shape, and whether null is accepted (as absent). */
    public record Field(String name, Shape shape, boolean nullable) {
    }

    /** A field that may be absent or null. */
    public static Field optional(final String name, final Shape shape) {
        return new Field(name, shape, true);
    }

    /** A field that may be absent (its record holds a primitive, absent is its default) but not null. */
    public static Field present(final String name, final Shape shape) {
        return new Field(name, shape, false);
    }

    /** An object with these fields only, matched ignoring case. */
    public static ObjectShape object(final String what, final Field... fields) {
        final Map<String, Field> byName = new LinkedHashMap<>();
        for (final Field field : fields) {
            byName.put(lower(field.name()), field);
        }
        return new ObjectShape(what, byName);
    }

    public static Shape listOf(final Shape element) {
        return new ListShape(element);
    }

    /** An object whose keys are free (case-sensitive, as dimension names) and whose values have the shape. */
    public static Shape mapOf(final Shape value) {
        return new MapShape(value);
    }

    /** The first shape whose JSON type the value has. */
    public static Shape either(final Shape first, final Shape second) {
        return new Either(first, second);
    }

    /** An InvalidRecordException saying what the value should have been and what it was. */
    public static InvalidRecordException mismatch(final String path, final String expected, final JsonNode node) {
        final boolean unquoted = expected.equals(STRING.expected()) && (node.isNumber() || node.isBoolean());
        return new InvalidRecordException(path.isEmpty() ? "(definition)" : path, "must be " + expected + ", was "
            + describe(node) + (unquoted ? " (in YAML, quote a value meant as text)" : ""));
    }

    /** What a JSON value is, for messages: "a string", "the number 1.5", "null". */
    public static String describe(final JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNumber()) {
            final String text = node.asText();
            return "the number " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
        }
        return node.isArray() ? "a list" : "an object";
    }

    static String join(final String path, final String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String lower(final String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private record Scalar(String expected, Predicate<JsonNode> test) implements Shape {
        @Override
        public boolean fits(final JsonNode node) {
            return test.test(node);
        }

        @Override
        public void check(final JsonNode node, final String path) {
            if (!test.test(node)) {
                if (this == INTEGER && node.isIntegralNumber()) {
                    throw new InvalidRecordException(path, "must be an integer from " + Integer.MIN_VALUE + " to "
                        + Integer.MAX_VALUE + ", was " + describe(node));
                }
                if (this == NUMBER && node.isNumber()) {
                    throw new InvalidRecordException(path, "must be a finite number, was " + describe(node));
                }
                throw mismatch(path, expected, node);
            }
        }
    }

    private record ListShape(Shape element) implements Shape {
        @Override
        public String expected() {
            return "a list";
        }

        @Override
        public boolean fits(final JsonNode node) {
            return node.isArray();
        }

        @Override
        public void check(final JsonNode node, final String path) {
            if (!node.isArray()) {
                throw mismatch(path, "a list (a JSON array) of " + plural(element), node);
            }
            for (int i = 0; i < node.size(); i++) {
                element.check(node.get(i), path + "[" + i + "]");
            }
        }

        private static String plural(final Shape element) {
            final String one = element.expected();
            return one.startsWith("a string") ? "strings" : one;
        }
    }

    private record MapShape(Shape value) implements Shape {
        @Override
        public String expected() {
            return "an object";
        }

        @Override
        public boolean fits(final JsonNode node) {
            return node.isObject();
        }

        @Override
        public void check(final JsonNode node, final String path) {
            if (!node.isObject()) {
                throw mismatch(path, "an object of names to " + (value == STRING ? "strings" : value.expected()), node);
            }
            final Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext()) {
                final Map.Entry<String, JsonNode> entry = entries.next();
                value.check(entry.getValue(), join(path, entry.getKey()));
            }
        }
    }

    private record Either(Shape first, Shape second) implements Shape {
        @Override
        public String expected() {
            return first.expected() + " or " + second.expected();
        }

        @Override
        public boolean fits(final JsonNode node) {
            return first.fits(node) || second.fits(node);
        }

        @Override
        public void check(final JsonNode node, final String path) {
            if (first.fits(node)) {
                first.check(node, path);
            } else if (second.fits(node)) {
                second.check(node, path);
            } else {
                throw mismatch(path, expected(), node);
            }
        }
    }

    /** An object with known fields only. */
    public static final class ObjectShape implements Shape {
        private final String what;
        private final Map<String, Field> fields;

        private ObjectShape(final String what, final Map<String, Field> fields) {
            this.what = what;
            this.fields = fields;
        }

        /** The fields' names, as AWS spells them. */
        public List<String> fieldNames() {
            return fields.values().stream().map(Field::name).toList();
        }

        @Override
        public String expected() {
            return "an object";
        }

        @Override
        public boolean fits(final JsonNode node) {
            return node.isObject();
        }

        @Override
        public void check(final JsonNode node, final String path) {
            if (!node.isObject()) {
                throw mismatch(path, "an object (" + what + ")", node);
            }
            final Map<String, String> seen = new HashMap<>();
            final Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext()) {
                final Map.Entry<String, JsonNode> entry = entries.next();
                final String name = entry.getKey();
                final String where = join(path, name);
                final Field field = fields.get(lower(name));
                if (field == null) {
                    throw new InvalidRecordException(where, "is not a field of " + what + "; its fields are "
                        + String.join(", ", fieldNames()));
                }
                final String before = seen.put(lower(name), name);
                if (before != null) {
                    throw new InvalidRecordException(where, "is given twice, as '" + before + "' and '" + name
                        + "' (field names are matched ignoring case)");
                }
                final JsonNode value = entry.getValue();
                if (value.isNull()) {
                    if (!field.nullable()) {
                        throw mismatch(where, field.shape().expected(), value);
                    }
                    continue;
                }
                field.shape().check(value, where);
            }
        }
    }
}
