package io.trailwatch.app.http;

import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS for the HTTP API from two PEM files ({@code trailwatch up --tls-cert FILE --tls-key FILE}): the server's
 * certificate followed by any intermediates, and its unencrypted RSA or EC private key (PKCS#8, PKCS#1 or SEC 1).
 * {@link #load} reads and checks both up front; {@link #apply} makes a Javalin server listen with TLS 1.2 or 1.3 only.
 *
 * @param certificateFile the certificate chain PEM file
 * @param keyFile         the private key PEM file
 * @param chain           its certificates: the server's first, then each one's issuer
 * @param privateKey      the key of {@code chain.get(0)}
 * @param keyFileTooOpen  whether group or others may read the key file (POSIX file systems only), for the caller
 *                        to warn about
 */
public record TlsSettings(Path certificateFile, Path keyFile, List<X509Certificate> chain, PrivateKey privateKey,
                          boolean keyFileTooOpen) {

    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Checks that the chain is in order and the key belongs to its first certificate. */
    public TlsSettings {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("TLS certificate file " + certificateFile + " holds no certificate");
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!chain.get(i).getIssuerX500Principal().equals(chain.get(i + 1).getSubjectX500Principal())) {
                throw new IllegalArgumentException("TLS certificate file " + certificateFile + " is out of order: "
                    + "certificate " + (i + 2) + " (" + chain.get(i + 1).getSubjectX500Principal().getName()
                    + ") is not the issuer of certificate " + (i + 1) + " (issued by "
                    + chain.get(i).getIssuerX500Principal().getName() + "); put the server's certificate first, "
                    + "then each certificate's issuer after it");
            }
        }
        if (new HashSet<>(chain).size() != chain.size()) {
            throw new IllegalArgumentException("TLS certificate file " + certificateFile + " holds a certificate "
                + "twice");
        }
        final String keyType = privateKey.getAlgorithm();
        final String certificateKeyType = chain.get(0).getPublicKey().getAlgorithm();
        if (!certificateKeyType.equals("RSA") && !certificateKeyType.equals("EC")) {
            throw new IllegalArgumentException("TLS certificate file " + certificateFile + " certifies an unsupported "
                + "key type " + certificateKeyType + "; only RSA and EC keys are supported");
        }
        if (!keyType.equals(certificateKeyType)) {
            throw new IllegalArgumentException("TLS private key file " + keyFile + " does not match the certificate "
                + "in " + certificateFile + ": the key is " + keyType + ", the certificate's key is "
                + certificateKeyType);
        }
        if (!signs(privateKey, chain.get(0))) {
            throw new IllegalArgumentException("TLS private key file " + keyFile + " does not match the certificate "
                + "in " + certificateFile + " (" + chain.get(0).getSubjectX500Principal().getName() + ")");
        }
    }

    /**
     * Reads and checks a certificate chain and its private key.
     *
     * @throws IllegalArgumentException with a message for the user: a file is missing or unreadable, is not PEM,
     *                                  holds an encrypted key or one of an unsupported type, or the key does not
     *                                  match the (first) certificate
     */
    public static TlsSettings load(final Path certificateFile, final Path keyFile) {
        requireFile(certificateFile, "certificate");
        requireFile(keyFile, "private key");
        return new TlsSettings(certificateFile, keyFile, TlsPem.certificates(certificateFile),
            TlsPem.privateKey(keyFile), tooOpen(keyFile));
    }

    /**
     * Makes the server listen on {@code host:port} with HTTPS only (TLS 1.2 or 1.3), in place of Javalin's plain HTTP
     * connector: Javalin adds its own only when no connector was added. {@code port} 0 takes any free port.
     */
    public void apply(final JavalinConfig config, final String host, final int port) {
        config.jetty.host = host;
        config.jetty.port = port;
        config.jetty.addConnector((server, httpConfiguration) -> {
            final HttpConfiguration https = new HttpConfiguration(httpConfiguration);
            // No SNI host check: with one certificate it protects nothing, and it would answer 400 to a client
            // that reaches the server by a name the certificate lacks yet chose to trust it (curl -k).
            https.addCustomizer(new SecureRequestCustomizer(false));
            final ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(sslContextFactory(), HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
            connector.setHost(host);
            connector.setPort(port);
            return connector;
        });
    }

    /**
     * A client context that trusts exactly this server certificate, whatever name or address the server is reached
     * by (no host name check): for this process's requests to its own server, such as its first request.
     */
    public SSLContext pinnedClientContext() {
        final X509Certificate own = chain.get(0);
        final X509ExtendedTrustManager pinned = new X509ExtendedTrustManager() {
            @Override
            public void checkServerTrusted(final X509Certificate[] presented, final String authType)
                throws CertificateException {
                if (presented == null || presented.length == 0 || !own.equals(presented[0])) {
                    throw new CertificateException("not this server's own certificate");
                }
            }

            @Override
            public void checkServerTrusted(final X509Certificate[] presented, final String authType,
                                           final Socket socket) throws CertificateException {
                checkServerTrusted(presented, authType);
            }

            @Override
            public void checkServerTrusted(final X509Certificate[] presented, final String authType,
                                           final SSLEngine engine) throws CertificateException {
                checkServerTrusted(presented, authType);
            }

            @Override
            public void checkClientTrusted(final X509Certificate[] presented, final String authType)
                throws CertificateException {
                throw new CertificateException("a client context trusts no clients");
            }

            @Override
            public void checkClientTrusted(final X509Certificate[] presented, final String authType,
                                           final Socket socket) throws CertificateException {
                checkClientTrusted(presented, authType);
            }

            @Override
            public void checkClientTrusted(final X509Certificate[] presented, final String authType,
                                           final SSLEngine engine) throws CertificateException {
                checkClientTrusted(presented, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {pinned}, null);
            return context;
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("No TLS client context: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "TlsSettings[certificateFile=" + certificateFile + ", keyFile=" + keyFile + ", subject="
            + chain.get(0).getSubjectX500Principal().getName() + ", chain=" + chain.size() + " certificates]";
    }

    private SslContextFactory.Server sslContextFactory() {
        final String password = Long.toHexString(new SecureRandom().nextLong());
        final KeyStore keyStore;
        try {
            keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("trailwatch", privateKey, password.toCharArray(), chain.toArray(new Certificate[0]));
        } catch (final GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot hold the TLS key and certificates in memory: " + e, e);
        }
        final SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStore(keyStore);
        factory.setKeyStorePassword(password);
        factory.setIncludeProtocols(PROTOCOLS.toArray(new String[0]));
        return factory;
    }

    private static void requireFile(final Path file, final String what) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("TLS " + what + " file " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("TLS " + what + " file " + file + " is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("TLS " + what + " file " + file + " is not readable by this user");
        }
    }

    private static boolean tooOpen(final Path keyFile) {
        try {
            final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
            return permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (final UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    /** Whether the certificate's public key verifies what the key signs: a check that works for RSA and EC alike. */
    private static boolean signs(final PrivateKey key, final X509Certificate certificate) {
        final String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        final byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            final Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            final byte[] signature = signer.sign();
            final Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (final GeneralSecurityException e) {
            // An EC key on another curve than the certificate's, for one: not this certificate's key.
            return false;
        }
    }
}
