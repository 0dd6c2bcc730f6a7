package io.trailwatch.app.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * A CLI verb that calls the API: the endpoint and credential options every such verb takes, and its calls, reported
 * as the AWS CLI reports them ({@link ApiCall}).
 */
public abstract class ApiCommand implements Callable<Integer> {

    @Mixin
    private EndpointOptions endpoint;

    @CommandLine.Spec
    protected CommandLine.Model.CommandSpec spec;

    /** A call of the operation, as errors name it ({@code PutMetricAlarm}). */
    protected final ApiCall api(final String operation) {
        return new ApiCall(operation, endpoint, spec);
    }

    /**
     * A call of the operation whose errors name the command's option for an API field when the user set the field
     * through it.
     */
    protected final ApiCall api(final String operation, final Map<String, String> optionOfField) {
        return new ApiCall(operation, endpoint, spec, optionOfField);
    }

    /** A call of the operation the command is named after ({@code delete-metric-filter}: DeleteMetricFilter). */
    protected final ApiCall api() {
        return api(ApiCall.operation(spec.name()));
    }
}
