package io.trailwatch.processors.logs.insights;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code count_distinct}: exact up to {@value #EXACT_LIMIT} distinct values (a set of them), then a HyperLogLog
 * sketch of 2^14 registers (about 0.8% standard error), which AWS's documentation allows: its count_distinct is
 * approximate too. Both forms merge across instances: sets by union (exact), sketches by register-wise maximum.
 */
final class DistinctCounter {

    static final int EXACT_LIMIT = 10_000;
    private static final int BITS = 14;
    private static final int REGISTERS = 1 << BITS;

    private Set<String> exact = new HashSet<>();
    private byte[] registers;

    void add(final String value) {
        if (exact != null) {
            exact.add(value);
            if (exact.size() > EXACT_LIMIT) {
                registers = new byte[REGISTERS];
                exact.forEach(this::addToSketch);
                exact = null;
            }
        } else {
            addToSketch(value);
        }
    }

    void merge(final DistinctCounter other) {
        if (other.exact != null) {
            other.exact.forEach(this::add);
            return;
        }
        if (exact != null) {
            registers = new byte[REGISTERS];
            exact.forEach(this::addToSketch);
            exact = null;
        }
        for (int i = 0; i < REGISTERS; i++) {
            registers[i] = (byte) Math.max(registers[i], other.registers[i]);
        }
    }

    long count() {
        if (exact != null) {
            return exact.size();
        }
        double sum = 0;
        int zeros = 0;
        for (final byte register : registers) {
            sum += Math.pow(2, -register);
            if (register == 0) {
                zeros++;
            }
        }
        final double alpha = 0.7213 / (1 + 1.079 / REGISTERS);
        final double estimate = alpha * REGISTERS * REGISTERS / sum;
        if (estimate <= 2.5 * REGISTERS && zeros > 0) {
            return Math.round(REGISTERS * Math.log((double) REGISTERS / zeros));
        }
        return Math.round(estimate);
    }

    private void addToSketch(final String value) {
        final long hash = hash(value);
        final int index = (int) (hash >>> (64 - BITS));
        final int rank = Long.numberOfLeadingZeros((hash << BITS) | (1L << (BITS - 1))) + 1;
        registers[index] = (byte) Math.max(registers[index], rank);
    }

    /** FNV-1a over the UTF-8 bytes, then MurmurHash3's 64-bit finalizer to spread the bits. */
    private static long hash(final String value) {
        long h = 0xcbf29ce484222325L;
        for (final byte b : value.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** The values (exact form) or the registers (sketch), for another instance. */
    Object state() {
        return exact != null ? Set.copyOf(exact) : Base64.getEncoder().encodeToString(registers);
    }

    static DistinctCounter ofState(final Object state) {
        final DistinctCounter counter = new DistinctCounter();
        if (state instanceof String sketch) {
            counter.exact = null;
            counter.registers = Base64.getDecoder().decode(sketch);
        } else {
            for (final Object value : (Iterable<?>) state) {
                counter.exact.add((String) value);
            }
        }
        return counter;
    }
}
