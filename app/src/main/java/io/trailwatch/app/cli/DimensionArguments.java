package io.trailwatch.app.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** The AWS CLI's shorthand for dimensions, {@code Name=InstanceId,Value=i-1234}, as the API's {@code Name=Value}. */
final class DimensionArguments {

    private DimensionArguments() {
    }

    /**
     * @param valueOptional whether {@code Name=X} alone is allowed (ListMetrics filters by name only)
     */
    static List<String> toQuery(final CommandLine commandLine, final List<String> shorthand, final boolean valueOptional) {
        final List<String> dimensions = new ArrayList<>();
        for (final String dimension : shorthand == null ? List.<String>of() : shorthand) {
            String name = null;
            String value = null;
            for (final String part : dimension.split(",")) {
                if (part.startsWith("Name=")) {
                    name = part.substring("Name=".length());
                } else if (part.startsWith("Value=")) {
                    value = part.substring("Value=".length());
                } else {
                    throw new CommandLine.ParameterException(commandLine, "--dimensions: expected Name=NAME,Value=VALUE, "
                        + "got '" + dimension + "'");
                }
            }
            if (name == null || name.isEmpty() || value == null && !valueOptional) {
                throw new CommandLine.ParameterException(commandLine, "--dimensions: expected Name=NAME"
                    + (valueOptional ? "[,Value=VALUE]" : ",Value=VALUE") + ", got '" + dimension + "'");
            }
            dimensions.add(value == null ? name : name + "=" + value);
        }
        return dimensions;
    }
}
