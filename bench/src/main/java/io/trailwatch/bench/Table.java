package io.trailwatch.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table, as the benchmarks print their results (Markdown, so it pastes into RESULTS.md). */
public final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(final String... header) {
        this.header = List.of(header);
    }

    public Table row(final Object... cells) {
        final List<String> row = new ArrayList<>(cells.length);
        for (final Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    public void print(final PrintWriter out) {
        final int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (final List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        line(out, header, widths);
        final StringBuilder rule = new StringBuilder("|");
        for (final int width : widths) {
            rule.append('-').append("-".repeat(width)).append("-|");
        }
        out.println(rule);
        rows.forEach(row -> line(out, row, widths));
        out.flush();
    }

    private static void line(final PrintWriter out, final List<String> cells, final int[] widths) {
        final StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            line.append(' ').append(String.format("%-" + widths[i] + "s", cells.get(i))).append(" |");
        }
        out.println(line);
    }
}
