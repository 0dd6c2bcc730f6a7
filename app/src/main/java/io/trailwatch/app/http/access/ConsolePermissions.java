package io.trailwatch.app.http.access;

import static io.trailwatch.identity.AwsService.CLOUDWATCH;
import static io.trailwatch.identity.AwsService.LOGS;
import static io.trailwatch.identity.AwsService.TRAILWATCH;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.identity.IdentityService;
import io.trailwatch.identity.Operation;
import io.trailwatch.identity.Principal;
import io.trailwatch.identity.ResourceNames;
import java.util.List;
import java.util.function.Function;

/**
 * What the console may offer a signed-in user ({@code GET /v1/sessions/current}): each action one of its buttons or
 * forms performs, decided by the same policy evaluation the gate applies to the call itself, so a button is shown
 * exactly when its call would be allowed. Hiding is a courtesy; the gate still refuses every write it does not allow.
 */
final class ConsolePermissions {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An action a console control performs, and the resource it acts on (given the alarm the page is about). */
    private record ConsoleAction(Operation operation, Function<String, String> resource) { }

    private final IdentityService identities;
    private final List<ConsoleAction> actions;

    ConsolePermissions(final IdentityService identities, final ResourceNames names) {
        this.identities = identities;
        // Alarm actions are decided on the page's alarm, or on every alarm's ARN pattern ("alarm:*") on the list.
        final Function<String, String> alarm = name -> names.alarm(name == null ? "*" : name);
        final Function<String, String> muteRule = name -> names.alarmMuteRule("*");
        final Function<String, String> any = name -> ResourceNames.ANY;
        this.actions = List.of(
            new ConsoleAction(CLOUDWATCH.write("PutMetricAlarm"), alarm),
            new ConsoleAction(CLOUDWATCH.write("DeleteAlarms"), alarm),
            new ConsoleAction(CLOUDWATCH.write("SetAlarmState"), alarm),
            new ConsoleAction(CLOUDWATCH.write("PutAlarmMuteRule"), muteRule),
            new ConsoleAction(CLOUDWATCH.write("DeleteAlarmMuteRule"), muteRule),
            new ConsoleAction(CLOUDWATCH.write("PutDashboard"), any),
            new ConsoleAction(CLOUDWATCH.write("DeleteDashboards"), any),
            new ConsoleAction(LOGS.read("FilterLogEvents"), name -> names.logGroup("*")),
            new ConsoleAction(TRAILWATCH.read("GetHealth"), any),
            new ConsoleAction(TRAILWATCH.read("GetMetrics"), any));
    }

    /** The user, and the IAM actions of the console's controls the user's policies allow. */
    ObjectNode of(final Principal principal, final String alarmName) {
        final ObjectNode answer = JSON.createObjectNode().put("UserName", principal.userName())
            .put("Arn", principal.arn());
        final ArrayNode allowed = answer.putArray("AllowedActions");
        for (final ConsoleAction action : actions) {
            final String iamAction = action.operation().iamAction();
            if (identities.authorize(principal, iamAction, action.resource().apply(alarmName)).allowed()) {
                allowed.add(iamAction);
            }
        }
        return answer;
    }
}
