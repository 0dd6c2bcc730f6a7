package io.trailwatch.processors.metrics;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * CloudWatch's StandardUnit enumeration. The Java names cannot hold '/', so each constant carries the
 * exact wire spelling CloudWatch uses ("Bytes/Second"); lookups are case-sensitive because CloudWatch's
 * are.
 */
public enum StandardUnit {
    Seconds("Seconds"),
    Microseconds("Microseconds"),
    Milliseconds("Milliseconds"),
    Bytes("Bytes"),
    Kilobytes("Kilobytes"),
    Megabytes("Megabytes"),
    Gigabytes("Gigabytes"),
    Terabytes("Terabytes"),
    Bits("Bits"),
    Kilobits("Kilobits"),
    Megabits("Megabits"),
    Gigabits("Gigabits"),
    Terabits("Terabits"),
    Percent("Percent"),
    Count("Count"),
    BytesPerSecond("Bytes/Second"),
    KilobytesPerSecond("Kilobytes/Second"),
    MegabytesPerSecond("Megabytes/Second"),
    GigabytesPerSecond("Gigabytes/Second"),
    TerabytesPerSecond("Terabytes/Second"),
    BitsPerSecond("Bits/Second"),
    KilobitsPerSecond("Kilobits/Second"),
    MegabitsPerSecond("Megabits/Second"),
    GigabitsPerSecond("Gigabits/Second"),
    TerabitsPerSecond("Terabits/Second"),
    CountPerSecond("Count/Second"),
    None("None");

    private static final Map<String, StandardUnit> BY_AWS_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(StandardUnit::aws, Function.identity()));

    private final String aws;

    StandardUnit(final String aws) {
        this.aws = aws;
    }

    /** The unit CloudWatch spells {@code name} exactly, or empty (null included). */
    public static Optional<StandardUnit> fromAws(final String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_AWS_NAME.get(name));
    }

    /** The spelling on the wire, e.g. "Bytes/Second". */
    public String aws() {
        return aws;
    }
}
