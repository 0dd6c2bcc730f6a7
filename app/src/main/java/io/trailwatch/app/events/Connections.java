package io.trailwatch.app.events;

import io.trailwatch.app.definitions.DefinitionStore;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.aws.AwsError;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.rules.destinations.ConnectionDefinition;
import java.util.List;
import java.util.Optional;

/**
 * EventBridge connections, whichever API asks (EventBridge's operations, {@code /v1/connections}): validated as a
 * definition and kept on the config topic, with their secrets, which only {@link ConnectionAuthorization} reads.
 */
public final class Connections {

    private final DefinitionStore definitions;

    public Connections(final DefinitionStore definitions) {
        this.definitions = definitions;
    }

    /** Creates a connection; a name in use is EventBridge's ResourceAlreadyExistsException. */
    public synchronized ConnectionDefinition create(final ConnectionDefinition connection) {
        final DefinitionEntry entry = ConnectionDefinition.TYPE.entryOf(connection); // validates
        if (find(connection.name()).isPresent()) {
            throw AwsError.of("ResourceAlreadyExistsException", 400, "Connection " + connection.name()
                + " already exists.");
        }
        definitions.put(entry);
        return connection;
    }

    public Optional<ConnectionDefinition> find(final String name) {
        return definitions.get(ConnectionDefinition.TYPE, name);
    }

    public ConnectionDefinition existing(final String name) {
        return find(name).orElseThrow(() -> notFound(name));
    }

    /** The connections whose name starts with the prefix (all when null), by name. */
    public List<ConnectionDefinition> list(final String prefix) {
        return definitions.list(ConnectionDefinition.TYPE, prefix);
    }

    /** Deletes it and returns it; API destinations that use it fail their invocations from then on. */
    public synchronized ConnectionDefinition delete(final String name) {
        final ConnectionDefinition connection = existing(name);
        definitions.delete(DefinitionKind.CONNECTION, name);
        return connection;
    }

    static ApiErrors.NotFound notFound(final String name) {
        return new ApiErrors.NotFound("Failed to describe the connection(s). Connection '" + name
            + "' does not exist.");
    }
}
