package io.trailwatch.app.http.access;

import static io.trailwatch.identity.AwsService.CLOUDTRAIL;
import static io.trailwatch.identity.AwsService.CLOUDWATCH;
import static io.trailwatch.identity.AwsService.EVENTS;
import static io.trailwatch.identity.AwsService.IAM;
import static io.trailwatch.identity.AwsService.LOGS;
import static io.trailwatch.identity.AwsService.SCHEMA_REGISTRY;
import static io.trailwatch.identity.AwsService.SIGNIN;
import static io.trailwatch.identity.AwsService.TRAILWATCH;
import static io.trailwatch.identity.AwsService.SNS;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.app.console.ConsoleRoutes;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.trailwatch.identity.Operation;
import io.trailwatch.identity.ResourceNames;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.function.Function;

/**
 * Every route of the {@code /v1} API with the AWS operation it performs: the single table authorization and the
 * self-audit read. A route missing here is refused (fail closed); a test checks that every registered route is
 * listed. Operation names and IAM actions are AWS's (CloudWatch, CloudWatch Logs, CloudTrail, EventBridge, IAM),
 * and Trailwatch's own for the schema registry's Confluent REST API proxied at {@value #REGISTRY_PREFIX}
 * ({@code schemaregistry:RegisterSchema} on {@code arn:aws:schemaregistry:<region>:<account>:subject/<name>}).
 */
public final class ApiCatalogue {

    /** Routes that answer without authentication, and say nothing that needs it. */
    public static final Set<String> PUBLIC = Set.copyOf(Stream.concat(Stream.of("GET /v1/health"),
        ConsoleRoutes.ROUTES.stream()).toList());
    /** The health of each component, which says what runs where: for callers allowed trailwatch:GetHealth. */
    public static final String HEALTH_COMPONENTS = "GET /v1/health/components";
    /**
     * Routes only other instances of the deployment call: forwarded reads, and stopping a Logs Insights query where
     * it runs. The caller's own call, on the instance it reached, is the one authorized and audited.
     */
    public static final Set<String> INSTANCE_ONLY = Set.of("GET /v1/internal/events", "GET /v1/internal/alarm-states",
        "GET /v1/internal/alarm-history", "GET /v1/internal/log-events/read", "GET /v1/internal/log-events/filter",
        "GET /v1/internal/log-streams", "GET /v1/internal/insights", "GET /v1/internal/queries",
        "GET /v1/internal/queries/results", "POST /v1/internal/queries/stop");
    /** Where the schema registry's Confluent REST API is served, for Confluent's clients ({@code schema.registry.url}). */
    public static final String REGISTRY_PREFIX = "/registry";
    /**
     * Trailwatch's own metrics in Prometheus' text format ({@code trailwatch:GetMetrics}). Prometheus cannot sign
     * with SigV4: a scrape sends HTTP Basic with an access key id and its secret, as the schema registry's clients do.
     */
    public static final String METRICS_ROUTE = "GET /metrics";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_LOG_GROUP = "trailwatch/audit";
    private static final String ALARM = "AWS::CloudWatch::Alarm";

    private final Map<String, ApiCallRoute> routes = new HashMap<>();
    /** The routes of the schema registry's API: Confluent's clients call them with HTTP Basic credentials. */
    private final Set<String> schemaRegistryRoutes = new HashSet<>();
    private final Set<String> protocolRoutes = new HashSet<>();
    private final Set<String> protocolServices = new HashSet<>();
    private final ResourceNames names;

    public ApiCatalogue(final ResourceNames names) {
        this.names = names;
        cloudTrail();
        cloudWatch();
        logs();
        events();
        sns();
        iam();
        schemaRegistry();
        any("POST /v1/sessions", SIGNIN.write("ConsoleLogin"));
        any("DELETE /v1/sessions", SIGNIN.write("ConsoleLogout"));
        // Like STS's GetCallerIdentity, any signed-in caller may ask who they are (an operation named Console*
        // needs no policy): the answer is what their own policies allow.
        any("GET " + AccessControl.CURRENT_SESSION, SIGNIN.read("ConsoleSession"));
        INSTANCE_ONLY.forEach(route -> any(route, route.startsWith("GET ") ? CLOUDTRAIL.read("InstanceQuery")
            : CLOUDTRAIL.write("InstanceCommand")));
        any(METRICS_ROUTE, TRAILWATCH.read("GetMetrics"));
        any(HEALTH_COMPONENTS, TRAILWATCH.read("GetHealth"));
    }

    /**
     * Lists a route of one of AWS's protocols, whose operation only the request tells (its target, path or form):
     * {@code decoder} reads the request into its call, and the gate asks it only once the request's signature is
     * verified, so nothing anonymous is ever decoded. Its calls take SigV4 signatures only, scoped to one of
     * {@code signingServices}. Listing a route again changes nothing.
     */
    public void addProtocolRoute(final String route, final ApiCallRoute decoder, final Set<String> signingServices) {
        routes.putIfAbsent(route, decoder);
        protocolRoutes.add(route);
        protocolServices.addAll(signingServices);
    }

    /** The ARNs of this deployment's resources, as the catalogue authorizes calls on them. */
    ResourceNames names() {
        return names;
    }

    /** Whether the route is one of AWS's protocols ({@link #addProtocolRoute}). */
    boolean isProtocolRoute(final String route) {
        return protocolRoutes.contains(route);
    }

    /** The signing names of AWS's protocols listed, which their signatures may be scoped to. */
    Set<String> protocolServices() {
        return Set.copyOf(protocolServices);
    }

    /** The call a request makes on the route ({@code "GET /v1/alarms"}), empty for a route not listed. */
    Optional<ApiCallRoute.Call> resolve(final String route, final Context ctx) {
        return Optional.ofNullable(routes.get(route)).map(entry -> entry.resolve(ctx));
    }

    public boolean lists(final String route) {
        return routes.containsKey(route) || PUBLIC.contains(route);
    }

    /**
     * Whether the route is one of the schema registry's Confluent REST API, whose clients authenticate with HTTP
     * Basic ({@code basic.auth.user.info} = access key id:secret) and send {@code application/vnd.schemaregistry.v1+json}.
     */
    public boolean isSchemaRegistryRoute(final String route) {
        return schemaRegistryRoutes.contains(route);
    }

    /**
     * Whether callers of the route may authenticate with HTTP Basic (an access key id and its secret) instead of a
     * signature: only clients that cannot sign call these, Confluent's (the schema registry) and Prometheus
     * ({@value #METRICS_ROUTE}).
     */
    public boolean takesBasicCredentials(final String route) {
        return isSchemaRegistryRoute(route) || METRICS_ROUTE.equals(route);
    }

    private void cloudTrail() {
        any("GET /v1/events", CLOUDTRAIL.read("LookupEvents"));
    }

    private void cloudWatch() {
        any("GET /v1/metrics", CLOUDWATCH.read("ListMetrics"));
        any("GET /v1/metrics/statistics", CLOUDWATCH.read("GetMetricStatistics"));
        any("GET /v1/alarms", CLOUDWATCH.read("DescribeAlarms"));
        routes.put("PUT /v1/alarms/{name}", ctx -> alarmCall(ctx, CLOUDWATCH.write(
            bodyField(ctx, "AlarmRule").isPresent() ? "PutCompositeAlarm" : "PutMetricAlarm")));
        named("DELETE /v1/alarms/{name}", CLOUDWATCH.write("DeleteAlarms"), "alarmNames", names::alarm, ALARM);
        named("POST /v1/alarms/{name}/state", CLOUDWATCH.write("SetAlarmState"), "alarmName", names::alarm, ALARM);
        named("GET /v1/alarms/{name}/history", CLOUDWATCH.read("DescribeAlarmHistory"), "alarmName", names::alarm,
            ALARM);
        any("GET /v1/alarm-history", CLOUDWATCH.read("DescribeAlarmHistory"));
        final String muteRule = "AWS::CloudWatch::AlarmMuteRule";
        named("PUT /v1/alarm-mute-rules/{name}", CLOUDWATCH.write("PutAlarmMuteRule"), "name", names::alarmMuteRule,
            muteRule);
        any("GET /v1/alarm-mute-rules", CLOUDWATCH.read("ListAlarmMuteRules"));
        named("GET /v1/alarm-mute-rules/{name}", CLOUDWATCH.read("GetAlarmMuteRule"), "name", names::alarmMuteRule,
            muteRule);
        named("DELETE /v1/alarm-mute-rules/{name}", CLOUDWATCH.write("DeleteAlarmMuteRule"), "name",
            names::alarmMuteRule, muteRule);
        final String dashboard = "AWS::CloudWatch::Dashboard";
        any("GET /v1/dashboards", CLOUDWATCH.read("ListDashboards"));
        named("GET /v1/dashboards/{name}", CLOUDWATCH.read("GetDashboard"), "dashboardName", names::dashboard,
            dashboard);
        named("PUT /v1/dashboards/{name}", CLOUDWATCH.write("PutDashboard"), "dashboardName", names::dashboard,
            dashboard);
        named("DELETE /v1/dashboards/{name}", CLOUDWATCH.write("DeleteDashboards"), "dashboardNames",
            names::dashboard, dashboard);
    }

    private ApiCallRoute.Call alarmCall(final Context ctx, final Operation operation) {
        return new ApiCallRoute.Call(operation, names.alarm(ctx.pathParam("name")), ALARM, List.of("alarmName"));
    }

    private void logs() {
        final String logGroup = "AWS::Logs::LogGroup";
        any("POST /v1/metric-filters/test", LOGS.read("TestMetricFilter"));
        any("GET /v1/metric-filters", LOGS.read("DescribeMetricFilters"));
        any("GET /v1/metric-filters/{name}", LOGS.read("DescribeMetricFilters"), List.of("filterNamePrefix"));
        routes.put("PUT /v1/metric-filters/{name}", ctx -> new ApiCallRoute.Call(LOGS.write("PutMetricFilter"),
            names.logGroup(bodyField(ctx, "logGroupName").orElse(DEFAULT_LOG_GROUP)), logGroup,
            List.of("filterName")));
        any("GET /v1/log-groups", LOGS.read("DescribeLogGroups"));
        routes.put("GET /v1/log-streams", ctx -> logGroupRead(ctx, LOGS.read("DescribeLogStreams"), logGroup));
        routes.put("GET /v1/log-events", ctx -> logGroupRead(ctx, LOGS.read("GetLogEvents"), logGroup));
        routes.put("GET /v1/log-events/filter", ctx -> logGroupRead(ctx, LOGS.read("FilterLogEvents"), logGroup));
        // Logs Insights: StartQuery on every group the body names; the others on *, as AWS's IAM defines them
        routes.put("POST /v1/queries", ctx -> new ApiCallRoute.Call(LOGS.read("StartQuery"), queriedGroups(ctx),
            logGroup, List.of(), AccessControl.SERVICE, null));
        any("GET /v1/queries", LOGS.read("DescribeQueries"));
        any("GET /v1/queries/{queryId}", LOGS.read("GetQueryResults"), List.of("queryId"));
        any("DELETE /v1/queries/{queryId}", LOGS.read("StopQuery"), List.of("queryId"));
        routes.put("GET /v1/log-groups/<logGroupName>/tail", ctx -> new ApiCallRoute.Call(LOGS.read("StartLiveTail"),
            names.logGroup(ctx.pathParam("logGroupName")), logGroup, List.of("logGroupName")));
        routes.put("PUT /v1/subscription-filters/{name}", ctx -> new ApiCallRoute.Call(
            LOGS.write("PutSubscriptionFilter"), names.logGroup(bodyField(ctx, "logGroupName").orElse("*")), logGroup,
            List.of("filterName")));
        routes.put("GET /v1/subscription-filters", ctx -> logGroupRead(ctx, LOGS.read("DescribeSubscriptionFilters"),
            logGroup));
        routes.put("DELETE /v1/subscription-filters/{name}", ctx -> new ApiCallRoute.Call(
            LOGS.write("DeleteSubscriptionFilter"), names.logGroup(Optional.ofNullable(ctx.queryParam("logGroupName"))
            .orElse("*")), logGroup, List.of("filterName")));
        routes.put("DELETE /v1/metric-filters/{name}", ctx -> new ApiCallRoute.Call(LOGS.write("DeleteMetricFilter"),
            names.logGroup(Optional.ofNullable(ctx.queryParam("logGroupName")).orElse(DEFAULT_LOG_GROUP)), logGroup,
            List.of("filterName")));
    }

    /**
     * A read of the log group its query names (logGroupName, or logGroupIdentifier: a name or an ARN); one that
     * names none is authorized on every group's ARN pattern, and refused by the route, naming the parameter.
     */
    private ApiCallRoute.Call logGroupRead(final Context ctx, final Operation operation, final String type) {
        final String name = ctx.queryParam("logGroupName");
        final String identifier = ctx.queryParam("logGroupIdentifier");
        final String arn = name != null ? names.logGroup(name)
            : identifier == null ? names.logGroup("*")
            : identifier.startsWith("arn:") ? identifier : names.logGroup(identifier);
        return new ApiCallRoute.Call(operation, arn, type, List.of());
    }

    /** The ARNs of the groups a StartQuery body names (logGroupName, logGroupNames); * when it names none. */
    private List<String> queriedGroups(final Context ctx) {
        final List<String> arns = new java.util.ArrayList<>();
        try {
            final JsonNode body = JSON.readTree(ctx.body());
            if (body != null && body.isObject()) {
                if (body.path("logGroupName").isTextual()) {
                    arns.add(names.logGroup(body.path("logGroupName").asText()));
                }
                body.path("logGroupNames").forEach(name -> arns.add(names.logGroup(name.asText())));
                body.path("logGroupIdentifiers").forEach(identifier -> arns.add(identifier.asText()
                    .startsWith("arn:") ? identifier.asText() : names.logGroup(identifier.asText())));
            }
        } catch (final java.io.IOException notJson) {
            // refused by the route, which names the problem
        }
        return arns.isEmpty() ? List.of(names.logGroup("*")) : arns;
    }

    private void events() {
        final String rule = "AWS::Events::Rule";
        any("GET /v1/rules", EVENTS.read("ListRules"));
        named("PUT /v1/rules/{name}", EVENTS.write("PutRule"), "name", names::rule, rule);
        named("GET /v1/rules/{name}", EVENTS.read("DescribeRule"), "name", names::rule, rule);
        named("DELETE /v1/rules/{name}", EVENTS.write("DeleteRule"), "name", names::rule, rule);
        final String connection = "AWS::Events::Connection";
        any("GET /v1/connections", EVENTS.read("ListConnections"));
        named("PUT /v1/connections/{name}", EVENTS.write("CreateConnection"), "name", names::connection, connection);
        named("GET /v1/connections/{name}", EVENTS.read("DescribeConnection"), "name", names::connection,
            connection);
        named("DELETE /v1/connections/{name}", EVENTS.write("DeleteConnection"), "name", names::connection,
            connection);
        final String destination = "AWS::Events::ApiDestination";
        any("GET /v1/api-destinations", EVENTS.read("ListApiDestinations"));
        named("PUT /v1/api-destinations/{name}", EVENTS.write("CreateApiDestination"), "name",
            names::apiDestination, destination);
        named("GET /v1/api-destinations/{name}", EVENTS.read("DescribeApiDestination"), "name",
            names::apiDestination, destination);
        named("DELETE /v1/api-destinations/{name}", EVENTS.write("DeleteApiDestination"), "name",
            names::apiDestination, destination);
    }

    private void sns() {
        final String topic = "AWS::SNS::Topic";
        final String path = "/v1/topics/{name}";
        any("GET /v1/topics", SNS.read("ListTopics"));
        named("PUT " + path, SNS.write("CreateTopic"), "name", names::topic, topic);
        named("DELETE " + path, SNS.write("DeleteTopic"), "name", names::topic, topic);
        named("POST " + path + "/subscriptions", SNS.write("Subscribe"), "name", names::topic, topic);
        named("GET " + path + "/subscriptions", SNS.read("ListSubscriptionsByTopic"), "name", names::topic, topic);
        named("POST " + path + "/subscriptions/confirmations", SNS.write("ConfirmSubscription"), "name", names::topic,
            topic);
        routes.put("DELETE " + path + "/subscriptions/{id}", ctx -> new ApiCallRoute.Call(SNS.write("Unsubscribe"),
            names.topic(ctx.pathParam("name")), topic, List.of("name", "subscriptionId")));
    }

    private void iam() {
        final String user = "AWS::IAM::User";
        any("GET /v1/users", IAM.read("ListUsers"));
        named("POST /v1/users/{name}", IAM.write("CreateUser"), "userName", names::user, user);
        named("GET /v1/users/{name}", IAM.read("GetUser"), "userName", names::user, user);
        named("DELETE /v1/users/{name}", IAM.write("DeleteUser"), "userName", names::user, user);
        named("POST /v1/users/{name}/access-keys", IAM.write("CreateAccessKey"), "userName", names::user, user);
        named("GET /v1/users/{name}/access-keys", IAM.read("ListAccessKeys"), "userName", names::user, user);
        userNamed("PUT /v1/users/{name}/access-keys/{id}", IAM.write("UpdateAccessKey"), "accessKeyId");
        userNamed("DELETE /v1/users/{name}/access-keys/{id}", IAM.write("DeleteAccessKey"), "accessKeyId");
        named("GET /v1/users/{name}/policies", IAM.read("ListUserPolicies"), "userName", names::user, user);
        userNamed("PUT /v1/users/{name}/policies/{policy}", IAM.write("PutUserPolicy"), "policyName");
        userNamed("GET /v1/users/{name}/policies/{policy}", IAM.read("GetUserPolicy"), "policyName");
        userNamed("DELETE /v1/users/{name}/policies/{policy}", IAM.write("DeleteUserPolicy"), "policyName");
        named("GET /v1/users/{name}/attached-policies", IAM.read("ListAttachedUserPolicies"), "userName",
            names::user, user);
        named("POST /v1/users/{name}/attached-policies", IAM.write("AttachUserPolicy"), "userName", names::user,
            user);
        named("DELETE /v1/users/{name}/attached-policies", IAM.write("DetachUserPolicy"), "userName", names::user,
            user);
    }

    /**
     * The Confluent REST API paths Confluent's serializers and tools call, behind {@value #REGISTRY_PREFIX}. Reading
     * a schema by id, listing subjects and the global config have no subject, hence {@code *}; everything about a
     * subject is authorized on the subject's ARN. Changing compatibility is {@code PutConfig}.
     */
    private void schemaRegistry() {
        final String ids = REGISTRY_PREFIX + "/schemas/ids/{id}";
        final String subject = REGISTRY_PREFIX + "/subjects/{subject}";
        final String compatibility = REGISTRY_PREFIX + "/compatibility/subjects/{subject}/versions";
        final String config = REGISTRY_PREFIX + "/config";
        final Operation getSchema = SCHEMA_REGISTRY.read("GetSchema");
        final Operation checkCompatibility = SCHEMA_REGISTRY.read("CheckCompatibility");
        final Operation getConfig = SCHEMA_REGISTRY.read("GetConfig");
        final Operation putConfig = SCHEMA_REGISTRY.write("PutConfig");
        registryWide("GET " + ids, getSchema, List.of("id"));
        registryWide("GET " + ids + "/versions", getSchema, List.of("id"));
        registryWide("GET " + ids + "/subjects", getSchema, List.of("id"));
        registryWide("GET " + REGISTRY_PREFIX + "/subjects", SCHEMA_REGISTRY.read("ListSubjects"), List.of());
        ofSubject("GET " + subject + "/versions", getSchema);
        ofSubject("GET " + subject + "/versions/{version}", getSchema);
        ofSubject("GET " + subject + "/versions/{version}/schema", getSchema);
        ofSubject("POST " + subject, getSchema); // is this schema registered under the subject, with which id?
        ofSubject("POST " + subject + "/versions", SCHEMA_REGISTRY.write("RegisterSchema"));
        ofSubject("POST " + compatibility, checkCompatibility);
        ofSubject("POST " + compatibility + "/{version}", checkCompatibility);
        registryWide("GET " + config, getConfig, List.of());
        registryWide("PUT " + config, putConfig, List.of());
        ofSubject("GET " + config + "/{subject}", getConfig);
        ofSubject("PUT " + config + "/{subject}", putConfig);
    }

    /** A registry route about no one subject: authorized on {@code *}. */
    private void registryWide(final String route, final Operation operation, final List<String> pathParameters) {
        any(route, operation, pathParameters);
        schemaRegistryRoutes.add(route);
    }

    /** A registry route about the subject in its path, authorized on the subject's ARN. */
    private void ofSubject(final String route, final Operation operation) {
        final List<String> parameters = route.contains("{version}") ? List.of("subject", "version")
            : List.of("subject");
        routes.put(route, ctx -> new ApiCallRoute.Call(operation, "arn:aws:schemaregistry:" + names.region() + ":"
            + names.accountId() + ":subject/" + ctx.pathParam("subject"), "Trailwatch::SchemaRegistry::Subject",
            parameters));
        schemaRegistryRoutes.add(route);
    }

    private void any(final String route, final Operation operation) {
        any(route, operation, List.of());
    }

    private void any(final String route, final Operation operation, final List<String> pathParameters) {
        final ApiCallRoute.Call call = new ApiCallRoute.Call(operation, ResourceNames.ANY, null, pathParameters);
        routes.put(route, ctx -> call);
    }

    private void named(final String route, final Operation operation, final String parameter,
                       final Function<String, String> arn, final String type) {
        routes.put(route, ctx -> new ApiCallRoute.Call(operation, arn.apply(ctx.pathParam("name")), type,
            List.of(parameter)));
    }

    private void userNamed(final String route, final Operation operation, final String secondParameter) {
        routes.put(route, ctx -> new ApiCallRoute.Call(operation, names.user(ctx.pathParam("name")),
            "AWS::IAM::User", List.of("userName", secondParameter)));
    }

    /** A top-level text field of the JSON body, matched ignoring case as the API does; empty when absent. */
    private static Optional<String> bodyField(final Context ctx, final String field) {
        try {
            final JsonNode body = JSON.readTree(ctx.body());
            if (body != null && body.isObject()) {
                final var fields = body.fields();
                while (fields.hasNext()) {
                    final Map.Entry<String, JsonNode> entry = fields.next();
                    if (entry.getKey().equalsIgnoreCase(field) && entry.getValue().isTextual()) {
                        return Optional.of(entry.getValue().asText());
                    }
                }
            }
        } catch (final Exception unreadable) {
            // the route itself reports the malformed body
        }
        return Optional.empty();
    }
}
