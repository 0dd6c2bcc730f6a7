package io.trailwatch.aws.internals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.aws.AwsApi;
import io.trailwatch.aws.AwsError;
import io.trailwatch.aws.MemberType;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Brings a decoded input to Trailwatch's one typing (timestamps as ISO-8601 text, numbers and booleans typed), and
 * an output to a protocol's (timestamps as epoch seconds for JSON and CBOR), by the service's member types.
 */
public final class WireTypes {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WireTypes() {
    }

    /**
     * Types every member of a decoded input in place: text (from a query form) into numbers and booleans, epoch
     * seconds or ISO-8601 into ISO-8601 text.
     */
    public static void typeInput(final AwsApi api, final ObjectNode input) {
        if (api.typesMembers()) {
            typeObject(api, null, input);
        } else {
            refuseCaseTwins(input);
        }
    }

    /** Only the check of {@link #typeObject}, at every depth, for a service whose members need no typing. */
    private static void refuseCaseTwins(final JsonNode node) {
        if (node.isObject()) {
            checkNames((ObjectNode) node);
            node.elements().forEachRemaining(WireTypes::refuseCaseTwins);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(WireTypes::refuseCaseTwins);
        }
    }

    /**
     * Members differing only in case are refused: services bind members ignoring case, and the gate must read the
     * resource a call names as the service reads it.
     */
    private static void checkNames(final ObjectNode object) {
        if (object.size() < 2) {
            return;
        }
        final java.util.Set<String> names = new java.util.HashSet<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!names.add(name.toLowerCase(java.util.Locale.ROOT))) {
                throw AwsError.serialization("the member " + abbreviate(name) + " is given twice (names differing "
                    + "only in case are the same member)");
            }
        });
    }

    private static void typeObject(final AwsApi api, final String container, final ObjectNode object) {
        checkNames(object);
        final Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> field = fields.next();
            final Optional<MemberType> type = api.memberType(container, field.getKey());
            field.setValue(typeValue(api, container, field.getKey(), type, field.getValue()));
        }
    }

    private static JsonNode typeValue(final AwsApi api, final String container, final String member,
                                      final Optional<MemberType> type, final JsonNode value) {
        if (value.isObject()) {
            typeObject(api, member, (ObjectNode) value);
            return value;
        }
        if (value.isArray()) {
            final ArrayNode array = (ArrayNode) value;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, typeValue(api, container, member, type, array.get(i)));
            }
            return array;
        }
        if (type.isEmpty() || value.isNull()) {
            return value;
        }
        return switch (type.get()) {
            case LIST -> value.isTextual() && value.asText().isEmpty() ? NODES.arrayNode() : value;
            case TIMESTAMP -> NODES.textNode(Timestamps.text(instant(member, value)));
            case INTEGER, LONG -> value.isIntegralNumber() ? value : integral(member, value, type.get());
            case DOUBLE -> value.isNumber() ? NODES.numberNode(value.doubleValue()) : decimal(member, value);
            case BOOLEAN -> value.isBoolean() ? value : bool(member, value);
            case MAP -> value;
        };
    }

    private static Instant instant(final String member, final JsonNode value) {
        final java.util.Optional<Instant> instant = !value.isNumber() ? Timestamps.parse(value.asText())
            : value.canConvertToLong() && value.isIntegralNumber()
                && Math.abs(value.longValue()) <= Instant.MAX.getEpochSecond()
            ? java.util.Optional.of(Instant.ofEpochSecond(value.longValue()))
            : Double.isFinite(value.doubleValue()) ? Timestamps.ofEpochSeconds(value.decimalValue())
            : java.util.Optional.empty();
        return instant.orElseThrow(() -> invalid(member, value, "a timestamp (ISO-8601 or epoch seconds)"));
    }

    private static JsonNode integral(final String member, final JsonNode value, final MemberType type) {
        try {
            final long parsed = Long.parseLong(value.asText().trim());
            return type == MemberType.INTEGER && parsed == (int) parsed ? NODES.numberNode((int) parsed)
                : NODES.numberNode(parsed);
        } catch (final NumberFormatException e) {
            throw invalid(member, value, "an integer");
        }
    }

    private static JsonNode decimal(final String member, final JsonNode value) {
        try {
            return NODES.numberNode(new BigDecimal(value.asText().trim()).doubleValue());
        } catch (final NumberFormatException e) {
            throw invalid(member, value, "a number");
        }
    }

    private static JsonNode bool(final String member, final JsonNode value) {
        final String text = value.asText().trim();
        if (text.equals("true") || text.equals("false")) {
            return NODES.booleanNode(Boolean.parseBoolean(text));
        }
        throw invalid(member, value, "true or false");
    }

    /**
     * A member of the wrong type, as every service's handlers report one ({@link InvalidRecordException}): the
     * endpoint answers it in the service's own bad-request shape (CloudTrail's MaxResults is an
     * {@code InvalidMaxResultsException}, CloudWatch's Period an {@code InvalidParameterValueException}).
     */
    private static InvalidRecordException invalid(final String member, final JsonNode value, final String expected) {
        return new InvalidRecordException(member, "the value " + abbreviate(value.asText()) + " for parameter "
            + member + " is not " + expected);
    }

    private static String abbreviate(final String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }

    /**
     * A copy of an output with each timestamp member as epoch seconds and each double member as a double, as JSON
     * and CBOR answers carry them (null members left out).
     */
    public static JsonNode outputForJson(final AwsApi api, final JsonNode output) {
        return outputValue(api, null, null, output);
    }

    private static JsonNode outputValue(final AwsApi api, final String container, final String member,
                                        final JsonNode value) {
        if (value.isObject()) {
            final ObjectNode copy = NODES.objectNode();
            value.fields().forEachRemaining(field -> {
                if (!field.getValue().isNull()) {
                    copy.set(field.getKey(), outputValue(api, member, field.getKey(), field.getValue()));
                }
            });
            return copy;
        }
        if (value.isArray()) {
            final ArrayNode copy = NODES.arrayNode();
            value.forEach(element -> copy.add(outputValue(api, container, member, element)));
            return copy;
        }
        final Optional<MemberType> type = member == null ? Optional.empty() : api.memberType(container, member);
        if (type.isPresent() && type.get() == MemberType.TIMESTAMP && value.isTextual()) {
            return Timestamps.parse(value.asText()).map(Timestamps::toEpochSeconds)
                .<JsonNode>map(seconds -> seconds instanceof Long whole ? NODES.numberNode(whole)
                    : NODES.numberNode(seconds.doubleValue()))
                .orElse(value);
        }
        if (type.isPresent() && type.get() == MemberType.DOUBLE && value.isNumber()) {
            return NODES.numberNode(value.doubleValue());
        }
        return value;
    }

    /** Whether an output member is a timestamp (CBOR tags its value). */
    public static boolean isTimestamp(final AwsApi api, final String container, final String member) {
        return member != null && api.memberType(container, member).filter(MemberType.TIMESTAMP::equals).isPresent();
    }
}
