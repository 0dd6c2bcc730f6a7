package io.trailwatch.processors.logs.insights;

import java.util.regex.Matcher;

/** How the row-at-a-time commands ({@code fields}, {@code filter}, {@code parse}) act on one row. */
final class RowCommands {

    private RowCommands() {
    }

    /** Applies the command; {@code false} when a filter drops the row. */
    static boolean apply(final Command command, final MutableRow row) {
        if (command instanceof Command.Filter filter) {
            return Values.truthy(filter.condition().eval(row));
        }
        if (command instanceof Command.Fields fields) {
            for (final Command.Named field : fields.fields()) {
                row.set(field.name(), field.expr().eval(row));
            }
        } else if (command instanceof Command.Parse parse) {
            final String text = Values.text(parse.source().eval(row));
            if (text != null) {
                final Matcher matcher = BoundedText.matcher(parse.pattern(), text);
                if (matcher.find()) {
                    final boolean named = parse.pattern().pattern().contains("(?<");
                    for (int i = 0; i < parse.names().size(); i++) {
                        final String name = parse.names().get(i);
                        row.set(name, named ? matcher.group(name) : matcher.group(i + 1));
                    }
                }
            }
        }
        return true;
    }
}
