package io.trailwatch.processors.logs.insights;

import java.util.List;
import java.util.regex.Pattern;

/** One command of a query's pipeline. */
sealed interface Command {

    /** An expression and the name its value goes under. */
    record Named(Expr expr, String name) {
    }

    /** {@code fields a, b as c, ...}: computes fields (and names the columns shown when there is no display). */
    record Fields(List<Named> fields) implements Command {
    }

    /** {@code filter expression}: keeps what it is true of. */
    record Filter(Expr condition) implements Command {
    }

    /** {@code stats aggregate [as name], ... [by expression [as name], ...]}. */
    record Stats(List<Aggregate> aggregates, List<Named> by) implements Command {
    }

    /** {@code sort field [asc|desc], ...}. */
    record Sort(List<SortKey> keys) implements Command {
    }

    record SortKey(String field, boolean descending) {
    }

    /** {@code limit n}. */
    record Limit(int count) implements Command {
    }

    /**
     * {@code parse field "glob with *" as a, b} and {@code parse field /regex with (?<name>...)/}: the pattern's
     * groups, in order, become the named fields; nothing is set when it does not match.
     */
    record Parse(Expr source, Pattern pattern, List<String> names) implements Command {
    }

    /** {@code display a, b}: the columns of the results. */
    record Display(List<String> fields) implements Command {
    }

    /** {@code dedup a, b}: the first result (in the sort order) of each combination of values. */
    record Dedup(List<String> fields) implements Command {
    }
}
