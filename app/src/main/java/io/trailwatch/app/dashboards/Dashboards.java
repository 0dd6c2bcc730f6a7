package io.trailwatch.app.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.identity.ResourceNames;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CloudWatch's dashboards (PutDashboard, GetDashboard, ListDashboards, DeleteDashboards), as the {@code /v1/dashboards}
 * routes, CloudWatch's own protocols, the CLI and the console all call them: bodies validated as CloudWatch validates
 * them and kept verbatim, so what is put is what is got.
 */
public final class Dashboards {

    /** ListDashboards' page: CloudWatch answers up to 1000 dashboards a call. */
    static final int PAGE = 1000;
    static final int MAX_NAME_LENGTH = 255;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final DashboardStore store;
    private final ResourceNames names;

    public Dashboards(final DashboardStore store, final ResourceNames names) {
        this.store = store;
        this.names = names;
    }

    /**
     * PutDashboard: creates or replaces the dashboard; throws {@link DashboardInvalidInput} for a body CloudWatch
     * would refuse. Returns the validation messages of a body taken (none: Trailwatch has no warnings).
     */
    public List<DashboardValidationMessage> put(final String name, final String body) {
        requireName("DashboardName", name);
        final List<DashboardValidationMessage> problems = DashboardBodyValidator.validate(body);
        if (!problems.isEmpty()) {
            throw new DashboardInvalidInput(problems);
        }
        store.put(name, body);
        return List.of();
    }

    /** GetDashboard: {@code DashboardArn}, {@code DashboardBody}, {@code DashboardName}. */
    public ObjectNode get(final String name) {
        requireName("DashboardName", name);
        final DashboardStore.Stored dashboard = store.get(name).orElseThrow(() -> notFound(name));
        return JsonNodeFactory.instance.objectNode().put("DashboardArn", names.dashboard(name))
            .put("DashboardBody", dashboard.body()).put("DashboardName", name);
    }

    /** ListDashboards: the dashboards whose names start with the prefix (null: all), by name, a page at a time. */
    public ObjectNode list(final String namePrefix, final String nextToken) {
        final String prefix = namePrefix == null ? "" : namePrefix;
        if (!prefix.isEmpty()) {
            requireName("DashboardNamePrefix", prefix);
        }
        if (nextToken != null && (!NAME.matcher(nextToken).matches() || !nextToken.startsWith(prefix))) {
            throw new ApiErrors.BadRequest("NextToken", "is not a token ListDashboards gave for this prefix");
        }
        final List<DashboardStore.Stored> page = store.list(prefix, nextToken, PAGE + 1);
        final ObjectNode answer = JsonNodeFactory.instance.objectNode();
        final ArrayNode entries = answer.putArray("DashboardEntries");
        page.stream().limit(PAGE).forEach(dashboard -> entries.addObject()
            .put("DashboardName", dashboard.name())
            .put("DashboardArn", names.dashboard(dashboard.name()))
            .put("LastModified", dashboard.lastModified().toString())
            .put("Size", dashboard.body().getBytes(StandardCharsets.UTF_8).length));
        if (page.size() > PAGE) {
            answer.put("NextToken", page.get(PAGE - 1).name());
        }
        return answer;
    }

    /**
     * DeleteDashboards: all the named dashboards, or none of them when one does not exist (CloudWatch's
     * DashboardNotFoundError, ResourceNotFound).
     */
    public void delete(final List<String> dashboardNames) {
        if (dashboardNames == null || dashboardNames.isEmpty()) {
            throw new ApiErrors.BadRequest("DashboardNames", "is required");
        }
        final List<String> distinct = List.copyOf(new LinkedHashSet<>(dashboardNames));
        for (final String name : distinct) {
            requireName("DashboardNames", name);
            if (store.get(name).isEmpty()) {
                throw notFound(name);
            }
        }
        store.delete(distinct);
    }

    private static void requireName(final String field, final String name) {
        if (name == null || name.isEmpty()) {
            throw new ApiErrors.BadRequest(field, "is required");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new ApiErrors.BadRequest(field, "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (!NAME.matcher(name).matches()) {
            throw new ApiErrors.BadRequest(field, "can contain only alphanumerics, dash (-) and underscore (_)");
        }
    }

    private static ApiErrors.NotFound notFound(final String name) {
        return new ApiErrors.NotFound("Dashboard " + name + " does not exist");
    }
}
