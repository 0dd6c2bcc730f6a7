package io.trailwatch.processors.logs.insights;

/**
 * One aggregation of {@code stats}.
 *
 * @param function what it computes
 * @param argument what it reads; {@code null} for {@code count(*)}
 * @param percent  for {@code pct}, the percentile (0 to 100)
 * @param name     its column: the alias, or the aggregation as written ({@code count(*)})
 */
record Aggregate(Function function, Expr argument, double percent, String name) {

    enum Function { COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX, PCT, EARLIEST, LATEST }
}
