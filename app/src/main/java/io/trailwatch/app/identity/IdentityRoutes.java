package io.trailwatch.app.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.RequestBodies;
import io.trailwatch.identity.AccessKey;
import io.trailwatch.identity.IdentityService;
import io.trailwatch.identity.NewAccessKey;
import io.trailwatch.identity.User;
import io.trailwatch.identity.policy.ManagedPolicies;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Users, access keys and policies over the native API, answered in IAM's JSON shapes
 * ({@code {"User": {...}}}, {@code {"AccessKey": {...}}}, {@code {"AccessKeyMetadata": [...]}}):
 * <ul>
 *   <li>{@code POST/GET/DELETE /v1/users/{name}}, {@code GET /v1/users}: CreateUser, GetUser, DeleteUser, ListUsers</li>
 *   <li>{@code POST/GET /v1/users/{name}/access-keys}, {@code PUT/DELETE /v1/users/{name}/access-keys/{id}}:
 *       CreateAccessKey (the only answer that holds the secret), ListAccessKeys, UpdateAccessKey, DeleteAccessKey</li>
 *   <li>{@code PUT/GET/DELETE /v1/users/{name}/policies/{policy}}, {@code GET /v1/users/{name}/policies}:
 *       PutUserPolicy ({@code PolicyDocument}), GetUserPolicy, DeleteUserPolicy, ListUserPolicies</li>
 *   <li>{@code POST/GET/DELETE /v1/users/{name}/attached-policies}: AttachUserPolicy ({@code PolicyArn}),
 *       ListAttachedUserPolicies, DetachUserPolicy ({@code ?PolicyArn=})</li>
 * </ul>
 */
public final class IdentityRoutes implements ApiRoutes {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String USER = "/v1/users/{name}";

    private final IdentityService identities;

    public IdentityRoutes(final IdentityService identities) {
        this.identities = identities;
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.get("/v1/users", ctx -> {
            final ArrayNode users = JSON.createArrayNode();
            identities.listUsers().forEach(user -> users.add(user(user)));
            answer(ctx, JSON.createObjectNode().put("IsTruncated", false).set("Users", users));
        });
        routes.post(USER, ctx -> {
            noBodyFields(ctx);
            answer(ctx, JSON.createObjectNode().set("User", user(identities.createUser(name(ctx)))));
        });
        routes.get(USER, ctx -> answer(ctx, JSON.createObjectNode().set("User", user(identities.getUser(name(ctx))))));
        routes.delete(USER, ctx -> {
            identities.deleteUser(name(ctx));
            ctx.status(HttpStatus.NO_CONTENT);
        });
        accessKeys(routes);
        policies(routes);
    }

    private void accessKeys(final RoutesConfig routes) {
        routes.post(USER + "/access-keys", ctx -> {
            noBodyFields(ctx);
            final NewAccessKey created = identities.createAccessKey(name(ctx));
            final ObjectNode key = accessKey(created.key()).put("SecretAccessKey", created.secretAccessKey());
            answer(ctx, JSON.createObjectNode().set("AccessKey", key));
        });
        routes.get(USER + "/access-keys", ctx -> {
            final ArrayNode keys = JSON.createArrayNode();
            identities.listAccessKeys(name(ctx)).forEach(key -> keys.add(accessKey(key)));
            answer(ctx, JSON.createObjectNode().put("IsTruncated", false).set("AccessKeyMetadata", keys));
        });
        routes.put(USER + "/access-keys/{id}", ctx -> {
            final ObjectNode body = body(ctx, Set.of("Status"));
            identities.updateAccessKey(name(ctx), ctx.pathParam("id"), required(body, "Status"));
            ctx.status(HttpStatus.NO_CONTENT);
        });
        routes.delete(USER + "/access-keys/{id}", ctx -> {
            identities.deleteAccessKey(name(ctx), ctx.pathParam("id"));
            ctx.status(HttpStatus.NO_CONTENT);
        });
    }

    private void policies(final RoutesConfig routes) {
        routes.get(USER + "/policies", ctx -> {
            final ArrayNode names = JSON.createArrayNode();
            identities.listUserPolicies(name(ctx)).forEach(names::add);
            answer(ctx, JSON.createObjectNode().put("IsTruncated", false).set("PolicyNames", names));
        });
        routes.put(USER + "/policies/{policy}", ctx -> {
            final ObjectNode body = body(ctx, Set.of("PolicyDocument"));
            final JsonNode document = body.get("PolicyDocument");
            if (document == null || !(document.isTextual() || document.isObject())) {
                throw new ApiErrors.BadRequest("PolicyDocument", "is required: the policy as a JSON object or as "
                    + "its JSON text");
            }
            identities.putUserPolicy(name(ctx), ctx.pathParam("policy"),
                document.isTextual() ? document.asText() : document.toString());
            ctx.status(HttpStatus.NO_CONTENT);
        });
        routes.get(USER + "/policies/{policy}", ctx -> answer(ctx, JSON.createObjectNode()
            .put("UserName", name(ctx)).put("PolicyName", ctx.pathParam("policy"))
            .put("PolicyDocument", identities.getUserPolicy(name(ctx), ctx.pathParam("policy")))));
        routes.delete(USER + "/policies/{policy}", ctx -> {
            identities.deleteUserPolicy(name(ctx), ctx.pathParam("policy"));
            ctx.status(HttpStatus.NO_CONTENT);
        });
        routes.get(USER + "/attached-policies", ctx -> {
            final ArrayNode attached = JSON.createArrayNode();
            identities.listAttachedUserPolicies(name(ctx)).forEach(arn -> attached.addObject()
                .put("PolicyName", arn.substring(arn.lastIndexOf('/') + 1)).put("PolicyArn", arn));
            answer(ctx, JSON.createObjectNode().put("IsTruncated", false).set("AttachedPolicies", attached));
        });
        routes.post(USER + "/attached-policies", ctx -> {
            identities.attachUserPolicy(name(ctx), required(body(ctx, Set.of("PolicyArn")), "PolicyArn"));
            ctx.status(HttpStatus.NO_CONTENT);
        });
        routes.delete(USER + "/attached-policies", ctx -> {
            final String arn = ctx.queryParam("PolicyArn");
            if (arn == null) {
                throw new ApiErrors.BadRequest("PolicyArn", "is required (as a query parameter); managed policies: "
                    + String.join(", ", ManagedPolicies.all().keySet()));
            }
            identities.detachUserPolicy(name(ctx), arn);
            ctx.status(HttpStatus.NO_CONTENT);
        });
    }

    private static String name(final Context ctx) {
        return ctx.pathParam("name");
    }

    private static ObjectNode user(final User user) {
        return JSON.createObjectNode().put("Path", "/").put("UserName", user.userName()).put("UserId", user.userId())
            .put("Arn", user.arn()).put("CreateDate", user.createDate().toString());
    }

    private static ObjectNode accessKey(final AccessKey key) {
        return JSON.createObjectNode().put("UserName", key.userName()).put("AccessKeyId", key.accessKeyId())
            .put("Status", key.status()).put("CreateDate", key.createDate().toString());
    }

    /** The body, which may hold only the named fields (exact case, as IAM's). */
    private static ObjectNode body(final Context ctx, final Set<String> allowed) {
        final ObjectNode body = RequestBodies.object(ctx.body());
        final Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            final String field = fields.next().getKey();
            if (!allowed.contains(field)) {
                throw new ApiErrors.BadRequest(field, "is not a field of this operation (allowed: "
                    + String.join(", ", allowed) + ")");
            }
        }
        return body;
    }

    private static void noBodyFields(final Context ctx) {
        body(ctx, Set.of());
    }

    private static String required(final ObjectNode body, final String field) {
        final JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new ApiErrors.BadRequest(field, value == null ? "is required" : "must be a string");
        }
        return value.asText();
    }

    private static void answer(final Context ctx, final JsonNode body) {
        ctx.status(HttpStatus.OK).contentType("application/json").result(body.toString());
    }
}
