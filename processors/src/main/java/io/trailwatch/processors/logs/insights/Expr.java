package io.trailwatch.processors.logs.insights;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** An expression of {@code fields}, {@code filter}, {@code stats ... by} and aggregation arguments. */
sealed interface Expr {

    Object eval(Row row);


    /** A field, by name (dotted for JSON paths: {@code detail.user.name}). */
    record Field(String name) implements Expr {
        @Override
        public Object eval(final Row row) {
            return row.get(name);
        }
    }

    /** A string or a number. */
    record Literal(Object value) implements Expr {
        @Override
        public Object eval(final Row row) {
            return value;
        }
    }

    /** {@code /regex/}: only meaningful on the right of {@code like} and {@code =~}. */
    record Regex(Pattern pattern) implements Expr {
        @Override
        public Object eval(final Row row) {
            return pattern.pattern();
        }
    }

    /** {@code = != < <= > >=}. */
    record Compare(String operator, Expr left, Expr right) implements Expr {
        @Override
        public Object eval(final Row row) {
            final Object a = left.eval(row);
            final Object b = right.eval(row);
            if (a == null || b == null) {
                return false;
            }
            return switch (operator) {
                case "=", "==" -> Values.same(a, b);
                case "!=" -> !Values.same(a, b);
                case "<" -> Values.compare(a, b) < 0;
                case "<=" -> Values.compare(a, b) <= 0;
                case ">" -> Values.compare(a, b) > 0;
                default -> Values.compare(a, b) >= 0;
            };
        }
    }

    /** {@code like "text"} (contains), {@code like /regex/} and {@code =~ /regex/} (found anywhere). */
    record Like(Expr value, Expr pattern, boolean negated) implements Expr {
        @Override
        public Object eval(final Row row) {
            final String text = Values.text(value.eval(row));
            if (text == null) {
                return false;
            }
            final boolean found = pattern instanceof Regex regex ? BoundedText.matcher(regex.pattern(), text).find()
                : text.contains(String.valueOf(Values.text(pattern.eval(row))));
            return found != negated;
        }
    }

    /** {@code in [a, b, ...]}. */
    record In(Expr value, List<Expr> candidates, boolean negated) implements Expr {
        @Override
        public Object eval(final Row row) {
            final Object v = value.eval(row);
            if (v == null) {
                return false;
            }
            final boolean found = candidates.stream().anyMatch(candidate -> Values.same(v, candidate.eval(row)));
            return found != negated;
        }
    }

    /** {@code and}, {@code or}. */
    record Logical(boolean and, Expr left, Expr right) implements Expr {
        @Override
        public Object eval(final Row row) {
            final boolean a = Values.truthy(left.eval(row));
            if (and != a) {
                return a;
            }
            return Values.truthy(right.eval(row));
        }
    }

    record Not(Expr operand) implements Expr {
        @Override
        public Object eval(final Row row) {
            return !Values.truthy(operand.eval(row));
        }
    }

    /** {@code + - * / % ^}, and unary minus (as {@code 0 - x}); absent when an operand is not a number. */
    record Arithmetic(String operator, Expr left, Expr right) implements Expr {
        @Override
        public Object eval(final Row row) {
            final Double a = Values.number(left.eval(row));
            final Double b = Values.number(right.eval(row));
            if (a == null || b == null) {
                return null;
            }
            return switch (operator) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                case "/" -> b == 0 ? null : a / b;
                case "%" -> b == 0 ? null : a % b;
                default -> Math.pow(a, b);
            };
        }
    }

    /** {@code bin(5m)}: {@code @timestamp} rounded down to the period. */
    record Bin(long periodMs) implements Expr {
        @Override
        public Object eval(final Row row) {
            final Double time = Values.number(row.get(LogRecord.TIMESTAMP));
            if (time == null) {
                return null;
            }
            return new Timestamp(Math.floorDiv(time.longValue(), periodMs) * periodMs);
        }
    }

    /** The general functions that are cheap to have: presence tests, string and number helpers. */
    record Call(String function, List<Expr> arguments) implements Expr {

        static final List<String> FUNCTIONS = List.of("ispresent", "isempty", "isblank", "strlen", "tolower",
            "toupper", "trim", "concat", "abs", "ceil", "floor", "coalesce");

        @Override
        public Object eval(final Row row) {
            if (function.equals("coalesce")) {
                return arguments.stream().map(argument -> argument.eval(row)).filter(v -> v != null).findFirst()
                    .orElse(null);
            }
            if (function.equals("concat")) {
                final StringBuilder joined = new StringBuilder();
                arguments.forEach(argument -> {
                    final String text = Values.text(argument.eval(row));
                    joined.append(text == null ? "" : text);
                });
                return joined.toString();
            }
            final Object v = arguments.get(0).eval(row);
            final String text = Values.text(v);
            return switch (function) {
                case "ispresent" -> v != null;
                case "isempty" -> text == null || text.isEmpty();
                case "isblank" -> text == null || text.isBlank();
                case "strlen" -> text == null ? null : (double) text.length();
                case "tolower" -> text == null ? null : text.toLowerCase(Locale.ROOT);
                case "toupper" -> text == null ? null : text.toUpperCase(Locale.ROOT);
                case "trim" -> text == null ? null : text.strip();
                default -> numeric(Values.number(v));
            };
        }

        private Double numeric(final Double number) {
            if (number == null) {
                return null;
            }
            return switch (function) {
                case "abs" -> Math.abs(number);
                case "ceil" -> Math.ceil(number);
                default -> Math.floor(number);
            };
        }
    }
}
