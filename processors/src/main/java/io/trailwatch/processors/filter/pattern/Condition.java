package io.trailwatch.processors.filter.pattern;

import java.util.List;

/**
 * A boolean expression of a JSON or space-delimited pattern. {@code &&} and {@code ||} are the same for both
 * languages, so they are modelled once here, generic in what the leaves inspect: the message tree for JSON
 * ({@link JsonCondition}), one field value for space-delimited ({@link ValueTest}).
 */
sealed interface Condition<T> permits Condition.All, Condition.Any, JsonCondition, ValueTest {

    boolean test(T input);

    /** {@code a && b && ...}, short-circuiting left to right. */
    record All<T>(List<Condition<T>> parts) implements Condition<T> {

        public All {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(final T input) {
            for (final Condition<T> part : parts) {
                if (!part.test(input)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code a || b || ...}, short-circuiting left to right. */
    record Any<T>(List<Condition<T>> parts) implements Condition<T> {

        public Any {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(final T input) {
            for (final Condition<T> part : parts) {
                if (part.test(input)) {
                    return true;
                }
            }
            return false;
        }
    }
}
