package io.trailwatch.app.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.kafka.common.security.plain.PlainAuthenticateCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PLAIN listener's password check, as Kafka's PlainSaslServer calls it. */
class AccessKeyPlainCallbackHandlerTest {

    private static final String KEY_ID = "AKIAPLAINTEST0000001";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private KafkaPlainLogins.Slot slot;
    private AccessKeyPlainCallbackHandler handler;

    @BeforeEach
    void configure() {
        slot = KafkaPlainLogins.reserve();
        handler = handlerFor(Map.of(KafkaPlainLogins.CONFIG, slot.id()));
    }

    @AfterEach
    void release() {
        slot.close();
        handler.close();
    }

    @Test
    void theSecretOfAnActiveKeyLogsIn() throws Exception {
        slot.fill(keyId -> keyId.equals(KEY_ID) ? Optional.of(SECRET) : Optional.empty());
        assertThat(login(handler, KEY_ID, SECRET)).isTrue();
    }

    @Test
    void aWrongSecretIsRefused() throws Exception {
        slot.fill(keyId -> keyId.equals(KEY_ID) ? Optional.of(SECRET) : Optional.empty());
        assertThat(login(handler, KEY_ID, SECRET.substring(1))).isFalse();
        assertThat(login(handler, KEY_ID, SECRET + "x")).isFalse();
        assertThat(login(handler, KEY_ID, "")).isFalse();
    }

    @Test
    void anUnknownInactiveOrDeletedKeyIsRefused() throws Exception {
        // The identity service answers all three alike: no secret.
        slot.fill(keyId -> Optional.empty());
        assertThat(login(handler, KEY_ID, SECRET)).isFalse();
    }

    @Test
    void nothingRegisteredRefusesEveryLogin() throws Exception {
        // Reserved but not filled yet: the broker is up, the identity service still loading.
        assertThat(login(handler, KEY_ID, SECRET)).isFalse();
        // Filled, then released when the stack stops.
        slot.fill(keyId -> Optional.of(SECRET));
        slot.close();
        assertThat(login(handler, KEY_ID, SECRET)).isFalse();
        // A broker configured without a slot.
        assertThat(login(handlerFor(Map.of()), KEY_ID, SECRET)).isFalse();
    }

    @Test
    void aLookupThatFailsRefuses() throws Exception {
        slot.fill(keyId -> {
            throw new IllegalStateException("identity topic unreadable");
        });
        assertThat(login(handler, KEY_ID, SECRET)).isFalse();
    }

    @Test
    void onlyPlainIsServed() {
        assertThatThrownBy(() -> new AccessKeyPlainCallbackHandler().configure(Map.of(), "SCRAM-SHA-512", List.of()))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> handler.handle(new Callback[] {new PasswordCallback("password", false)}))
            .isInstanceOf(UnsupportedCallbackException.class);
    }

    private static AccessKeyPlainCallbackHandler handlerFor(final Map<String, ?> configs) {
        final AccessKeyPlainCallbackHandler configured = new AccessKeyPlainCallbackHandler();
        configured.configure(configs, "PLAIN", List.of());
        return configured;
    }

    /** As PlainSaslServer asks: the username as the name callback's default, then the password. */
    private static boolean login(final AccessKeyPlainCallbackHandler handler, final String username,
                                 final String password) throws Exception {
        final PlainAuthenticateCallback authenticate = new PlainAuthenticateCallback(password.toCharArray());
        handler.handle(new Callback[] {new NameCallback("username", username), authenticate});
        return authenticate.authenticated();
    }
}
