package io.trailwatch.processors.filter.pattern;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code [ ... ]} pattern over the message's space-delimited fields.
 *
 * <p>Entries bind to fields left to right. An ellipsis takes any number of fields (zero included) so that the
 * entries after it bind to the last fields. Without an ellipsis, the last entry takes the rest of the message when
 * it has more fields than the pattern has entries: AWS documents {@code [w1=ERROR, w2]} as matching
 * "ERROR 09/25/2014 12:00:02 Failed to process request". Fewer fields than entries never match.
 *
 * <p>Extracted values follow TestMetricFilter: {@code $name} for named entries, {@code $N} (1-based field
 * position) for fields bound to an ellipsis or to an unnamed (empty) entry.
 */
final class DelimitedPattern implements CompiledPattern {

    /** One comma-separated entry; {@code name} is null for an unnamed entry and the ellipsis. */
    record Entry(String name, boolean ellipsis, Condition<Scalar> condition) {

        static Entry ellipsisEntry() {
            return new Entry(null, true, null);
        }
    }

    private final List<Entry> entries;
    private final int ellipsis;
    private final int before;
    private final int after;

    DelimitedPattern(final List<Entry> entries) {
        this.entries = List.copyOf(entries);
        int found = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).ellipsis()) {
                found = i;
            }
        }
        this.ellipsis = found;
        this.before = found < 0 ? entries.size() : found;
        this.after = found < 0 ? 0 : entries.size() - found - 1;
    }

    @Override
    public PatternKind kind() {
        return PatternKind.SPACE_DELIMITED;
    }

    @Override
    public Optional<Match> match(final LogMessage message) {
        return matchText(message.text());
    }

    private Optional<Match> matchText(final String message) {
        final List<MessageFields.Field> fields = MessageFields.split(message);
        if (fields.size() < before + after) {
            return Optional.empty();
        }
        final String[] values = new String[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            final Entry entry = entries.get(i);
            if (entry.ellipsis()) {
                continue;
            }
            values[i] = value(message, fields, i);
            if (entry.condition() != null && !entry.condition().test(Scalar.of(values[i]))) {
                return Optional.empty();
            }
        }
        return Optional.of(new Match(extract(fields, values), null));
    }

    private String value(final String message, final List<MessageFields.Field> fields, final int entry) {
        final int field = fieldIndex(entry, fields.size());
        final boolean takesRest = ellipsis < 0 && entry == entries.size() - 1 && fields.size() > entries.size();
        return takesRest ? message.substring(fields.get(field).start()).strip() : fields.get(field).value();
    }

    private int fieldIndex(final int entry, final int fieldCount) {
        return entry < before ? entry : fieldCount - after + (entry - ellipsis - 1);
    }

    private Map<String, String> extract(final List<MessageFields.Field> fields, final String[] values) {
        final Map<String, String> extracted = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            final Entry entry = entries.get(i);
            if (entry.ellipsis()) {
                for (int field = before; field < fields.size() - after; field++) {
                    extracted.put("$" + (field + 1), fields.get(field).value());
                }
            } else if (entry.name() != null) {
                extracted.put("$" + entry.name(), values[i]);
            } else {
                extracted.put("$" + (fieldIndex(i, fields.size()) + 1), values[i]);
            }
        }
        return extracted;
    }
}
