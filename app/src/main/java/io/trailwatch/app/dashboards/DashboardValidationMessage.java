package io.trailwatch.app.dashboards;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One of PutDashboard's DashboardValidationMessages: where in the body ({@code /widgets/0/properties/metrics/1}, a
 * JSON pointer; empty for the body as a whole) and what is wrong there.
 */
public record DashboardValidationMessage(String dataPath, String message) {

    public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("DataPath", dataPath).put("Message", message);
    }

    @Override
    public String toString() {
        return (dataPath.isEmpty() ? "(body)" : dataPath) + ": " + message;
    }
}
