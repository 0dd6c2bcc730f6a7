package io.trailwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The AWS CLI's {@code --dimensions} of the metric commands, shorthand ({@code Name=InstanceId,Value=i-1234}) or
 * JSON ({@code [{"Name":"InstanceId","Value":"i-1234"}]}), read by {@link Shorthand} as the alarm commands read
 * theirs, as the API's {@code Name=Value}.
 */
final class DimensionArguments {

    private static final String OPTION = "--dimensions";

    private DimensionArguments() {
    }

    /**
     * @param valueOptional whether {@code Name=X} alone is allowed (ListMetrics filters by name only)
     */
    static List<String> toQuery(final CommandLine commandLine, final List<String> given, final boolean valueOptional) {
        final List<String> dimensions = new ArrayList<>();
        if (given == null || given.isEmpty()) {
            return dimensions;
        }
        try {
            final ArrayNode structures = Shorthand.structures(OPTION, given);
            // Shorthand has one structure per value given: an error quotes what the user typed.
            final boolean onePerValue = !Shorthand.isJsonList(given);
            for (int i = 0; i < structures.size(); i++) {
                final JsonNode dimension = structures.get(i);
                final JsonNode name = dimension.path("Name");
                final JsonNode value = dimension.path("Value");
                final boolean fieldsKnown = dimension.size() == (value.isMissingNode() ? 1 : 2);
                if (!name.isTextual() || name.asText().isEmpty() || !fieldsKnown
                    || !(value.isTextual() || value.isMissingNode() && valueOptional)) {
                    throw new CommandLine.ParameterException(commandLine, OPTION + ": expected Name=NAME"
                        + (valueOptional ? "[,Value=VALUE]" : ",Value=VALUE") + ", got '"
                        + (onePerValue ? given.get(i) : dimension.toString()) + "'");
                }
                dimensions.add(value.isMissingNode() ? name.asText() : name.asText() + "=" + value.asText());
            }
        } catch (final Shorthand.InvalidException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        return dimensions;
    }
}
