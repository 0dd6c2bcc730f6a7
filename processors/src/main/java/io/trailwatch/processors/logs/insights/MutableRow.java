package io.trailwatch.processors.logs.insights;

/** A row commands can add fields to ({@code fields}, {@code parse}). */
interface MutableRow extends Row {

    void set(String field, Object value);
}
