package io.trailwatch.app.events;

import io.trailwatch.app.definitions.DefinitionStore;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.aws.AwsError;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.rules.destinations.ApiDestinationDefinition;
import java.util.List;
import java.util.Optional;

/**
 * EventBridge API destinations, whichever API asks (EventBridge's operations, {@code /v1/api-destinations}): each
 * names a connection that exists when it is created.
 */
public final class ApiDestinations {

    private final DefinitionStore definitions;
    private final Connections connections;

    public ApiDestinations(final DefinitionStore definitions, final Connections connections) {
        this.definitions = definitions;
        this.connections = connections;
    }

    public synchronized ApiDestinationDefinition create(final ApiDestinationDefinition destination) {
        final DefinitionEntry entry = ApiDestinationDefinition.TYPE.entryOf(destination); // validates
        connections.existing(destination.connectionName());
        if (find(destination.name()).isPresent()) {
            throw AwsError.of("ResourceAlreadyExistsException", 400, "An api-destination '" + destination.name()
                + "' already exists.");
        }
        definitions.put(entry);
        return destination;
    }

    public Optional<ApiDestinationDefinition> find(final String name) {
        return definitions.get(ApiDestinationDefinition.TYPE, name);
    }

    public ApiDestinationDefinition existing(final String name) {
        return find(name).orElseThrow(() -> notFound(name));
    }

    /** The destinations whose name starts with the prefix (all when null), of one connection (any when null). */
    public List<ApiDestinationDefinition> list(final String prefix, final String connectionName) {
        return definitions.list(ApiDestinationDefinition.TYPE, prefix).stream()
            .filter(destination -> connectionName == null || connectionName.equals(destination.connectionName()))
            .toList();
    }

    /** Deletes it; rules that still target it dead-letter their events with the reason. */
    public synchronized void delete(final String name) {
        existing(name);
        definitions.delete(DefinitionKind.API_DESTINATION, name);
    }

    static ApiErrors.NotFound notFound(final String name) {
        return new ApiErrors.NotFound("Failed to describe the api-destination(s). An api-destination '" + name
            + "' does not exist.");
    }
}
