package io.trailwatch.identity.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The statement level of IAM's policy grammar for identity-based policies, for one statement: {@code Sid},
 * {@code Effect}, exactly one of {@code Action} and {@code NotAction}, exactly one of {@code Resource} and
 * {@code NotResource}. Every error names the statement ({@code Statement[2]: ...}), as a policy may have many.
 *
 * <p>Two things IAM accepts are refused here, because Trailwatch would otherwise enforce less than the author
 * wrote: a {@code Condition} (Trailwatch evaluates none yet; ignoring one would turn a restricted Allow into an
 * unrestricted one and a narrow Deny into none) and, in a version 2012-10-17 document, a policy variable such as
 * {@code ${aws:username}} in a resource (IAM substitutes it; taken literally it would match nothing).
 */
final class StatementParser {

    /** IAM's rule for statement ids. */
    private static final Pattern SID = Pattern.compile("[0-9A-Za-z]*");
    /** A service prefix as IAM's service authorization reference spells them: {@code cloudtrail-data}. */
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9-]+");
    /** An action name, with the wildcards that may stand for part of it: {@code Describe*}. */
    private static final Pattern ACTION_NAME = Pattern.compile("[A-Za-z0-9_.*?-]+");
    private static final String EVERYTHING = "*";

    private final String where;
    private final String version;

    private String sid;
    private Effect effect;
    private PatternBlock action;
    private PatternBlock resource;

    /**
     * @param where   how errors name the statement: {@code Statement} or {@code Statement[i]}
     * @param version the document's version, which decides whether {@code ${...}} is a policy variable
     */
    StatementParser(final String where, final String version) {
        this.where = where + ": ";
        this.version = version;
    }

    Statement parse(final JsonNode statement) {
        for (final Map.Entry<String, JsonNode> element : statement.properties()) {
            final String name = element.getKey();
            final JsonNode value = element.getValue();
            switch (name) {
                case "Sid" -> sid = sid(PolicyParser.text(where, name, value));
                case "Effect" -> effect = effect(PolicyParser.text(where, name, value));
                case "Action", "NotAction" -> action = actions(name, value);
                case "Resource", "NotResource" -> resource = resources(name, value);
                case "Principal", "NotPrincipal" -> throw malformed("Policy document should not specify a principal ("
                    + name + "): an identity-based policy applies to the user, group or role it is attached to.");
                case "Condition" -> throw malformed("Condition is not supported by Trailwatch yet. Trailwatch rejects "
                    + "the policy rather than apply it without its condition; express the restriction with Action, "
                    + "NotAction, Resource or NotResource instead.");
                default -> throw malformed("Unknown element '" + name + "'; a statement may "
                    + "have Sid, Effect, Action or NotAction, and Resource or NotResource.");
            }
        }
        if (effect == null) {
            throw malformed("Missing required field Effect.");
        }
        if (action == null) {
            throw malformed("Policy statement must contain actions: Action or NotAction is required.");
        }
        if (resource == null) {
            throw malformed("Policy statement must contain resources: Resource or NotResource is required.");
        }
        return new Statement(sid, effect, action, resource);
    }

    private String sid(final String value) {
        if (!SID.matcher(value).matches()) {
            throw malformed("Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular "
                + "expression [0-9A-Za-z]*: '" + value + "' does not.");
        }
        return value;
    }

    private Effect effect(final String value) {
        return Effect.fromJson(value).orElseThrow(() -> malformed("Invalid effect: " + value
            + ". Effect must be \"Allow\" or \"Deny\" (case-sensitive)."));
    }

    private PatternBlock actions(final String name, final JsonNode value) {
        if (action != null) {
            throw malformed(action.element() + " and " + name + " cannot both be present; a statement has exactly "
                + "one of Action and NotAction.");
        }
        final List<String> patterns = strings(name, value, "actions");
        patterns.forEach(pattern -> checkAction(name, pattern));
        return PatternBlock.actions(name.startsWith("Not"), patterns);
    }

    private PatternBlock resources(final String name, final JsonNode value) {
        if (resource != null) {
            throw malformed(resource.element() + " and " + name + " cannot both be present; a statement has exactly "
                + "one of Resource and NotResource.");
        }
        final List<String> patterns = strings(name, value, "resources");
        patterns.forEach(pattern -> checkResource(name, pattern));
        return PatternBlock.resources(name.startsWith("Not"), patterns);
    }

    /** {@code *}, or {@code service:Action} where the action name may hold wildcards. */
    private void checkAction(final String name, final String pattern) {
        if (pattern.equals(EVERYTHING)) {
            return;
        }
        final int colon = pattern.indexOf(':');
        if (colon < 0) {
            throw malformed(name + " '" + pattern + "' must be prefaced by a service, as in cloudwatch:DescribeAlarms "
                + "(Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.).");
        }
        final String service = pattern.substring(0, colon);
        if (!SERVICE.matcher(service).matches()) {
            throw malformed(name + " '" + pattern + "' has an invalid service prefix '" + service + "': a service "
                + "prefix is letters, digits and hyphens, without wildcards.");
        }
        final String action = pattern.substring(colon + 1);
        if (!ACTION_NAME.matcher(action).matches()) {
            throw malformed(name + " '" + pattern + "' has an invalid action name '" + action + "': an action name is "
                + "letters, digits, '_', '.', '-' and the wildcards * and ?.");
        }
    }

    /**
     * {@code *}, or an ARN {@code arn:partition:service:region:account:resource} that may hold wildcards. As a
     * {@code *} may span colons, a pattern may have fewer parts when a {@code *} after the service stands for the
     * missing ones ({@code arn:aws:logs:*}); what could match no ARN at all ({@code arn:aws:s3}, or
     * {@code arn:aws:s3:::} without its resource) is an error.
     */
    private void checkResource(final String name, final String pattern) {
        if (pattern.equals(EVERYTHING)) {
            return;
        }
        if (!isArnPattern(pattern)) {
            throw malformed(name + " " + pattern + " must be in ARN format or \"*\": "
                + "arn:partition:service:region:account-id:resource, where a * may stand for several parts.");
        }
        if (version.equals(PolicyDocument.VERSION_2012_10_17) && pattern.contains("${")) {
            throw malformed(name + " " + pattern + " uses a policy variable, which Trailwatch does not support yet. "
                + "Trailwatch rejects the policy rather than match the variable's text literally.");
        }
    }

    private static boolean isArnPattern(final String pattern) {
        final String[] parts = pattern.split(":", 6);
        if (parts.length < 3 || !parts[0].equals("arn") || parts[1].isEmpty() || parts[2].isEmpty()) {
            return false;
        }
        if (parts.length == 6) {
            return !parts[5].isEmpty();
        }
        final int afterService = parts[0].length() + parts[1].length() + parts[2].length() + 2;
        return pattern.indexOf('*', afterService) >= 0;
    }

    /** A string or a non-empty array of strings, as a list. */
    private List<String> strings(final String name, final JsonNode value, final String what) {
        if (value.isTextual()) {
            return List.of(value.textValue());
        }
        if (!value.isArray()) {
            throw malformed(name + " must be a string or an array of strings, not " + PolicyParser.describe(value)
                + ".");
        }
        if (value.isEmpty()) {
            throw malformed("Policy statement must contain " + what + ": " + name + " is empty.");
        }
        final List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            strings.add(PolicyParser.text(where, name + "[" + i + "]", value.get(i)));
        }
        return strings;
    }

    private MalformedPolicyException malformed(final String message) {
        return new MalformedPolicyException(where + message);
    }
}
