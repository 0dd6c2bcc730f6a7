package io.trailwatch.processors.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One kind of definition as its feature declares it ({@code MetricAlarmDefinition.TYPE}, ...): the record it binds
 * to, its JSON shape, what the API fills in before binding, its name, and the form it is stored in once valid.
 *
 * <p>Every edge that takes a definition (an API request, a config file, a stored entry read back) reads it through
 * its type, so none can bind one without first checking its shape: JSON types without coercion, known fields only
 * ({@link DefinitionShapes}).
 *
 * @param <D> the definition's record
 */
public final class DefinitionType<D> {

    private static final String WHOLE = "(definition)";

    private final DefinitionKind kind;
    private final Class<D> type;
    private final DefinitionShapes.ObjectShape shape;
    private final Function<D, String> name;
    private final UnaryOperator<D> stored;
    /** Null when the API fills nothing in. */
    private final Consumer<ObjectNode> completion;

    private DefinitionType(final DefinitionKind kind, final Class<D> type, final DefinitionShapes.ObjectShape shape,
                           final Function<D, String> name, final UnaryOperator<D> stored,
                           final Consumer<ObjectNode> completion) {
        this.kind = kind;
        this.type = type;
        this.shape = shape;
        this.name = name;
        this.stored = stored;
        this.completion = completion;
    }

    /**
     * @param name   the definition's name (its key on the config topic, within its kind)
     * @param stored validates the definition as the API does (throwing {@link InvalidRecordException} naming the
     *               field) and returns the form to store
     */
    public static <D> DefinitionType<D> of(final DefinitionKind kind, final Class<D> type,
                                           final DefinitionShapes.ObjectShape shape, final Function<D, String> name,
                                           final UnaryOperator<D> stored) {
        return new DefinitionType<>(kind, type, shape, name, stored, null);
    }

    /** A definition stored as it was read, once {@code validation} passes (what it computes is not kept). */
    public static <D> UnaryOperator<D> validatedBy(final Consumer<? super D> validation) {
        return definition -> {
            validation.accept(definition);
            return definition;
        };
    }

    /**
     * This type with {@code completion} (in place of any earlier one): what the API fills in or normalises before
     * binding (a default a primitive field would otherwise silently take as false or 0, another spelling of a
     * field), applied to a copy of the JSON after its shape is checked.
     */
    public DefinitionType<D> completedBy(final Consumer<ObjectNode> completion) {
        return new DefinitionType<>(kind, type, shape, name, stored, completion);
    }

    public DefinitionKind kind() {
        return kind;
    }

    public DefinitionShapes.ObjectShape shape() {
        return shape;
    }

    /** Reads definition JSON text (a stored definition, a request body), not yet validated. */
    public D fromJson(final String json) {
        return fromTree(Definitions.tree(json));
    }

    /** Reads parsed definition JSON, not yet validated: shape checked, completed, bound. */
    public D fromTree(final JsonNode json) {
        final JsonNode node = json == null ? MissingNode.getInstance() : json;
        shape.check(node);
        if (completion == null) {
            return Definitions.bind(node, type);
        }
        // on a copy: the caller's tree (a request body, a stored definition) is not changed
        final ObjectNode completed = ((ObjectNode) node).deepCopy();
        completion.accept(completed);
        return Definitions.bind(completed, type);
    }

    /**
     * Validates one definition given as JSON text (a file, a command's argument); an offending field is named under
     * {@code (definition)}, as a config file names it under its section.
     */
    public DefinitionEntry entry(final String json) {
        final JsonNode tree = Definitions.tree(json);
        try {
            return request(tree);
        } catch (final InvalidRecordException e) {
            throw new InvalidRecordException(WHOLE + "." + e.field(), e.reason());
        }
    }

    /**
     * Validates a definition built in code (its record has exactly the shape's fields, so it is not written to JSON
     * and read back first) into what the config topic keeps.
     */
    public DefinitionEntry entryOf(final D definition) {
        final D kept = stored.apply(definition);
        return new DefinitionEntry(kind, name.apply(kept), Definitions.toJson(kept));
    }

    /** Validates one definition (a request's body, a section of a config file) into what the config topic keeps. */
    public DefinitionEntry request(final JsonNode json) {
        return entryOf(fromTree(json));
    }
}
