package io.trailwatch.processors.logs.insights;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the Logs Insights query language's core into {@link Command}s: commands separated by {@code |};
 * expressions with {@code or} &lt; {@code and} &lt; {@code not} &lt; comparisons, {@code like}, {@code =~},
 * {@code in} &lt; {@code + -} &lt; {@code * / %} &lt; {@code ^}. Keywords are case-insensitive; a mistake is a
 * {@link MalformedQueryException} at the token that could not be read.
 */
final class QueryParser {

    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final Map<String, Long> UNITS = Map.ofEntries(Map.entry("ms", 1L), Map.entry("msec", 1L),
        Map.entry("millisecond", 1L), Map.entry("s", 1_000L), Map.entry("sec", 1_000L),
        Map.entry("second", 1_000L), Map.entry("m", 60_000L), Map.entry("min", 60_000L),
        Map.entry("minute", 60_000L), Map.entry("h", 3_600_000L), Map.entry("hr", 3_600_000L),
        Map.entry("hour", 3_600_000L), Map.entry("d", 86_400_000L), Map.entry("day", 86_400_000L),
        Map.entry("w", 604_800_000L), Map.entry("week", 604_800_000L));
    /**
     * How deeply an expression may nest (parentheses, function calls, not, unary minus, ^): a 10,000-character query
     * of parentheses would otherwise overflow the stack of the thread parsing it, and its evaluation the scan's.
     */
    static final int MAX_NESTING = 100;
    private static final List<String> COMPARISONS = List.of("=", "==", "!=", "<", "<=", ">", ">=");

    private final String query;
    private final List<Token> tokens;
    private int at;
    private int nesting;

    private QueryParser(final String query) {
        this.query = query;
        this.tokens = QueryLexer.tokens(query);
    }

    static List<Command> parse(final String query) {
        return new QueryParser(query).commands();
    }

    private List<Command> commands() {
        final List<Command> commands = new ArrayList<>();
        if (peek().kind() == Token.Kind.END) {
            throw error(peek(), "the query is empty");
        }
        commands.add(command());
        while (peek().isSymbol("|")) {
            at++;
            commands.add(command());
        }
        if (peek().kind() != Token.Kind.END) {
            throw error(peek(), "expected '|' or the end of the query, found " + describe(peek()));
        }
        return commands;
    }

    private Command command() {
        final Token word = next();
        if (word.kind() != Token.Kind.IDENT) {
            throw error(word, "expected a command (fields, filter, stats, sort, limit, parse, display, dedup), found "
                + describe(word));
        }
        return switch (word.text().toLowerCase(Locale.ROOT)) {
            case "fields" -> new Command.Fields(namedList());
            case "filter" -> new Command.Filter(expression());
            case "stats" -> stats();
            case "sort" -> sort();
            case "limit" -> limit();
            case "parse" -> parseCommand();
            case "display" -> new Command.Display(fieldNames());
            case "dedup" -> new Command.Dedup(fieldNames());
            default -> throw error(word, "unknown command '" + word.text() + "' (Trailwatch knows fields, filter, "
                + "stats, sort, limit, parse, display, dedup)");
        };
    }

    private List<Command.Named> namedList() {
        final List<Command.Named> named = new ArrayList<>();
        do {
            named.add(named());
        } while (accept(","));
        return named;
    }

    private Command.Named named() {
        final int start = peek().offset();
        final Expr expr = expression();
        final String text = query.substring(start, tokens.get(at - 1).end());
        if (peek().isWord("as")) {
            at++;
            return new Command.Named(expr, fieldName());
        }
        return new Command.Named(expr, expr instanceof Expr.Field field ? field.name() : text);
    }

    private Command stats() {
        final List<Aggregate> aggregates = new ArrayList<>();
        do {
            aggregates.add(aggregate());
        } while (accept(","));
        final List<Command.Named> by = new ArrayList<>();
        if (peek().isWord("by")) {
            at++;
            by.addAll(namedList());
        }
        return new Command.Stats(aggregates, by);
    }

    private Aggregate aggregate() {
        final Token name = next();
        final Aggregate.Function function = switch (name.kind() == Token.Kind.IDENT
            ? name.text().toLowerCase(Locale.ROOT) : "") {
            case "count" -> Aggregate.Function.COUNT;
            case "count_distinct" -> Aggregate.Function.COUNT_DISTINCT;
            case "sum" -> Aggregate.Function.SUM;
            case "avg" -> Aggregate.Function.AVG;
            case "min" -> Aggregate.Function.MIN;
            case "max" -> Aggregate.Function.MAX;
            case "pct", "percentile" -> Aggregate.Function.PCT;
            case "earliest" -> Aggregate.Function.EARLIEST;
            case "latest" -> Aggregate.Function.LATEST;
            default -> throw error(name, "expected an aggregation function (count, count_distinct, sum, avg, min, "
                + "max, pct, earliest, latest), found " + describe(name));
        };
        expect("(");
        Expr argument = null;
        double percent = 0;
        if (function == Aggregate.Function.COUNT && peek().isSymbol("*")) {
            at++;
        } else {
            argument = expression();
        }
        if (function == Aggregate.Function.PCT) {
            expect(",");
            final Token number = next();
            if (number.kind() != Token.Kind.NUMBER || Double.parseDouble(number.text()) > 100) {
                throw error(number, "pct's second argument must be a number from 0 to 100");
            }
            percent = Double.parseDouble(number.text());
        }
        expect(")");
        final String text = query.substring(name.offset(), tokens.get(at - 1).end());
        if (peek().isWord("as")) {
            at++;
            return new Aggregate(function, argument, percent, fieldName());
        }
        return new Aggregate(function, argument, percent, text);
    }

    private Command sort() {
        final List<Command.SortKey> keys = new ArrayList<>();
        do {
            final String field = fieldName();
            boolean descending = false;
            if (peek().isWord("desc") || peek().isWord("asc")) {
                descending = next().isWord("desc");
            }
            keys.add(new Command.SortKey(field, descending));
        } while (accept(","));
        return new Command.Sort(keys);
    }

    private Command limit() {
        final Token number = next();
        if (number.kind() != Token.Kind.NUMBER || !number.text().matches("[0-9]{1,5}")
            || Integer.parseInt(number.text()) < 1 || Integer.parseInt(number.text()) > 10_000) {
            throw error(number, "limit takes a whole number from 1 to 10000, found " + describe(number));
        }
        return new Command.Limit(Integer.parseInt(number.text()));
    }

    private Command parseCommand() {
        final Expr source = peek().kind() == Token.Kind.STRING || peek().kind() == Token.Kind.REGEX
            ? new Expr.Field(LogRecord.MESSAGE) : primary();
        final Token pattern = next();
        if (pattern.kind() == Token.Kind.REGEX) {
            final Pattern regex = regex(pattern);
            final List<String> names = new ArrayList<>();
            final Matcher groups = GROUP_NAME.matcher(pattern.text());
            while (groups.find()) {
                names.add(groups.group(1));
            }
            if (names.isEmpty()) {
                throw error(pattern, "a parse regular expression needs named groups, as (?<name>...)");
            }
            return new Command.Parse(source, regex, names);
        }
        if (pattern.kind() != Token.Kind.STRING) {
            throw error(pattern, "parse expects a pattern in quotes (with * for each field) or a regular expression, "
                + "found " + describe(pattern));
        }
        final String[] parts = pattern.text().split("\\*", -1);
        if (parts.length < 2) {
            throw error(pattern, "a parse pattern needs at least one *");
        }
        final Token as = next();
        if (!as.isWord("as")) {
            throw error(as, "expected 'as' and the names of the pattern's fields, found " + describe(as));
        }
        final List<String> names = fieldNames();
        if (names.size() != parts.length - 1) {
            throw error(as, "the pattern has " + (parts.length - 1) + " * but " + names.size() + " names follow 'as'");
        }
        final StringBuilder glob = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            glob.append(Pattern.quote(parts[i]));
            if (i < parts.length - 1) {
                glob.append(i == parts.length - 2 && parts[i + 1].isEmpty() ? "(.*)" : "(.*?)");
            }
        }
        return new Command.Parse(source, Pattern.compile(glob.toString(), Pattern.DOTALL), names);
    }

    private List<String> fieldNames() {
        final List<String> names = new ArrayList<>();
        do {
            names.add(fieldName());
        } while (accept(","));
        return names;
    }

    private String fieldName() {
        final Token name = next();
        if (name.kind() != Token.Kind.IDENT || name.text().isEmpty()) {
            throw error(name, "expected a field name, found " + describe(name));
        }
        return name.text();
    }

    private Expr expression() {
        Expr left = conjunction();
        while (peek().isWord("or")) {
            at++;
            left = new Expr.Logical(false, left, conjunction());
        }
        return left;
    }

    private Expr conjunction() {
        Expr left = negation();
        while (peek().isWord("and")) {
            at++;
            left = new Expr.Logical(true, left, negation());
        }
        return left;
    }

    private Expr negation() {
        if (peek().isWord("not")) {
            at++;
            return new Expr.Not(nested(this::negation));
        }
        return comparison();
    }

    private Expr comparison() {
        final Expr left = additive();
        final Token operator = peek();
        if (operator.kind() == Token.Kind.SYMBOL && COMPARISONS.contains(operator.text())) {
            at++;
            return new Expr.Compare(operator.text(), left, additive());
        }
        boolean negated = false;
        if (operator.isWord("not") && (tokens.get(at + 1).isWord("like") || tokens.get(at + 1).isWord("in"))) {
            at++;
            negated = true;
        }
        if (peek().isWord("like") || peek().isSymbol("=~")) {
            final boolean regexOnly = next().isSymbol("=~");
            final Token pattern = next();
            if (pattern.kind() == Token.Kind.REGEX) {
                return new Expr.Like(left, new Expr.Regex(regex(pattern)), negated);
            }
            if (pattern.kind() == Token.Kind.STRING && !regexOnly) {
                return new Expr.Like(left, new Expr.Literal(pattern.text()), negated);
            }
            throw error(pattern, (regexOnly ? "=~ expects a /regular expression/" : "like expects a string or a "
                + "/regular expression/") + ", found " + describe(pattern));
        }
        if (peek().isWord("in")) {
            at++;
            expect("[");
            final List<Expr> candidates = new ArrayList<>();
            if (!peek().isSymbol("]")) {
                do {
                    candidates.add(additive());
                } while (accept(","));
            }
            expect("]");
            return new Expr.In(left, candidates, negated);
        }
        if (negated) {
            throw error(peek(), "expected like or in after not");
        }
        return left;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (peek().isSymbol("+") || peek().isSymbol("-")) {
            left = new Expr.Arithmetic(next().text(), left, multiplicative());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = power();
        while (peek().isSymbol("*") || peek().isSymbol("/") || peek().isSymbol("%")) {
            left = new Expr.Arithmetic(next().text(), left, power());
        }
        return left;
    }

    private Expr power() {
        final Expr base = unary();
        if (peek().isSymbol("^")) {
            at++;
            return new Expr.Arithmetic("^", base, nested(this::power));
        }
        return base;
    }

    private Expr unary() {
        if (peek().isSymbol("-")) {
            at++;
            return new Expr.Arithmetic("-", new Expr.Literal(0.0), nested(this::unary));
        }
        return primary();
    }

    private Expr primary() {
        final Token token = next();
        switch (token.kind()) {
            case NUMBER:
                try {
                    return new Expr.Literal(Double.parseDouble(token.text()));
                } catch (final NumberFormatException e) {
                    throw error(token, "'" + token.text() + "' is not a number");
                }
            case STRING:
                return new Expr.Literal(token.text());
            case SYMBOL:
                if (token.isSymbol("(")) {
                    final Expr inner = nested(this::expression);
                    expect(")");
                    return inner;
                }
                throw error(token, "expected a field, a value or '(', found " + describe(token));
            case IDENT:
                return peek().isSymbol("(") ? nested(() -> call(token)) : new Expr.Field(token.text());
            default:
                throw error(token, "expected a field, a value or '(', found " + describe(token));
        }
    }

    /** One level deeper, refused past {@link #MAX_NESTING} as a malformed query. */
    private Expr nested(final Supplier<Expr> inner) {
        if (++nesting > MAX_NESTING) {
            throw error(peek(), "the expression nests more than " + MAX_NESTING + " levels deep");
        }
        try {
            return inner.get();
        } finally {
            nesting--;
        }
    }

    private Expr call(final Token name) {
        final String function = name.text().toLowerCase(Locale.ROOT);
        expect("(");
        if (function.equals("bin")) {
            final Token period = next();
            final Expr bin = new Expr.Bin(period(period));
            expect(")");
            return bin;
        }
        if (!Expr.Call.FUNCTIONS.contains(function)) {
            throw error(name, "unknown function '" + name.text() + "' (Trailwatch knows bin, "
                + String.join(", ", Expr.Call.FUNCTIONS) + ")");
        }
        final List<Expr> arguments = new ArrayList<>();
        if (!peek().isSymbol(")")) {
            do {
                arguments.add(expression());
            } while (accept(","));
        }
        final Token close = expect(")");
        final boolean variadic = function.equals("concat") || function.equals("coalesce");
        if (variadic ? arguments.isEmpty() : arguments.size() != 1) {
            throw error(close, function + " takes " + (variadic ? "one or more arguments" : "one argument"));
        }
        return new Expr.Call(function, arguments);
    }

    private long period(final Token period) {
        if (period.kind() == Token.Kind.DURATION) {
            final Matcher parts = Pattern.compile("([0-9]+)([a-zA-Z]+)").matcher(period.text());
            if (parts.matches()) {
                final String unit = parts.group(2).toLowerCase(Locale.ROOT);
                final Long ms = UNITS.getOrDefault(unit, unit.length() > 2 && unit.endsWith("s")
                    ? UNITS.get(unit.substring(0, unit.length() - 1)) : null);
                final long count = Long.parseLong(parts.group(1));
                if (ms != null && count > 0) {
                    return count * ms;
                }
            }
        }
        throw error(period, "bin takes a period such as 30s, 5m, 1h or 1d (ms, s, m, h, d, w), found "
            + describe(period));
    }

    private Pattern regex(final Token token) {
        try {
            return Pattern.compile(token.text());
        } catch (final PatternSyntaxException e) {
            throw error(token, "invalid regular expression: " + e.getDescription());
        }
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        final Token token = tokens.get(at);
        if (token.kind() != Token.Kind.END) {
            at++;
        }
        return token;
    }

    private boolean accept(final String symbol) {
        if (peek().isSymbol(symbol)) {
            at++;
            return true;
        }
        return false;
    }

    private Token expect(final String symbol) {
        final Token token = next();
        if (!token.isSymbol(symbol)) {
            throw error(token, "expected '" + symbol + "', found " + describe(token));
        }
        return token;
    }

    private MalformedQueryException error(final Token token, final String reason) {
        return new MalformedQueryException(query, token.offset(), reason);
    }

    private static String describe(final Token token) {
        return switch (token.kind()) {
            case END -> "the end of the query";
            case STRING -> "the string \"" + token.text() + "\"";
            case REGEX -> "a regular expression";
            default -> "'" + token.text() + "'";
        };
    }
}
