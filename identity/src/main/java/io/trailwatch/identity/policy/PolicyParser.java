package io.trailwatch.identity.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The document level of IAM's policy grammar for identity-based policies: {@code Version}, {@code Id} and
 * {@code Statement}, one statement or an array of them. Each statement is left to {@link StatementParser}.
 */
final class PolicyParser {

    private static final Set<String> VERSIONS = Set.of(PolicyDocument.VERSION_2012_10_17,
        PolicyDocument.VERSION_2008_10_17);

    private PolicyParser() {
    }

    static PolicyDocument parse(final String json) {
        final JsonNode tree = PolicyJson.read(json);
        if (!tree.isObject()) {
            throw new MalformedPolicyException("Syntax errors in policy. The policy document must be a JSON object, "
                + "not " + describe(tree) + ".");
        }
        String version = PolicyDocument.VERSION_2008_10_17;
        String id = null;
        JsonNode statement = null;
        for (final Map.Entry<String, JsonNode> element : tree.properties()) {
            switch (element.getKey()) {
                case "Version" -> version = version(text("", element.getKey(), element.getValue()));
                case "Id" -> id = text("", element.getKey(), element.getValue());
                case "Statement" -> statement = element.getValue();
                default -> throw new MalformedPolicyException("Syntax errors in policy. Unknown element '"
                    + element.getKey() + "' in the policy document; it may have Version, Id and Statement.");
            }
        }
        if (statement == null) {
            throw new MalformedPolicyException("Missing required field Statement.");
        }
        return new PolicyDocument(PolicyJson.compact(tree), version, id, statements(statement, version));
    }

    private static String version(final String version) {
        if (!VERSIONS.contains(version)) {
            throw new MalformedPolicyException("Invalid Version '" + version + "': Version must be "
                + PolicyDocument.VERSION_2012_10_17 + " or " + PolicyDocument.VERSION_2008_10_17 + ".");
        }
        return version;
    }

    private static List<Statement> statements(final JsonNode statement, final String version) {
        if (statement.isObject()) {
            return List.of(new StatementParser("Statement", version).parse(statement));
        }
        if (!statement.isArray()) {
            throw new MalformedPolicyException("Statement must be an object or an array of objects, not "
                + describe(statement) + ".");
        }
        if (statement.isEmpty()) {
            throw new MalformedPolicyException("Statement must not be empty: a policy has at least one statement.");
        }
        final List<Statement> statements = new ArrayList<>();
        final Set<String> sids = new HashSet<>();
        for (int i = 0; i < statement.size(); i++) {
            final String where = "Statement[" + i + "]";
            final JsonNode element = statement.get(i);
            if (!element.isObject()) {
                throw new MalformedPolicyException(where + " must be an object, not " + describe(element) + ".");
            }
            final Statement parsed = new StatementParser(where, version).parse(element);
            parsed.sid().filter(sid -> !sid.isEmpty() && !sids.add(sid)).ifPresent(sid -> {
                throw new MalformedPolicyException("Statement IDs (SID) in a single policy must be unique: '" + sid
                    + "' is used more than once.");
            });
            statements.add(parsed);
        }
        return statements;
    }

    /** The string value of an element, or an error naming the element and the type it has instead. */
    static String text(final String where, final String element, final JsonNode value) {
        if (!value.isTextual()) {
            throw new MalformedPolicyException(where + element + " must be a string, not " + describe(value) + ".");
        }
        return value.textValue();
    }

    /** A JSON value's type as an error message names it: "a number", "an array", "null". */
    static String describe(final JsonNode value) {
        final String type = value.getNodeType().name().toLowerCase(Locale.ROOT);
        return switch (value.getNodeType()) {
            case NULL -> "null";
            case ARRAY, OBJECT -> "an " + type;
            default -> "a " + type;
        };
    }
}
