package io.trailwatch.processors.rules.destinations;

import static io.trailwatch.processors.config.DefinitionShapes.INTEGER;
import static io.trailwatch.processors.config.DefinitionShapes.LONG;
import static io.trailwatch.processors.config.DefinitionShapes.STRING;
import static io.trailwatch.processors.config.DefinitionShapes.object;
import static io.trailwatch.processors.config.DefinitionShapes.optional;
import static io.trailwatch.processors.config.DefinitionShapes.present;

import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionShapes.ObjectShape;
import io.trailwatch.processors.config.DefinitionType;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.Set;

/**
 * An API destination, as EventBridge's CreateApiDestination makes it: an HTTP endpoint that rule targets invoke
 * with the event, authorized by its connection, at most {@code invocationRateLimitPerSecond} requests a second.
 *
 * @param name                         1 to 64 characters of {@code [.-_A-Za-z0-9]}
 * @param connectionName               the connection whose authorization every request carries
 * @param invocationEndpoint           an https:// URL (http:// for localhost), at most 2,048 characters
 * @param httpMethod                   POST, GET, HEAD, OPTIONS, PUT, PATCH or DELETE
 * @param invocationRateLimitPerSecond at least 1 (EventBridge's default and quota: 300)
 * @param description                  at most 512 characters
 * @param creationTime                 epoch milliseconds
 */
public record ApiDestinationDefinition(String name, String connectionName, String invocationEndpoint,
                                       String httpMethod, int invocationRateLimitPerSecond, String description,
                                       long creationTime) {

    /** Its JSON fields and their types, as the API takes it. */
    public static final ObjectShape SHAPE = object("an API destination (CreateApiDestination)",
        optional("Name", STRING),
        optional("ConnectionName", STRING),
        optional("InvocationEndpoint", STRING),
        optional("HttpMethod", STRING),
        present("InvocationRateLimitPerSecond", INTEGER),
        optional("Description", STRING),
        present("CreationTime", LONG));

    /** How it is read, checked and stored: every edge that takes one reads it through this. */
    public static final DefinitionType<ApiDestinationDefinition> TYPE = DefinitionType.of(
        DefinitionKind.API_DESTINATION, ApiDestinationDefinition.class, SHAPE, ApiDestinationDefinition::name,
        ApiDestinationDefinition::validate);

    /** EventBridge's default rate and its default quota. */
    public static final int DEFAULT_RATE = 300;
    private static final Set<String> METHODS = Set.of("POST", "GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE");

    public ApiDestinationDefinition validate() {
        ConnectionDefinition.requireName("Name", name);
        ConnectionDefinition.requireName("ConnectionArn", connectionName);
        InvocationUrls.require("InvocationEndpoint", invocationEndpoint);
        if (!METHODS.contains(httpMethod)) {
            throw new InvalidRecordException("HttpMethod", "must be one of POST, GET, HEAD, OPTIONS, PUT, PATCH, "
                + "DELETE");
        }
        if (invocationRateLimitPerSecond < 1 || invocationRateLimitPerSecond > DEFAULT_RATE) {
            throw new InvalidRecordException("InvocationRateLimitPerSecond", "must be 1 to " + DEFAULT_RATE);
        }
        if (description != null && description.length() > 512) {
            throw new InvalidRecordException("Description", "must be at most 512 characters");
        }
        return this;
    }
}
