package io.trailwatch.app.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a DashboardBody as CloudWatch's dashboard body structure defines it: the top level ({@code widgets},
 * {@code start}, {@code end}, {@code periodOverride}), each widget's place on the 24-column grid and the properties
 * of metric, text, alarm and log widgets, metrics arrays with their {@code "."} and {@code "..."} shorthands and
 * rendering properties. Properties it does not know are kept and ignored, as CloudWatch keeps them; every problem
 * is reported, each at its JSON pointer, so that a person fixes them all at once.
 */
public final class DashboardBodyValidator {

    /** PutDashboard's limit of the body, in bytes of UTF-8. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Widgets of one dashboard. */
    public static final int MAX_WIDGETS = 500;
    /** Metrics (and expressions) of one graph. */
    public static final int MAX_METRICS_PER_WIDGET = 500;
    /** Alarms of one alarm status widget. */
    public static final int MAX_ALARMS_PER_WIDGET = 100;
    static final int GRID_COLUMNS = 24;
    static final int MAX_HEIGHT = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WIDGET_TYPES = Set.of("metric", "text", "log", "alarm", "explorer", "custom");
    private static final Set<String> METRIC_VIEWS = Set.of("timeSeries", "singleValue", "gauge", "bar", "pie");
    private static final Set<String> LOG_VIEWS = Set.of("table", "timeSeries", "bar", "pie");
    private static final Set<String> ALARM_STATES = Set.of("ALARM", "INSUFFICIENT_DATA", "OK");
    private static final Set<String> ALARM_SORTS = Set.of("default", "stateUpdatedTimestamp", "timestamp");
    private static final Set<String> PERIOD_OVERRIDES = Set.of("auto", "inherit");
    private static final Set<Integer> HIGH_RESOLUTION_PERIODS = Set.of(1, 5, 10, 30);
    private static final Pattern ALARM_ARN = Pattern.compile("arn:aws[a-z-]*:cloudwatch:[^:]*:[^:]*:alarm:.+");
    /** A metric's first element may be a repetition of the previous metric: all of it, or one position. */
    private static final String REPEAT_REST = "...";
    private static final String REPEAT_ONE = ".";

    private final List<DashboardValidationMessage> messages = new ArrayList<>();

    private DashboardBodyValidator() {
    }

    /** Every problem of the body; empty when CloudWatch would take it. */
    public static List<DashboardValidationMessage> validate(final String body) {
        final DashboardBodyValidator validator = new DashboardBodyValidator();
        validator.body(body);
        return List.copyOf(validator.messages);
    }

    private void body(final String text) {
        if (text == null || text.isBlank()) {
            error("", "The dashboard body is required");
            return;
        }
        final int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BODY_BYTES) {
            error("", "The dashboard body is " + bytes + " bytes, more than the " + MAX_BODY_BYTES + " allowed");
            return;
        }
        final JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (final JsonProcessingException e) {
            error("", "The dashboard body is not valid JSON: " + e.getOriginalMessage());
            return;
        }
        if (!object("", root)) {
            return;
        }
        timeRange(root);
        enumerated("/periodOverride", root.get("periodOverride"), PERIOD_OVERRIDES);
        if (root.has("variables") && !root.get("variables").isArray()) {
            error("/variables", "Should be array");
        }
        final JsonNode widgets = root.get("widgets");
        if (widgets == null) {
            error("", "Should have required property 'widgets'");
        } else if (!widgets.isArray()) {
            error("/widgets", "Should be array");
        } else if (widgets.size() > MAX_WIDGETS) {
            error("/widgets", "Should NOT have more than " + MAX_WIDGETS + " items");
        } else {
            for (int i = 0; i < widgets.size(); i++) {
                widget("/widgets/" + i, widgets.get(i));
            }
        }
    }

    /** {@code start}: relative (an ISO 8601 duration before now, {@code -PT3H}) or absolute; {@code end} absolute. */
    private void timeRange(final JsonNode root) {
        final JsonNode start = root.get("start");
        final JsonNode end = root.get("end");
        boolean absoluteStart = false;
        if (start != null) {
            if (!start.isTextual()) {
                error("/start", "Should be string");
            } else if (isTimestamp(start.asText())) {
                absoluteStart = true;
            } else if (!isPastDuration(start.asText())) {
                error("/start", "Should be an ISO 8601 duration before now (such as -PT3H or -P7D) or an ISO 8601 "
                    + "timestamp");
            }
        }
        if (end != null) {
            if (!end.isTextual() || !isTimestamp(end.asText())) {
                error("/end", "Should be an ISO 8601 timestamp");
            } else if (!absoluteStart) {
                error("/end", "Can only be used with an absolute start");
            } else if (!OffsetDateTime.parse(end.asText()).isAfter(OffsetDateTime.parse(start.asText()))) {
                error("/end", "Should be after start");
            }
        }
    }

    private static boolean isTimestamp(final String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (final DateTimeParseException e) {
            return false;
        }
    }

    /** {@code -PT15M}, {@code -P7D}, {@code -P1DT2H}: a duration in the past. */
    static boolean isPastDuration(final String text) {
        if (!text.startsWith("-P")) {
            return false;
        }
        final String positive = text.substring(1);
        try {
            return !Duration.parse(positive).isZero();
        } catch (final DateTimeParseException notTimeBased) {
            try {
                return !Period.parse(positive).isZero();
            } catch (final DateTimeParseException e) {
                return false;
            }
        }
    }

    private void widget(final String path, final JsonNode widget) {
        if (!object(path, widget)) {
            return;
        }
        final JsonNode type = widget.get("type");
        if (type == null) {
            error(path, "Should have required property 'type'");
        } else if (!type.isTextual() || !WIDGET_TYPES.contains(type.asText())) {
            error(path + "/type", "Should be equal to one of the allowed values: " + String.join(", ",
                WIDGET_TYPES.stream().sorted().toList()));
        }
        integer(path + "/x", widget.get("x"), 0, GRID_COLUMNS - 1);
        integer(path + "/y", widget.get("y"), 0, Integer.MAX_VALUE);
        integer(path + "/width", widget.get("width"), 1, GRID_COLUMNS);
        integer(path + "/height", widget.get("height"), 1, MAX_HEIGHT);
        final JsonNode properties = widget.get("properties");
        if (properties == null) {
            error(path, "Should have required property 'properties'");
            return;
        }
        if (!object(path + "/properties", properties) || type == null || !type.isTextual()) {
            return;
        }
        final String at = path + "/properties";
        switch (type.asText()) {
            case "metric" -> metricProperties(at, properties);
            case "text" -> {
                requiredText(at, properties, "markdown");
                enumerated(at + "/background", properties.get("background"), Set.of("solid", "transparent"));
            }
            case "alarm" -> alarmProperties(at, properties);
            case "log" -> {
                requiredText(at, properties, "query");
                requiredText(at, properties, "region");
                enumerated(at + "/view", properties.get("view"), LOG_VIEWS);
                bool(at + "/stacked", properties.get("stacked"));
            }
            default -> {
                // explorer and custom widgets are kept as they are; the console shows what they are
            }
        }
    }

    private void metricProperties(final String at, final JsonNode properties) {
        requiredText(at, properties, "region");
        enumerated(at + "/view", properties.get("view"), METRIC_VIEWS);
        bool(at + "/stacked", properties.get("stacked"));
        text(at + "/title", properties.get("title"));
        text(at + "/stat", properties.get("stat"));
        period(at + "/period", properties.get("period"));
        final JsonNode metrics = properties.get("metrics");
        if (metrics == null) {
            error(at, "Should have required property 'metrics'");
        } else if (!metrics.isArray()) {
            error(at + "/metrics", "Should be array");
        } else if (metrics.size() > MAX_METRICS_PER_WIDGET) {
            error(at + "/metrics", "Should NOT have more than " + MAX_METRICS_PER_WIDGET + " items");
        } else {
            metricsArray(at + "/metrics", (ArrayNode) metrics);
        }
        if ("gauge".equals(properties.path("view").asText())) {
            final JsonNode left = properties.path("yAxis").path("left");
            if (!left.path("min").isNumber() || !left.path("max").isNumber()) {
                error(at + "/yAxis/left", "A gauge needs a range: yAxis.left.min and yAxis.left.max are required");
            }
        }
    }

    /**
     * Each metric is {@code [Namespace, MetricName, (DimensionName, DimensionValue)*, {rendering}?]}, or only
     * {@code [{"expression": ...}]}; {@code "."} repeats the previous metric's element at that position and
     * {@code "..."} (first) all of the previous metric's elements up to where the rest of this one starts.
     */
    private void metricsArray(final String path, final ArrayNode metrics) {
        List<String> previous = null;
        for (int i = 0; i < metrics.size(); i++) {
            final String at = path + "/" + i;
            final JsonNode metric = metrics.get(i);
            if (!metric.isArray()) {
                error(at, "Should be array");
                continue;
            }
            if (metric.isEmpty()) {
                error(at, "Should NOT have fewer than 1 items");
                continue;
            }
            final List<String> names = new ArrayList<>();
            boolean rendering = false;
            for (int j = 0; j < metric.size(); j++) {
                final JsonNode element = metric.get(j);
                if (element.isObject() && j == metric.size() - 1) {
                    rendering = true;
                    renderingProperties(at + "/" + j, element);
                } else if (!element.isTextual()) {
                    error(at + "/" + j, j == metric.size() - 1 ? "Should be string or object"
                        : "Should be string");
                    names.clear();
                    break;
                } else {
                    names.add(element.asText());
                }
            }
            if (names.isEmpty()) {
                if (!rendering) {
                    continue;
                }
                final JsonNode options = metric.get(metric.size() - 1);
                if (!options.path("expression").isTextual()) {
                    error(at, "A metric needs a namespace and a name, or its rendering properties an expression");
                }
                continue;
            }
            final List<String> expanded = expand(at, names, previous);
            if (expanded == null) {
                continue;
            }
            if (expanded.size() < 2 || expanded.size() % 2 != 0) {
                error(at, "Should be a namespace, a metric name and dimension name and value pairs");
                continue;
            }
            previous = expanded;
        }
    }

    private List<String> expand(final String at, final List<String> names, final List<String> previous) {
        final boolean repeats = names.contains(REPEAT_ONE) || names.contains(REPEAT_REST);
        if (repeats && previous == null) {
            error(at, "Cannot use \".\" or \"...\" in the first metric: there is no previous metric to repeat");
            return null;
        }
        if (names.indexOf(REPEAT_REST) > 0) {
            error(at + "/" + names.indexOf(REPEAT_REST), "\"...\" can only be the first element");
            return null;
        }
        if (REPEAT_REST.equals(names.get(0))) {
            final List<String> rest = names.subList(1, names.size());
            final int keep = Math.max(0, previous.size() - rest.size());
            final List<String> expanded = new ArrayList<>(previous.subList(0, keep));
            expanded.addAll(rest);
            return expanded;
        }
        final List<String> expanded = new ArrayList<>(names.size());
        for (int k = 0; k < names.size(); k++) {
            if (REPEAT_ONE.equals(names.get(k))) {
                if (k >= previous.size()) {
                    error(at + "/" + k, "\".\" repeats position " + k + " of the previous metric, which has none");
                    return null;
                }
                expanded.add(previous.get(k));
            } else {
                expanded.add(names.get(k));
            }
        }
        return expanded;
    }

    private void renderingProperties(final String at, final JsonNode options) {
        for (final String name : List.of("color", "label", "stat", "id", "expression", "accountId", "region")) {
            text(at + "/" + name, options.get(name));
        }
        enumerated(at + "/yAxis", options.get("yAxis"), Set.of("left", "right"));
        bool(at + "/visible", options.get("visible"));
        period(at + "/period", options.get("period"));
    }

    private void alarmProperties(final String at, final JsonNode properties) {
        final JsonNode alarms = properties.get("alarms");
        if (alarms == null) {
            error(at, "Should have required property 'alarms'");
        } else if (!alarms.isArray()) {
            error(at + "/alarms", "Should be array");
        } else if (alarms.size() > MAX_ALARMS_PER_WIDGET) {
            error(at + "/alarms", "Should NOT have more than " + MAX_ALARMS_PER_WIDGET + " items");
        } else {
            for (int i = 0; i < alarms.size(); i++) {
                if (!alarms.get(i).isTextual() || !ALARM_ARN.matcher(alarms.get(i).asText()).matches()) {
                    error(at + "/alarms/" + i, "Should be an alarm ARN (arn:aws:cloudwatch:<region>:<account>:"
                        + "alarm:<name>)");
                }
            }
        }
        enumerated(at + "/sortBy", properties.get("sortBy"), ALARM_SORTS);
        final JsonNode states = properties.get("states");
        if (states != null) {
            if (!states.isArray()) {
                error(at + "/states", "Should be array");
            } else {
                for (int i = 0; i < states.size(); i++) {
                    enumerated(at + "/states/" + i, states.get(i), ALARM_STATES);
                }
            }
        }
    }

    /** CloudWatch's periods: 1, 5, 10, 30 or a multiple of 60 seconds. */
    private void period(final String at, final JsonNode period) {
        if (period == null) {
            return;
        }
        if (!period.canConvertToInt() || !period.isIntegralNumber()
            || !(HIGH_RESOLUTION_PERIODS.contains(period.asInt()) || period.asInt() > 0 && period.asInt() % 60 == 0)) {
            error(at, "Should be 1, 5, 10, 30 or a multiple of 60 seconds");
        }
    }

    private boolean object(final String at, final JsonNode node) {
        if (!node.isObject()) {
            error(at, "Should be object");
            return false;
        }
        return true;
    }

    private void requiredText(final String at, final JsonNode properties, final String name) {
        final JsonNode value = properties.get(name);
        if (value == null) {
            error(at, "Should have required property '" + name + "'");
        } else {
            text(at + "/" + name, value);
        }
    }

    private void text(final String at, final JsonNode value) {
        if (value != null && !value.isTextual()) {
            error(at, "Should be string");
        }
    }

    private void bool(final String at, final JsonNode value) {
        if (value != null && !value.isBoolean()) {
            error(at, "Should be boolean");
        }
    }

    private void integer(final String at, final JsonNode value, final int min, final int max) {
        if (value == null) {
            return;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            error(at, "Should be integer");
        } else if (value.asInt() < min) {
            error(at, "Should be >= " + min);
        } else if (value.asInt() > max) {
            error(at, "Should be <= " + max);
        }
    }

    private void enumerated(final String at, final JsonNode value, final Set<String> allowed) {
        if (value != null && (!value.isTextual() || !allowed.contains(value.asText()))) {
            error(at, "Should be equal to one of the allowed values: " + String.join(", ",
                allowed.stream().sorted().toList()));
        }
    }

    private void error(final String dataPath, final String message) {
        messages.add(new DashboardValidationMessage(dataPath, message));
    }
}
