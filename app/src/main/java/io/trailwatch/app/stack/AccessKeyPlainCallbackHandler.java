package io.trailwatch.app.stack;

import io.trailwatch.identity.sigv4.SecretLookup;
import io.trailwatch.schemas.text.Printable;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.plain.PlainAuthenticateCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the embedded broker's SASL/PLAIN listener: the username is an access key id, the password must
 * be its secret. The secret is compared in constant time; an unknown, inactive or deleted key is refused, and so is
 * every login while no identity service is registered ({@link KafkaPlainLogins}). Kafka then names the client
 * {@code User:<access key id>}, the principal {@link KafkaPrincipals} gives the key's ACLs, so PLAIN and SCRAM
 * clients of one key may do the same.
 *
 * <p>Set by class name ({@code listener.name.<listener>.plain.sasl.server.callback.handler.class}); Kafka makes one
 * per listener and calls it from its network threads.
 */
public final class AccessKeyPlainCallbackHandler implements AuthenticateCallbackHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AccessKeyPlainCallbackHandler.class);
    private static final String PLAIN = "PLAIN";

    private volatile String slot;

    @Override
    public void configure(final Map<String, ?> configs, final String saslMechanism,
                          final List<AppConfigurationEntry> jaasConfigEntries) {
        if (!PLAIN.equals(saslMechanism)) {
            throw new IllegalArgumentException("access keys log in with SASL/PLAIN only, not " + saslMechanism);
        }
        final Object configured = configs.get(KafkaPlainLogins.CONFIG);
        slot = configured == null ? null : configured.toString();
        if (slot == null) {
            LOG.warn("No {} in the broker's config: every SASL/PLAIN login will be refused", KafkaPlainLogins.CONFIG);
        }
    }

    @Override
    public void handle(final Callback[] callbacks) throws UnsupportedCallbackException {
        String accessKeyId = null;
        for (final Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                // Kafka puts the client's username in the default name.
                accessKeyId = name.getDefaultName();
            } else if (callback instanceof PlainAuthenticateCallback plain) {
                plain.authenticated(authenticated(accessKeyId, plain.password()));
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    private boolean authenticated(final String accessKeyId, final char[] password) {
        if (accessKeyId == null || accessKeyId.isEmpty() || password == null) {
            return false;
        }
        final Optional<SecretLookup> secrets = KafkaPlainLogins.lookup(slot);
        if (secrets.isEmpty()) {
            LOG.info("SASL/PLAIN login of {} refused: no identity service is registered (yet)",
                Printable.escape(accessKeyId));
            return false;
        }
        final Optional<String> secret;
        try {
            secret = secrets.get().secretFor(accessKeyId);
        } catch (final RuntimeException e) {
            LOG.warn("SASL/PLAIN login of {} refused: the access keys could not be read: {}",
                Printable.escape(accessKeyId), e.toString());
            return false;
        }
        if (secret.isEmpty()) {
            LOG.debug("SASL/PLAIN login refused: no active access key {}", Printable.escape(accessKeyId));
            return false;
        }
        final byte[] given = utf8(password);
        try {
            return MessageDigest.isEqual(secret.get().getBytes(StandardCharsets.UTF_8), given);
        } finally {
            Arrays.fill(given, (byte) 0);
        }
    }

    private static byte[] utf8(final char[] password) {
        final ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        final byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    @Override
    public void close() {
        // Nothing held: the registry's slot belongs to the stack that reserved it.
    }
}
