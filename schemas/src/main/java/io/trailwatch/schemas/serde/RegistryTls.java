package io.trailwatch.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A TLS context that trusts the certificates of a trust store (a registry's private CA). */
public final class RegistryTls {

    private RegistryTls() {
    }

    /** Null (the JVM's CAs) without a trust store. */
    public static SSLContext trusting(final Path truststore, final String password) {
        if (truststore == null) {
            return null;
        }
        try (InputStream in = Files.newInputStream(truststore)) {
            final KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password == null ? null : password.toCharArray());
            final TrustManagerFactory trust = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (final IOException e) {
            throw new UncheckedIOException("registry trust store " + truststore + ": " + e.getMessage(), e);
        } catch (final GeneralSecurityException e) {
            throw new IllegalArgumentException("registry trust store " + truststore + ": " + e.getMessage(), e);
        }
    }
}
