package io.trailwatch.app.http.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.javalin.router.Endpoint;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.identity.IdentityKey;
import io.trailwatch.identity.IdentityService;
import io.trailwatch.identity.InstanceTokens;
import io.trailwatch.identity.Principal;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.identity.SessionTokens;
import io.trailwatch.identity.policy.Decision;
import io.trailwatch.identity.sigv4.AuthenticationException;
import io.trailwatch.identity.sigv4.SigV4Verifier;
import io.trailwatch.identity.sigv4.SignedRequest;
import io.trailwatch.identity.sigv4.Verified;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Who may call the API, and the record of every call: the one gate in front of every route.
 * <ol>
 *   <li>{@code Host} must name this API (DNS rebinding), for every path.</li>
 *   <li>The caller is authenticated: AWS Signature Version 4 with an access key (service {@value #SERVICE}), a
 *       console session cookie (with its CSRF token on writes), or another instance of the deployment (reads
 *       only). The schema registry's routes also take HTTP Basic with an access key id and its secret, as
 *       Confluent's clients send them ({@code basic.auth.user.info}), and so does {@code GET /metrics}, as
 *       Prometheus sends it ({@code basic_auth}). Only {@code GET /v1/health} answers anonymously.</li>
 *   <li>The operation the route performs ({@link ApiCatalogue}) is authorized against the caller's IAM policies.</li>
 *   <li>A body must be JSON ({@code Content-Type: application/json}, or Confluent's
 *       {@code application/vnd.schemaregistry.v1+json} on the schema registry's routes): a browser's cross-site
 *       form or {@code text/plain} POST is refused.</li>
 *   <li>Whatever the outcome, the call is recorded on the audit trail ({@link SelfAudit}).</li>
 * </ol>
 * A refused call runs nothing and writes nothing but its audit record.
 */
public final class AccessControl implements ApiRoutes {

    /** The SigV4 service name of the native {@code /v1} API. */
    public static final String SERVICE = "trailwatch";
    public static final String SESSION_COOKIE = "trailwatch-session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String CALL = "trailwatch.call";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String SIGN_IN = "POST /v1/sessions";
    /** Who the caller is and what the console may offer them ({@link ConsolePermissions}). */
    static final String CURRENT_SESSION = "/v1/sessions/current";
    private static final Set<String> JSON_MEDIA = Set.of("application/json");
    private static final Set<String> SCHEMA_REGISTRY_MEDIA = Set.of("application/json",
        "application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdentityService identities;
    private final SigV4Verifier verifier;
    private final SessionTokens sessions;
    private final InstanceTokens instances;
    private final ApiCatalogue catalogue;
    private final HostAllowList hosts;
    private final SelfAudit audit;
    private final ApiCallEvents events;
    private final ConsolePermissions permissions;
    private final Clock clock;

    public AccessControl(final IdentityService identities, final SigV4Verifier verifier, final SessionTokens sessions,
                         final InstanceTokens instances, final ApiCatalogue catalogue, final HostAllowList hosts,
                         final SelfAudit audit, final String region, final Clock clock) {
        this.identities = identities;
        this.verifier = verifier;
        this.sessions = sessions;
        this.instances = instances;
        this.catalogue = catalogue;
        this.hosts = hosts;
        this.audit = audit;
        this.events = new ApiCallEvents(region, identities.accountId());
        this.permissions = new ConsolePermissions(identities, catalogue.names());
        this.clock = clock;
    }

    /**
     * The gate of one deployment: signatures checked against the identity service's keys in {@code region},
     * sessions and instance requests tagged with keys derived from the identity key.
     */
    public static AccessControl create(final IdentityService identities, final IdentityKey key,
                                       final ResourceNames names, final HostAllowList hosts, final SelfAudit audit) {
        final Clock clock = Clock.systemUTC();
        return new AccessControl(identities, new SigV4Verifier(clock, identities, names.region()),
            new SessionTokens(key, clock, SessionTokens.DEFAULT_LIFETIME), new InstanceTokens(key, clock),
            new ApiCatalogue(names), hosts, audit, names.region(), clock);
    }

    /** What the gate knows of a call, from admission to its audit record. */
    private static final class CallState {
        private ApiCallRoute.Call call;
        private Principal principal;
        private boolean internal;
        private ApiErrors.Answered forwardedError;
        private Runnable recordNow;
        private boolean recorded;
    }

    /**
     * Records an admitted call on the trail now rather than when it ends: a stream that runs for hours (a live tail)
     * is recorded when it starts, once (not again when it ends).
     */
    public static void recordStart(final Context ctx) {
        final CallState state = ctx.attribute(CALL);
        if (state != null && state.recordNow != null) {
            state.recordNow.run();
        }
    }

    /**
     * Notes the error a service the call was forwarded to answered with (the schema registry's 409), for the
     * call's audit record; the answer itself is the service's.
     */
    public static void answeredByService(final Context ctx, final String code, final String message) {
        final CallState state = ctx.attribute(CALL);
        if (state != null) {
            state.forwardedError = new ApiErrors.Answered(code, message);
        }
    }

    /**
     * The ARN of the principal this call was admitted as, for a service that keeps what a caller made for that caller
     * alone (Logs Insights' queries); empty on a public route.
     */
    public static Optional<String> callerArn(final Context ctx) {
        final CallState state = ctx.attribute(CALL);
        return state == null || state.principal == null ? Optional.empty() : Optional.of(state.principal.arn());
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.before(this::checkHost);
        routes.beforeMatched(this::admit);
        routes.afterMatched(this::record);
        routes.post("/v1/sessions", this::createSession);
        routes.delete("/v1/sessions", this::deleteSession);
        routes.get(CURRENT_SESSION, this::currentSession);
    }

    private void checkHost(final Context ctx) {
        if (!hosts.allows(ctx.header("Host"))) {
            ctx.skipRemainingHandlers();
            ApiErrors.respond(ctx, HttpStatus.BAD_REQUEST, "InvalidHostHeader", "Host",
                "this API does not answer to the host name in the Host header; add it with --http-allowed-host");
        }
    }

    private void admit(final Context ctx) {
        final Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint == null) {
            return;
        }
        final String route = endpoint.method.name() + " " + endpoint.path;
        if (ApiCatalogue.PUBLIC.contains(route)) {
            return;
        }
        final CallState state = new CallState();
        state.recordNow = () -> record(ctx);
        ctx.attribute(CALL, state);
        if (catalogue.isProtocolRoute(route)) {
            admitProtocolCall(ctx, route, state);
            return;
        }
        state.call = catalogue.resolve(route, ctx).orElseThrow(() -> new AccessRefused(403, "AccessDenied",
            "no IAM operation is defined for " + route + "; refused"));
        state.internal = ApiCatalogue.INSTANCE_ONLY.contains(route);
        final boolean schemaRegistry = catalogue.isSchemaRegistryRoute(route);
        // Confluent's clients and Prometheus send HTTP Basic; so does the console's sign-in form, which cannot sign:
        // the secret goes to the server as a password would, for this one request, and the session cookie is used
        // after it.
        state.principal = authenticate(ctx, state.internal, catalogue.takesBasicCredentials(route)
            || SIGN_IN.equals(route));
        authorize(state.principal, state.call, state.internal);
        requireJsonBody(ctx, schemaRegistry ? SCHEMA_REGISTRY_MEDIA : JSON_MEDIA);
    }

    /**
     * A call in one of AWS's protocols: the signature is verified before the body is decoded (a decoder is never
     * exposed to an anonymous caller), then the operation the request names must be of the service the signature is
     * scoped to, as AWS requires, and the caller allowed to call it. Its decoder reads the body in its own media type.
     */
    private void admitProtocolCall(final Context ctx, final String route, final CallState state) {
        requireWholeSignature(ctx);
        final Verified signature = verifiedSignature(ctx, catalogue.protocolServices());
        state.principal = principalOf(signature);
        state.call = catalogue.resolve(route, ctx).orElseThrow();
        if (!signature.service().equals(state.call.signingService())) {
            throw new AccessRefused(403, "SignatureDoesNotMatch", "Credential should be scoped to correct service: '"
                + state.call.signingService() + "'.");
        }
        authorize(state.principal, state.call, false);
    }

    /**
     * On AWS's protocols the operation is chosen by the body or by {@code X-Amz-Target}: a signature must cover both,
     * as AWS requires, or a captured request could be replayed as another operation within its 15 minutes. So no
     * presigned URL (its payload is unsigned), no {@code UNSIGNED-PAYLOAD}, and {@code X-Amz-Target} among the
     * signed headers when it is sent.
     */
    private static void requireWholeSignature(final Context ctx) {
        if (ctx.queryParam("X-Amz-Signature") != null) {
            throw new AccessRefused(403, "IncompleteSignature", "AWS's APIs here take a signature in the "
                + "Authorization header, not a presigned URL");
        }
        if ("UNSIGNED-PAYLOAD".equalsIgnoreCase(ctx.header("X-Amz-Content-Sha256"))) {
            throw new AccessRefused(403, "IncompleteSignature", "the request body must be signed (not "
                + "UNSIGNED-PAYLOAD)");
        }
        final String authorization = ctx.header("Authorization");
        if (ctx.header("X-Amz-Target") != null && authorization != null && !signedHeaders(authorization)
            .contains("x-amz-target")) {
            throw new AccessRefused(403, "IncompleteSignature", "X-Amz-Target must be one of the signed headers");
        }
    }

    /** The SignedHeaders of an Authorization header, lower case; empty when it has none (the verifier refuses). */
    private static List<String> signedHeaders(final String authorization) {
        final int at = authorization.indexOf("SignedHeaders=");
        if (at < 0) {
            return List.of();
        }
        final int end = authorization.indexOf(',', at);
        return List.of(authorization.substring(at + "SignedHeaders=".length(), end < 0 ? authorization.length() : end)
            .trim().toLowerCase(Locale.ROOT).split(";"));
    }

    /** Adds a route of one of AWS's protocols (see {@link ApiCatalogue#addProtocolRoute}). */
    public void addProtocolRoute(final String route, final ApiCallRoute decoder, final Set<String> signingServices) {
        catalogue.addProtocolRoute(route, decoder, signingServices);
    }

    private Principal authenticate(final Context ctx, final boolean instanceOnly, final boolean basicAllowed) {
        final String instanceHeader = ctx.header(InstanceTokens.HEADER);
        if (instanceHeader != null || instanceOnly) {
            final String pathAndQuery = ctx.req().getRequestURI()
                + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            // An instance may read any route (a forwarded query); it may change something only through a route
            // made for instances, whose whole request is its method, path and query (the token binds them all).
            final boolean bodiless = READS.contains(ctx.method().name()) || instanceOnly && ctx.bodyAsBytes().length == 0;
            if (!bodiless || !instances.verify(ctx.method().name(), pathAndQuery, instanceHeader)) {
                throw new AccessRefused(403, "AccessDenied", "not a valid request from an instance of this "
                    + "deployment");
            }
            return Principal.instance(identities.accountId());
        }
        final String cookie = ctx.cookie(SESSION_COOKIE);
        final String authorization = ctx.header("Authorization");
        if (cookie != null && authorization == null) {
            return sessionPrincipal(ctx, cookie);
        }
        if (basicAllowed && BasicCredentials.isBasic(authorization)) {
            return basicPrincipal(BasicCredentials.parse(authorization).orElseThrow(AccessControl::malformedBasic));
        }
        return signedPrincipal(ctx, SERVICE);
    }

    /**
     * The caller of a request signed with SigV4 for {@code service}: AWS's protocols take nothing else, so a console
     * session or a cross-site form cannot call them.
     */
    private Principal signedPrincipal(final Context ctx, final String service) {
        return principalOf(verifiedSignature(ctx, Set.of(service)));
    }

    private Verified verifiedSignature(final Context ctx, final Set<String> services) {
        try {
            return verifier.verify(signedRequest(ctx), services);
        } catch (final AuthenticationException e) {
            throw new AccessRefused(e.httpStatus(), e.code(), e.getMessage());
        }
    }

    private Principal principalOf(final Verified signature) {
        return identities.principal(signature.accessKeyId()).orElseThrow(() -> new AccessRefused(403,
            "InvalidClientTokenId", "The security token included in the request is invalid."));
    }

    /**
     * HTTP Basic as Confluent's clients send it: {@code base64(accessKeyId:secretAccessKey)}. The secret is compared
     * in constant time with the key's; an unknown, inactive or deleted key is refused as a signature by it would be.
     */
    private Principal basicPrincipal(final BasicCredentials credentials) {
        final String accessKeyId = credentials.accessKeyId();
        final byte[] given = credentials.secret().getBytes(StandardCharsets.UTF_8);
        final byte[] secret = identities.secretFor(accessKeyId).map(known -> known.getBytes(StandardCharsets.UTF_8))
            .orElseThrow(() -> new AccessRefused(403, "InvalidClientTokenId",
                "The security token included in the request is invalid."));
        if (!MessageDigest.isEqual(secret, given)) {
            throw new AccessRefused(403, "SignatureDoesNotMatch", "The secret access key in the Basic credentials "
                + "is not the secret of access key " + accessKeyId + ".");
        }
        return identities.principal(accessKeyId).orElseThrow(() -> new AccessRefused(403, "InvalidClientTokenId",
            "The security token included in the request is invalid."));
    }

    private static AccessRefused malformedBasic() {
        return new AccessRefused(403, "IncompleteSignature", "Authorization: Basic must carry "
            + "base64(access key id:secret access key), as basic.auth.user.info=<access key id>:<secret> sends it");
    }

    private Principal sessionPrincipal(final Context ctx, final String cookie) {
        final SessionTokens.Session session = sessions.verify(cookie).orElseThrow(() -> new AccessRefused(403,
            "ExpiredToken", "The console session has expired or is not valid; sign in again."));
        if (!READS.contains(ctx.method().name()) && !session.csrfMatches(ctx.header(CSRF_HEADER))) {
            throw new AccessRefused(403, "AccessDenied", "a write in a console session needs the session's CSRF "
                + "token in the " + CSRF_HEADER + " header");
        }
        return identities.principal(session.accessKeyId()).orElseThrow(() -> new AccessRefused(403,
            "ExpiredToken", "The access key of this console session no longer exists or is inactive."));
    }

    private static SignedRequest signedRequest(final Context ctx) {
        final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (final String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, Collections.list(ctx.req().getHeaders(name)));
        }
        return SignedRequest.of(ctx.method().name(), ctx.req().getRequestURI(), ctx.queryString(), headers,
            ctx.bodyAsBytes());
    }

    /**
     * A body is JSON or nothing: what a cross-site form or {@code text/plain} request sends is refused. (Any of the
     * accepted types makes a browser ask first, and no cross-origin request is ever allowed.)
     */
    private static void requireJsonBody(final Context ctx, final Set<String> accepted) {
        if (ctx.bodyAsBytes().length == 0) {
            return;
        }
        final String type = ctx.header("Content-Type");
        final String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!accepted.contains(media)) {
            throw new AccessRefused(415, "UnsupportedMediaType", "a request with a body must send it as "
                + "Content-Type: application/json" + (type == null ? "" : " (not " + type + ")"));
        }
    }

    /** {@code instanceRoute}: the call's route is one made for instances ({@link ApiCatalogue#INSTANCE_ONLY}). */
    private void authorize(final Principal principal, final ApiCallRoute.Call call, final boolean instanceRoute) {
        if (principal.isInstance()) {
            if (!call.operation().readOnly() && !instanceRoute) {
                throw new AccessRefused(403, "AccessDenied", "instances may only forward reads");
            }
            return;
        }
        if (call.operation().name().startsWith("Console")) {
            return; // signing in or out needs a valid key, and acts with that key's policies afterwards
        }
        for (final String resourceArn : call.resourceArns()) {
            final Decision decision = identities.authorize(principal, call.operation().iamAction(), resourceArn);
            if (!decision.allowed()) {
                throw new AccessRefused(403, "AccessDenied", "User: " + principal.arn() + " is not authorized to "
                    + "perform: " + call.operation().iamAction() + " on resource: " + resourceArn
                    + (decision == Decision.EXPLICIT_DENY ? " with an explicit deny in an identity-based policy"
                    : " because no identity-based policy allows the " + call.operation().iamAction() + " action"));
            }
        }
    }

    private void record(final Context ctx) {
        final CallState state = ctx.attribute(CALL);
        if (state == null || state.call == null || state.internal || state.recorded
            || state.principal != null && state.principal.isInstance()) {
            return;
        }
        state.recorded = true;
        if (state.call.operation().dataEvent() && !audit.recordsDataEvents()) {
            return;
        }
        final String requestId = Optional.ofNullable(ctx.res().getHeader("x-amzn-RequestId"))
            .orElse(UUID.randomUUID().toString());
        ctx.header("x-amzn-RequestId", requestId);
        final ApiErrors.Answered error = Optional.ofNullable(ApiErrors.answered(ctx)).orElse(state.forwardedError);
        audit.record(events.of(ctx, state.call, state.principal, requestId, clock.instant(),
            error == null ? (ctx.statusCode() >= 500 ? "InternalFailure" : null) : error.code(),
            error == null ? null : error.message()));
    }

    private void createSession(final Context ctx) {
        final CallState state = ctx.attribute(CALL);
        if (state == null || state.principal == null || ctx.header("Authorization") == null) {
            throw new AccessRefused(403, "MissingAuthenticationToken", "sign the request with an access key to "
                + "start a console session");
        }
        final SessionTokens.Session session = sessions.issue(state.principal.accessKeyId());
        ctx.cookie(new Cookie(SESSION_COOKIE, session.token(), "/", (int) java.time.Duration.between(clock.instant(),
            session.expiresAt()).toSeconds(), ctx.req().isSecure(), true, null, SameSite.STRICT));
        final var body = JSON.createObjectNode().put("UserName", state.principal.userName())
            .put("CsrfToken", session.csrfToken()).put("Expiration", session.expiresAt().toString());
        ctx.status(HttpStatus.CREATED).contentType("application/json").result(body.toString());
    }

    /** The caller and the console actions their policies allow; {@code ?AlarmName=} decides alarm actions on it. */
    private void currentSession(final Context ctx) {
        final CallState state = ctx.attribute(CALL);
        ctx.status(HttpStatus.OK).contentType("application/json")
            .result(permissions.of(state.principal, ctx.queryParam("AlarmName")).toString());
    }

    private void deleteSession(final Context ctx) {
        ctx.cookie(new Cookie(SESSION_COOKIE, "", "/", 0, ctx.req().isSecure(), true, null, SameSite.STRICT));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    /** Routes registered on the server that the catalogue does not list (each would be refused). */
    public List<String> unlisted(final List<Endpoint> endpoints) {
        final List<String> missing = new ArrayList<>();
        for (final Endpoint endpoint : endpoints) {
            final String route = endpoint.method.name() + " " + endpoint.path;
            if (endpoint.method.isHttpMethod() && !catalogue.lists(route)) {
                missing.add(route);
            }
        }
        return missing;
    }
}
