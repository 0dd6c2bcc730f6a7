package io.trailwatch.identity.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An identity-based policy document, as IAM's policy grammar defines it, parsed and checked once so that it can be
 * evaluated many times ({@link PolicyEvaluator}) and stored or returned as written ({@link #json()}).
 *
 * <p>What IAM would refuse, {@link #parse} refuses with a {@link MalformedPolicyException} that says what is
 * wrong: unknown elements, duplicate keys, values of the wrong JSON type, anything after the document, a missing
 * {@code Effect}, an action without its service prefix, a resource that is neither {@code *} nor an ARN, a
 * {@code Principal} (which belongs in resource-based policies), a document over
 * {@value #MAX_CHARACTERS} characters. A {@code Condition} is refused too, though IAM accepts it:
 * Trailwatch does not evaluate conditions yet, and a policy applied without the condition its author wrote would
 * grant more (or deny less) than intended.
 */
public final class PolicyDocument {

    /** The current policy language version, with policy variables. */
    public static final String VERSION_2012_10_17 = "2012-10-17";
    /** The original policy language version, and the one of a document without {@code Version}. */
    public static final String VERSION_2008_10_17 = "2008-10-17";

    /**
     * The largest document accepted, in characters, whitespace included: IAM's quota for a customer managed policy.
     * IAM does not count whitespace there, and allows only 2,048 characters for an inline user policy; Trailwatch
     * applies one simple limit to every document, the one of managed policies, counted on the text as given so that
     * the parser's work is bounded before it starts.
     */
    public static final int MAX_CHARACTERS = 6144;

    private final String json;
    private final String version;
    private final String id;
    private final List<Statement> statements;

    PolicyDocument(final String json, final String version, final String id, final List<Statement> statements) {
        this.json = json;
        this.version = version;
        this.id = id;
        this.statements = List.copyOf(statements);
    }

    /**
     * The policy document written as {@code json}.
     *
     * @throws MalformedPolicyException when IAM would refuse the document, or Trailwatch cannot enforce all of it
     */
    public static PolicyDocument parse(final String json) {
        return PolicyParser.parse(Objects.requireNonNull(json, "json"));
    }

    /**
     * The document as given, compacted: the same elements in the same order with the same values, without the
     * whitespace between them. What to store and to return (as GetPolicyVersion does); parsing it again gives an
     * equal document.
     */
    public String json() {
        return json;
    }

    /** {@link #VERSION_2012_10_17} or {@link #VERSION_2008_10_17}, the latter when the document has no Version. */
    public String version() {
        return version;
    }

    /** The document's {@code Id}, when it has one. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** The statements in document order; a single statement object is a list of one. */
    public List<Statement> statements() {
        return statements;
    }

    /** Documents are equal when their compact texts are: the same elements, in the same order. */
    @Override
    public boolean equals(final Object o) {
        return o instanceof PolicyDocument && ((PolicyDocument) o).json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return json;
    }
}
