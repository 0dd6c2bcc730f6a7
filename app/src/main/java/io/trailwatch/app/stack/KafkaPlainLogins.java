package io.trailwatch.app.stack;

import io.trailwatch.identity.sigv4.SecretLookup;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the embedded broker's SASL/PLAIN listener finds the access keys it checks passwords against.
 *
 * <p>Kafka makes its callback handler itself, from a class name, so the identity service cannot be handed to it;
 * but the broker runs in this JVM. {@link LocalStack} reserves a {@link Slot} before the broker starts, names it in
 * the broker's config ({@link #CONFIG}, which Kafka passes on to the handler), and fills it once the identity service
 * has loaded. A slot that is unknown, not filled yet or closed refuses every login: the listener fails closed.
 * Slots rather than one global, because tests run several stacks in one JVM.
 */
public final class KafkaPlainLogins {

    /** The broker config naming the slot; Kafka hands unknown configs on to the listener's callback handler. */
    public static final String CONFIG = "trailwatch.plain.logins.slot";

    private static final Map<String, SecretLookup> FILLED = new ConcurrentHashMap<>();

    private KafkaPlainLogins() {
    }

    /** A new, empty slot: logins through it are refused until it is {@link Slot#fill filled}. */
    public static Slot reserve() {
        return new Slot(UUID.randomUUID().toString());
    }

    /** The secrets behind a slot; empty when it is unknown, not filled yet or closed. */
    static Optional<SecretLookup> lookup(final String slot) {
        return slot == null ? Optional.empty() : Optional.ofNullable(FILLED.get(slot));
    }

    /** One broker's place in the registry; closing it refuses that broker's PLAIN logins again. */
    public static final class Slot implements AutoCloseable {

        private final String id;

        private Slot(final String id) {
            this.id = id;
        }

        /** The value of {@link #CONFIG} for the broker. */
        public String id() {
            return id;
        }

        public void fill(final SecretLookup secrets) {
            FILLED.put(id, Objects.requireNonNull(secrets, "secrets"));
        }

        @Override
        public void close() {
            FILLED.remove(id);
        }
    }
}
