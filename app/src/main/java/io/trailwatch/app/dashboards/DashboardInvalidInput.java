package io.trailwatch.app.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A dashboard body PutDashboard refuses (CloudWatch's DashboardInvalidInputError, code InvalidParameterInput), with
 * every message of its validation.
 */
public final class DashboardInvalidInput extends RuntimeException {

    /** The error's query code, which every client reads. */
    public static final String CODE = "InvalidParameterInput";

    private final transient List<DashboardValidationMessage> messages;

    DashboardInvalidInput(final List<DashboardValidationMessage> messages) {
        super("The field DashboardBody is invalid: " + messages.stream().map(DashboardValidationMessage::toString)
            .collect(Collectors.joining("; ")), null, false, false);
        this.messages = List.copyOf(messages);
    }

    public List<DashboardValidationMessage> messages() {
        return messages;
    }

    /** The messages as PutDashboard answers them ({@code [{"DataPath":..., "Message":...}]}). */
    public ArrayNode messagesJson() {
        final ArrayNode array = JsonNodeFactory.instance.arrayNode();
        messages.forEach(message -> array.add(message.toJson()));
        return array;
    }
}
