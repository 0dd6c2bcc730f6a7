package io.trailwatch.app.cli.alarms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.cli.ApiCall;
import java.util.List;
import picocli.CommandLine.Option;

/** The options PutMetricAlarm and PutCompositeAlarm share, with the AWS CLI's names. */
final class AlarmActionsOptions {

    @Option(names = "--alarm-name", required = true, paramLabel = "NAME", description = "The alarm's name.")
    String alarmName;

    @Option(names = "--alarm-description", paramLabel = "TEXT", description = "A description of the alarm.")
    String alarmDescription;

    @Option(names = "--actions-enabled", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Whether notifications are sent on state changes (--no-actions-enabled: not; default: on).")
    boolean actionsEnabled;

    @Option(names = "--ok-actions", arity = "1..*", paramLabel = "ARN", description = "Actions on OK.")
    List<String> okActions;

    @Option(names = "--alarm-actions", arity = "1..*", paramLabel = "ARN", description = "Actions on ALARM.")
    List<String> alarmActions;

    @Option(names = "--insufficient-data-actions", arity = "1..*", paramLabel = "ARN",
        description = "Actions on INSUFFICIENT_DATA.")
    List<String> insufficientDataActions;

    /** The request body with these fields. */
    ObjectNode body() {
        final ObjectNode body = ApiCall.JSON.createObjectNode().put("AlarmName", alarmName);
        if (alarmDescription != null) {
            body.put("AlarmDescription", alarmDescription);
        }
        body.put("ActionsEnabled", actionsEnabled);
        list(body, "OKActions", okActions);
        list(body, "AlarmActions", alarmActions);
        list(body, "InsufficientDataActions", insufficientDataActions);
        return body;
    }

    static void list(final ObjectNode body, final String field, final List<String> values) {
        if (values != null) {
            values.forEach(body.putArray(field)::add);
        }
    }
}
