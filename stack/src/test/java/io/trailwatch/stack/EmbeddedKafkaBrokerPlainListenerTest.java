package io.trailwatch.stack;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.kafka.common.security.plain.internals.PlainServerCallbackHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the builder accepts for the SASL/PLAIN listener (the listener itself is tested on a broker, in the app). */
class EmbeddedKafkaBrokerPlainListenerTest {

    @TempDir
    Path dir;

    @Test
    void aPlainListenerNeedsASecuredBroker() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().dataDir(dir)
            .plainListener("PLAIN_CLIENTS", 0, PlainServerCallbackHandler.class).build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("secured");
    }

    @Test
    void itsNameIsAListenerNameOfItsOwn() {
        for (final String name : new String[] {"plain", "PLAIN-CLIENTS", "", "PLAINTEXT", "CONTROLLER"}) {
            assertThatThrownBy(() -> EmbeddedKafkaBroker.builder()
                .plainListener(name, 0, PlainServerCallbackHandler.class)).as(name)
                .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void itsPortIsItsOwn() {
        assertThatThrownBy(() -> secured().brokerPort(19092)
            .plainListener("PLAIN_CLIENTS", 19092, PlainServerCallbackHandler.class).build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("port of its own");
        assertThatThrownBy(() -> secured().plainListener("PLAIN_CLIENTS", 70_000, PlainServerCallbackHandler.class))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> secured().brokerPort(19092)
            .plainListener("PLAIN_CLIENTS", 19094, PlainServerCallbackHandler.class).build()).doesNotThrowAnyException();
    }

    private EmbeddedKafkaBroker.Builder secured() {
        return EmbeddedKafkaBroker.builder().dataDir(dir).superUser("trailwatch", "secret");
    }
}
