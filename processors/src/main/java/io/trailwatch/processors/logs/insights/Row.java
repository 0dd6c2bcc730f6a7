package io.trailwatch.processors.logs.insights;

/** What an expression reads fields from: a log record, or a row of aggregated results. */
@FunctionalInterface
interface Row {

    /** The field's value, {@code null} when absent. */
    Object get(String field);
}
