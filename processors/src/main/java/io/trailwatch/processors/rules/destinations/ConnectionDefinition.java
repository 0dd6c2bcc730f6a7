package io.trailwatch.processors.rules.destinations;

import static io.trailwatch.processors.config.DefinitionShapes.LONG;
import static io.trailwatch.processors.config.DefinitionShapes.STRING;
import static io.trailwatch.processors.config.DefinitionShapes.object;
import static io.trailwatch.processors.config.DefinitionShapes.optional;
import static io.trailwatch.processors.config.DefinitionShapes.present;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionShapes.ObjectShape;
import io.trailwatch.processors.config.DefinitionType;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A connection, as EventBridge's CreateConnection makes it: how API destinations that use it are authorized. Its
 * secrets (the API key's value, the password, the OAuth client secret) are kept only here, on the config topic,
 * which only Trailwatch's own Kafka principal may read; no API answers them and nothing logs them
 * ({@link #toString()} masks them).
 *
 * @param name              1 to 64 characters of {@code [.-_A-Za-z0-9]}
 * @param authorizationType {@code API_KEY}, {@code BASIC} or {@code OAUTH_CLIENT_CREDENTIALS}
 * @param apiKey            the header sent with every invocation, for API_KEY
 * @param basic             the user and password sent as HTTP Basic, for BASIC
 * @param oauth             where and how an access token is fetched, for OAUTH_CLIENT_CREDENTIALS
 * @param description       at most 512 characters
 * @param creationTime      epoch milliseconds
 */
public record ConnectionDefinition(String name, String authorizationType, ApiKey apiKey, Basic basic,
                                   OAuth oauth, String description, long creationTime) {

    /** Its JSON fields and their types, as the API takes it. */
    public static final ObjectShape SHAPE = object("a connection (CreateConnection)",
        optional("Name", STRING),
        optional("AuthorizationType", STRING),
        optional("ApiKey", object("a connection's API key", optional("ApiKeyName", STRING),
            optional("ApiKeyValue", STRING))),
        optional("Basic", object("a connection's basic authorization", optional("Username", STRING),
            optional("Password", STRING))),
        optional("Oauth", object("a connection's OAuth client credentials", optional("AuthorizationEndpoint", STRING),
            optional("HttpMethod", STRING), optional("ClientId", STRING), optional("ClientSecret", STRING))),
        optional("Description", STRING),
        present("CreationTime", LONG));

    /** How it is read, checked and stored: every edge that takes one reads it through this. */
    public static final DefinitionType<ConnectionDefinition> TYPE = DefinitionType.of(
        DefinitionKind.CONNECTION, ConnectionDefinition.class, SHAPE, ConnectionDefinition::name,
        ConnectionDefinition::validate);

    public static final String API_KEY = "API_KEY";
    public static final String BASIC = "BASIC";
    public static final String OAUTH_CLIENT_CREDENTIALS = "OAUTH_CLIENT_CREDENTIALS";
    /** EventBridge's limit on every authorization parameter. */
    private static final int MAX_PARAMETER = 512;
    static final Pattern NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
    /** EventBridge's pattern of an API key's header name: no control characters and no colon. */
    private static final Pattern HEADER_NAME = Pattern.compile("[ \\t]*[^\\x00-\\x1F:\\x7F]+([ \\t]+[^\\x00-\\x1F:\\x7F]+)*[ \\t]*");
    private static final Set<String> OAUTH_METHODS = Set.of("GET", "POST", "PUT");

    /** API_KEY: the header {@code apiKeyName: apiKeyValue}. */
    public record ApiKey(String apiKeyName, String apiKeyValue) {
        @Override
        public String toString() {
            return "ApiKey[" + apiKeyName + "]";
        }
    }

    /** BASIC: {@code Authorization: Basic base64(username:password)}. */
    public record Basic(String username, String password) {
        @Override
        public String toString() {
            return "Basic[" + username + "]";
        }
    }

    /** OAUTH_CLIENT_CREDENTIALS: the token endpoint, its method, and the client's credentials. */
    public record OAuth(String authorizationEndpoint, String httpMethod, String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "OAuth[" + authorizationEndpoint + ", " + httpMethod + ", " + clientId + "]";
        }
    }

    /** Validates as CreateConnection does, naming the member as EventBridge's API does. */
    public ConnectionDefinition validate() {
        requireName("Name", name);
        if (description != null && description.length() > MAX_PARAMETER) {
            throw new InvalidRecordException("Description", "must be at most 512 characters");
        }
        if (authorizationType == null) {
            throw new InvalidRecordException("AuthorizationType", "is required");
        }
        final int given = (apiKey == null ? 0 : 1) + (basic == null ? 0 : 1) + (oauth == null ? 0 : 1);
        if (given != 1) {
            throw new InvalidRecordException("AuthParameters", "must have exactly one of ApiKeyAuthParameters, "
                + "BasicAuthParameters and OAuthParameters, the one of its AuthorizationType");
        }
        switch (authorizationType) {
            case API_KEY -> {
                requireParameter("AuthParameters.ApiKeyAuthParameters", apiKey);
                requireText("AuthParameters.ApiKeyAuthParameters.ApiKeyName", apiKey.apiKeyName());
                if (!HEADER_NAME.matcher(apiKey.apiKeyName()).matches()) {
                    throw new InvalidRecordException("AuthParameters.ApiKeyAuthParameters.ApiKeyName",
                        "must be an HTTP header name (no colon, no control characters)");
                }
                requireText("AuthParameters.ApiKeyAuthParameters.ApiKeyValue", apiKey.apiKeyValue());
            }
            case BASIC -> {
                requireParameter("AuthParameters.BasicAuthParameters", basic);
                requireText("AuthParameters.BasicAuthParameters.Username", basic.username());
                requireText("AuthParameters.BasicAuthParameters.Password", basic.password());
            }
            case OAUTH_CLIENT_CREDENTIALS -> {
                requireParameter("AuthParameters.OAuthParameters", oauth);
                InvocationUrls.require("AuthParameters.OAuthParameters.AuthorizationEndpoint",
                    oauth.authorizationEndpoint());
                if (!OAUTH_METHODS.contains(oauth.httpMethod())) {
                    throw new InvalidRecordException("AuthParameters.OAuthParameters.HttpMethod",
                        "must be GET, POST or PUT");
                }
                requireText("AuthParameters.OAuthParameters.ClientParameters.ClientID", oauth.clientId());
                requireText("AuthParameters.OAuthParameters.ClientParameters.ClientSecret", oauth.clientSecret());
            }
            default -> throw new InvalidRecordException("AuthorizationType", "must be API_KEY, BASIC or "
                + "OAUTH_CLIENT_CREDENTIALS");
        }
        return this;
    }

    /** The part of the authorization that may be shown: the key's name, the user, the client id; never a secret. */
    @JsonIgnore
    public String shownIdentity() {
        return apiKey != null ? apiKey.apiKeyName() : basic != null ? basic.username()
            : oauth != null ? oauth.clientId() : null;
    }

    public static String requireName(final String field, final String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRecordException(field, "must be 1 to 64 characters of letters, digits and . - _");
        }
        return name;
    }

    private void requireParameter(final String field, final Object parameter) {
        if (parameter == null) {
            throw new InvalidRecordException(field, "is required for AuthorizationType " + authorizationType);
        }
    }

    private static void requireText(final String field, final String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_PARAMETER) {
            throw new InvalidRecordException(field, "must be 1 to " + MAX_PARAMETER + " characters");
        }
    }

    /** Never the secrets: a definition may reach a log line through an exception or a debugger. */
    @Override
    public String toString() {
        return "ConnectionDefinition[" + name + ", " + authorizationType + ", " + apiKey + basic + oauth + "]";
    }
}
