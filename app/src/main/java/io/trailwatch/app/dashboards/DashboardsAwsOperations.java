package io.trailwatch.app.dashboards;

import static io.trailwatch.identity.AwsService.CLOUDWATCH;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.aws.AwsApis;
import io.trailwatch.app.aws.AwsOperations;
import io.trailwatch.aws.AwsError;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.aws.AwsOperation;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.processors.config.Definitions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * CloudWatch's dashboard operations (PutDashboard, GetDashboard, ListDashboards, DeleteDashboards) in its three
 * protocols, answered by the {@link Dashboards} the {@code /v1/dashboards} routes call. A refused body is
 * DashboardInvalidInputError (code InvalidParameterInput) with its {@code dashboardValidationMessages}; a dashboard
 * that does not exist is DashboardNotFoundError (code ResourceNotFound), as the service's NotFound translates.
 */
public final class DashboardsAwsOperations implements AwsOperations {

    private static final String DASHBOARD = "AWS::CloudWatch::Dashboard";
    private static final String NAMES = "DashboardNames";

    private final Dashboards dashboards;
    private final ResourceNames names;

    public DashboardsAwsOperations(final Dashboards dashboards, final ResourceNames names) {
        this.dashboards = dashboards;
        this.names = names;
    }

    @Override
    public void addTo(final AwsApis apis) {
        apis.cloudWatch()
            .operation(CLOUDWATCH.write("PutDashboard"), named(), this::put)
            .operation(CLOUDWATCH.read("GetDashboard"), named(),
                input -> dashboards.get(AwsInput.of(input).requiredText("DashboardName")))
            .operation(CLOUDWATCH.read("ListDashboards"), input -> {
                final AwsInput request = AwsInput.of(input);
                return dashboards.list(request.text("DashboardNamePrefix").orElse(null),
                    request.text("NextToken").orElse(null));
            })
            // As AWS, each dashboard DeleteDashboards names is authorized.
            .operation(CLOUDWATCH.write("DeleteDashboards"), allNamed(), input -> {
                dashboards.delete(AwsInput.of(input).texts(NAMES));
                // An empty DeleteDashboardsResult: botocore's query parser requires the element (its output
                // shape is a structure with no members).
                return JsonNodeFactory.instance.objectNode();
            });
    }

    private JsonNode put(final ObjectNode input) {
        final AwsInput request = AwsInput.of(input);
        try {
            dashboards.put(request.requiredText("DashboardName"), request.requiredText("DashboardBody"));
        } catch (final DashboardInvalidInput invalid) {
            final ObjectNode members = JsonNodeFactory.instance.objectNode();
            members.set("dashboardValidationMessages", invalid.messagesJson());
            throw AwsError.of("DashboardInvalidInputError", DashboardInvalidInput.CODE, 400, invalid.getMessage())
                .withMembers(members);
        }
        final ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.putArray("DashboardValidationMessages");
        return answer;
    }

    /** The dashboard DashboardName names; {@code *} when absent (the handler then refuses the call). */
    private Function<ObjectNode, Optional<AwsOperation.Resource>> named() {
        return input -> Optional.ofNullable(Definitions.field(input, "DashboardName")).map(Map.Entry::getValue)
            .filter(JsonNode::isTextual)
            .map(name -> new AwsOperation.Resource(names.dashboard(name.asText()), DASHBOARD));
    }

    private Function<ObjectNode, Optional<AwsOperation.Resource>> allNamed() {
        return input -> {
            final JsonNode given = Optional.ofNullable(Definitions.field(input, NAMES)).map(Map.Entry::getValue)
                .orElse(null);
            if (given == null || !given.isArray() || given.isEmpty()) {
                return Optional.empty();
            }
            final List<String> arns = new ArrayList<>();
            given.forEach(name -> arns.add(names.dashboard(name.asText())));
            return Optional.of(new AwsOperation.Resource(arns, DASHBOARD));
        };
    }
}
