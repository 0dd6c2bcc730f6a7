package io.trailwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.schemas.text.Printable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * LookupEvents' answer as a boxed table, the way the AWS CLI's {@code --output table} draws one. Every cell is
 * recorded text, so every cell goes through {@link Printable#escape}: an event name holding a newline or terminal
 * escape codes is shown as {@code \n} and <code>&#92;u001b</code>, and cannot break the table or act on the terminal.
 */
final class EventsTable {

    private static final String[] COLUMNS = {"EventTime", "EventName", "Username", "EventSource", "ReadOnly",
        "Resources", "EventId"};

    private EventsTable() {
    }

    static void print(final JsonNode answer, final PrintWriter out) {
        final List<String[]> rows = new ArrayList<>();
        for (final JsonNode event : answer.path("Events")) {
            final List<String> resources = new ArrayList<>();
            event.path("Resources").forEach(resource -> resources.add(resource.path("ResourceName").asText()));
            final String[] row = {event.path("EventTime").asText(), event.path("EventName").asText(),
                event.path("Username").asText(""), event.path("EventSource").asText(),
                event.path("ReadOnly").asText(""), String.join(", ", resources), event.path("EventId").asText()};
            for (int i = 0; i < row.length; i++) {
                row[i] = Printable.escape(row[i]);
            }
            rows.add(row);
        }
        final int[] widths = new int[COLUMNS.length];
        for (int i = 0; i < COLUMNS.length; i++) {
            widths[i] = COLUMNS[i].length();
            for (final String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        final StringBuilder rule = new StringBuilder("+");
        for (final int width : widths) {
            rule.append("-".repeat(width + 2)).append('+');
        }
        final int inner = rule.length() - 2;
        out.println("-".repeat(inner + 2));
        out.println("|" + centered("LookupEvents", inner) + "|");
        out.println(rule);
        out.println(line(COLUMNS, widths));
        out.println(rule);
        rows.forEach(row -> out.println(line(row, widths)));
        if (!rows.isEmpty()) {
            out.println(rule);
        }
        out.println(rows.size() + " event" + (rows.size() == 1 ? "" : "s"));
        if (answer.hasNonNull("NextToken")) {
            out.println("NextToken: " + Printable.escape(answer.get("NextToken").asText()));
        }
        out.flush();
    }

    private static String line(final String[] cells, final int[] widths) {
        final StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            line.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length() + 1)).append('|');
        }
        return line.toString();
    }

    private static String centered(final String text, final int width) {
        final int left = (width - text.length()) / 2;
        return " ".repeat(Math.max(0, left)) + text + " ".repeat(Math.max(0, width - text.length() - left));
    }
}
