package io.trailwatch.app.events;

import static io.trailwatch.identity.AwsService.EVENTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.aws.AwsApis;
import io.trailwatch.app.aws.AwsOperations;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.aws.AwsOperation;
import io.trailwatch.processors.rules.destinations.ApiDestinationDefinition;
import io.trailwatch.processors.rules.destinations.ConnectionDefinition;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * EventBridge's connection and API destination operations in AWS's protocol (CreateConnection, DescribeConnection,
 * ListConnections, DeleteConnection, CreateApiDestination, DescribeApiDestination, ListApiDestinations,
 * DeleteApiDestination), which the {@code /v1} routes ({@link ApiDestinationRoutes}) call too. A connection's
 * secrets (ApiKeyValue, Password, ClientSecret) are taken and never answered: Describe shows the key's name, the
 * user or the client id only. Parameters Trailwatch does not implement (extra HTTP parameters, private endpoints,
 * customer keys) are refused, not ignored.
 */
public final class ApiDestinationAwsOperations implements AwsOperations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONNECTION_TYPE = "AWS::Events::Connection";
    private static final String DESTINATION_TYPE = "AWS::Events::ApiDestination";
    /** Trailwatch authorizes when a connection is created: it is AUTHORIZED from then on. */
    private static final String AUTHORIZED = "AUTHORIZED";

    private final Connections connections;
    private final ApiDestinations destinations;
    private final ApiDestinationArns arns;
    private final Clock clock;

    public ApiDestinationAwsOperations(final Connections connections, final ApiDestinations destinations,
                                       final ApiDestinationArns arns, final Clock clock) {
        this.connections = connections;
        this.destinations = destinations;
        this.arns = arns;
        this.clock = clock;
    }

    @Override
    public void addTo(final AwsApis apis) {
        apis.eventBridge()
            .operation(EVENTS.write("CreateConnection"), named(arns::connection, CONNECTION_TYPE),
                this::createConnection)
            .operation(EVENTS.read("DescribeConnection"), named(arns::connection, CONNECTION_TYPE),
                this::describeConnection)
            .operation(EVENTS.read("ListConnections"), this::listConnections)
            .operation(EVENTS.write("DeleteConnection"), named(arns::connection, CONNECTION_TYPE),
                this::deleteConnection)
            .operation(EVENTS.write("CreateApiDestination"), named(arns::apiDestination, DESTINATION_TYPE),
                this::createApiDestination)
            .operation(EVENTS.read("DescribeApiDestination"), named(arns::apiDestination, DESTINATION_TYPE),
                this::describeApiDestination)
            .operation(EVENTS.read("ListApiDestinations"), this::listApiDestinations)
            .operation(EVENTS.write("DeleteApiDestination"), named(arns::apiDestination, DESTINATION_TYPE),
                this::deleteApiDestination);
    }

    private static Function<ObjectNode, Optional<AwsOperation.Resource>> named(final Function<String, String> arn,
                                                                               final String type) {
        return input -> Optional.ofNullable(input.path("Name").textValue())
            .map(name -> new AwsOperation.Resource(List.of(arn.apply(name)), type));
    }

    JsonNode createConnection(final ObjectNode request) {
        final AwsInput input = AwsInput.of(request);
        refuse(input, "InvocationConnectivityParameters", "KmsKeyIdentifier");
        final AwsInput auth = input.structure("AuthParameters").orElseThrow(() ->
            new InvalidRecordException("AuthParameters", "is required"));
        refuse(auth, "InvocationHttpParameters", "ConnectivityParameters");
        final ConnectionDefinition.ApiKey apiKey = auth.structure("ApiKeyAuthParameters").map(key ->
            new ConnectionDefinition.ApiKey(key.text("ApiKeyName").orElse(null), key.text("ApiKeyValue")
                .orElse(null))).orElse(null);
        final ConnectionDefinition.Basic basic = auth.structure("BasicAuthParameters").map(user ->
            new ConnectionDefinition.Basic(user.text("Username").orElse(null), user.text("Password").orElse(null)))
            .orElse(null);
        final ConnectionDefinition.OAuth oauth = auth.structure("OAuthParameters").map(this::oauth).orElse(null);
        final ConnectionDefinition connection = connections.create(new ConnectionDefinition(
            input.requiredText("Name"), input.requiredText("AuthorizationType"), apiKey, basic, oauth,
            input.text("Description").orElse(null), clock.millis()));
        return times(JSON.createObjectNode().put("ConnectionArn", arns.connection(connection.name()))
            .put("ConnectionState", AUTHORIZED), connection.creationTime());
    }

    private ConnectionDefinition.OAuth oauth(final AwsInput parameters) {
        refuse(parameters, "OAuthHttpParameters");
        final Optional<AwsInput> client = parameters.structure("ClientParameters");
        return new ConnectionDefinition.OAuth(parameters.text("AuthorizationEndpoint").orElse(null),
            parameters.text("HttpMethod").orElse(null),
            client.flatMap(c -> c.text("ClientID")).orElse(null),
            client.flatMap(c -> c.text("ClientSecret")).orElse(null));
    }

    JsonNode describeConnection(final ObjectNode request) {
        final ConnectionDefinition connection = connections.existing(AwsInput.of(request).requiredText("Name"));
        final ObjectNode answer = summary(connection);
        if (connection.description() != null) {
            answer.put("Description", connection.description());
        }
        final ObjectNode auth = answer.putObject("AuthParameters");
        if (connection.apiKey() != null) {
            auth.putObject("ApiKeyAuthParameters").put("ApiKeyName", connection.apiKey().apiKeyName());
        } else if (connection.basic() != null) {
            auth.putObject("BasicAuthParameters").put("Username", connection.basic().username());
        } else if (connection.oauth() != null) {
            final ObjectNode oauth = auth.putObject("OAuthParameters");
            oauth.putObject("ClientParameters").put("ClientID", connection.oauth().clientId());
            oauth.put("AuthorizationEndpoint", connection.oauth().authorizationEndpoint())
                .put("HttpMethod", connection.oauth().httpMethod());
        }
        return answer;
    }

    JsonNode listConnections(final ObjectNode request) {
        final AwsInput input = AwsInput.of(request);
        final Optional<String> state = input.text("ConnectionState");
        final List<ConnectionDefinition> all = state.isPresent() && !AUTHORIZED.equals(state.get()) ? List.of()
            : connections.list(input.text("NamePrefix").orElse(null));
        return page(all, ConnectionDefinition::name, input, "Connections", this::summary);
    }

    JsonNode deleteConnection(final ObjectNode request) {
        final ConnectionDefinition connection = connections.delete(AwsInput.of(request).requiredText("Name"));
        return times(JSON.createObjectNode().put("ConnectionArn", arns.connection(connection.name()))
            .put("ConnectionState", "DELETING"), connection.creationTime());
    }

    /** What ListConnections shows of a connection, and DescribeConnection starts from: never a secret. */
    private ObjectNode summary(final ConnectionDefinition connection) {
        return times(JSON.createObjectNode().put("ConnectionArn", arns.connection(connection.name()))
            .put("Name", connection.name()).put("ConnectionState", AUTHORIZED)
            .put("AuthorizationType", connection.authorizationType()), connection.creationTime());
    }

    JsonNode createApiDestination(final ObjectNode request) {
        final AwsInput input = AwsInput.of(request);
        final ApiDestinationDefinition destination = destinations.create(new ApiDestinationDefinition(
            input.requiredText("Name"), arns.connectionName("ConnectionArn", input.requiredText("ConnectionArn")),
            input.requiredText("InvocationEndpoint"), input.requiredText("HttpMethod"),
            input.integer("InvocationRateLimitPerSecond").orElse(ApiDestinationDefinition.DEFAULT_RATE),
            input.text("Description").orElse(null), clock.millis()));
        return times(JSON.createObjectNode().put("ApiDestinationArn", arns.apiDestination(destination.name()))
            .put("ApiDestinationState", "ACTIVE"), destination.creationTime());
    }

    JsonNode describeApiDestination(final ObjectNode request) {
        final ApiDestinationDefinition destination = destinations.existing(AwsInput.of(request)
            .requiredText("Name"));
        final ObjectNode answer = destination(destination);
        if (destination.description() != null) {
            answer.put("Description", destination.description());
        }
        return answer;
    }

    JsonNode listApiDestinations(final ObjectNode request) {
        final AwsInput input = AwsInput.of(request);
        final String connection = input.text("ConnectionArn").map(arn -> arns.connectionName("ConnectionArn", arn))
            .orElse(null);
        return page(destinations.list(input.text("NamePrefix").orElse(null), connection),
            ApiDestinationDefinition::name, input, "ApiDestinations", this::destination);
    }

    JsonNode deleteApiDestination(final ObjectNode request) {
        destinations.delete(AwsInput.of(request).requiredText("Name"));
        return JSON.createObjectNode();
    }

    private ObjectNode destination(final ApiDestinationDefinition destination) {
        return times(JSON.createObjectNode().put("ApiDestinationArn", arns.apiDestination(destination.name()))
            .put("Name", destination.name()).put("ApiDestinationState", "ACTIVE")
            .put("ConnectionArn", arns.connection(destination.connectionName()))
            .put("InvocationEndpoint", destination.invocationEndpoint())
            .put("HttpMethod", destination.httpMethod())
            .put("InvocationRateLimitPerSecond", destination.invocationRateLimitPerSecond()),
            destination.creationTime());
    }

    /** One page of a List operation's answer: the items under {@code member}, and the NextToken if there is more. */
    private static <T> ObjectNode page(final List<T> all, final Function<T, String> name, final AwsInput input,
                                       final String member, final Function<T, ObjectNode> shown) {
        final Pages.Page<T> page = Pages.of(all, name, input);
        final ObjectNode answer = JSON.createObjectNode();
        final ArrayNode list = answer.putArray(member);
        page.items().forEach(item -> list.add(shown.apply(item)));
        page.nextToken().ifPresent(token -> answer.put("NextToken", token));
        return answer;
    }

    /** EventBridge's timestamps, epoch seconds; definitions are not modified after their creation here. */
    private static ObjectNode times(final ObjectNode answer, final long creationMillis) {
        final double seconds = creationMillis / 1000.0;
        return answer.put("CreationTime", seconds).put("LastModifiedTime", seconds);
    }

    private static void refuse(final AwsInput input, final String... members) {
        for (final String member : members) {
            if (input.has(member)) {
                throw new InvalidRecordException(member, "is not supported by Trailwatch");
            }
        }
    }
}
