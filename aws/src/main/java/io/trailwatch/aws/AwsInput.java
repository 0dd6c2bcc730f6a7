package io.trailwatch.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.aws.internals.Timestamps;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads an operation's input members by their model names, refusing a missing or mistyped one with an
 * {@link InvalidRecordException} that names it (each service answers it as its own bad-request error).
 */
public final class AwsInput {

    private final ObjectNode input;

    private AwsInput(final ObjectNode input) {
        this.input = input;
    }

    public static AwsInput of(final JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new InvalidRecordException("input", "must be a structure");
        }
        return new AwsInput((ObjectNode) input);
    }

    public ObjectNode tree() {
        return input;
    }

    public boolean has(final String member) {
        return input.hasNonNull(member);
    }

    public String requiredText(final String member) {
        return text(member).orElseThrow(() -> missing(member));
    }

    public Optional<String> text(final String member) {
        final JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidRecordException(member, "must be a string");
        }
        return Optional.of(value.asText());
    }

    public int requiredInt(final String member) {
        return integer(member).orElseThrow(() -> missing(member));
    }

    public Optional<Integer> integer(final String member) {
        final JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidRecordException(member, "must be an integer");
        }
        return Optional.of(value.intValue());
    }

    public Optional<Long> longValue(final String member) {
        final JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidRecordException(member, "must be an integer");
        }
        return Optional.of(value.longValue());
    }

    public Optional<Boolean> bool(final String member) {
        final JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw new InvalidRecordException(member, "must be true or false");
        }
        return Optional.of(value.booleanValue());
    }

    /** A timestamp member: the protocol decoders leave every timestamp as ISO-8601 text. */
    public Optional<Instant> instant(final String member) {
        return text(member).map(text -> {
            try {
                return Timestamps.ofText(text);
            } catch (final java.time.DateTimeException e) {
                throw new InvalidRecordException(member, "must be a timestamp, was '" + text + "'");
            }
        });
    }

    public Instant requiredInstant(final String member) {
        return instant(member).orElseThrow(() -> missing(member));
    }

    /** A list of strings; empty when absent. */
    public List<String> texts(final String member) {
        final List<String> texts = new ArrayList<>();
        for (final JsonNode element : list(member)) {
            if (!element.isTextual()) {
                throw new InvalidRecordException(member, "must be a list of strings");
            }
            texts.add(element.asText());
        }
        return texts;
    }

    /** A list member's elements; empty when absent. */
    public List<JsonNode> list(final String member) {
        final JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidRecordException(member, "must be a list");
        }
        final List<JsonNode> elements = new ArrayList<>();
        value.forEach(elements::add);
        return elements;
    }

    /** A structure member, empty when absent. */
    public Optional<AwsInput> structure(final String member) {
        final JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw new InvalidRecordException(member, "must be a structure");
        }
        return Optional.of(new AwsInput((ObjectNode) value));
    }

    /**
     * CloudWatch's {@code Dimensions} ({@code [{"Name":..,"Value":..}]}) by name; with {@code valueOptional} a
     * dimension without a value (ListMetrics' DimensionFilter) is kept with a null value.
     */
    public SortedMap<String, String> dimensions(final String member, final boolean valueOptional) {
        final SortedMap<String, String> dimensions = new TreeMap<>();
        for (final JsonNode element : list(member)) {
            final AwsInput dimension = AwsInput.of(element);
            final String name = dimension.requiredText("Name");
            final Optional<String> value = dimension.text("Value");
            if (value.isEmpty() && !valueOptional) {
                throw new InvalidRecordException(member + ".Value", "is required for dimension " + name);
            }
            if (dimensions.containsKey(name)) {
                throw new InvalidRecordException(member, "dimension " + name + " is given twice");
            }
            dimensions.put(name, value.orElse(null));
        }
        return dimensions;
    }

    private static InvalidRecordException missing(final String member) {
        return new InvalidRecordException(member, "is required");
    }
}
