package io.trailwatch.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.javalin.Javalin;
import io.trailwatch.processors.common.InstanceRouter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {

    private static final boolean OPENSSL = runs("openssl", "version");
    private static final String KEYTOOL_COMMAND =
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    private static final boolean KEYTOOL = runs(KEYTOOL_COMMAND, "-help");

    @TempDir
    static Path dir;

    /** CN=localhost, SAN DNS:localhost and IP:127.0.0.1, RSA, PKCS#8 key (owner-only). */
    private static Path cert;
    private static Path key;

    @BeforeAll
    static void localhostCertificate() throws Exception {
        assumeTrue(OPENSSL || KEYTOOL, "neither openssl nor keytool to make a test certificate with");
        final Path[] pair = OPENSSL ? openssl("localhost", "rsa:2048", "localhost", "DNS:localhost,IP:127.0.0.1")
            : keytool("localhost");
        cert = pair[0];
        key = pair[1];
        ownerOnly(key);
    }

    @Test
    void servesHttpsOnlyWithTls12OrLaterOnTheGivenPort() throws Exception {
        final TlsSettings tls = TlsSettings.load(cert, key);
        assertThat(tls.chain()).hasSize(1);
        assertThat(tls.keyFileTooOpen()).isFalse();
        assertThat(tls.toString()).contains("CN=localhost").doesNotContain("modulus");

        final Javalin server = serve(tls);
        try {
            final HttpClient client = client(trusting(tls.chain().get(0)), null);
            final HttpResponse<String> https = get(client, "https://127.0.0.1:" + server.port() + "/hello");
            assertThat(https.statusCode()).isEqualTo(200);
            assertThat(https.body()).isEqualTo("hi");
            assertThat(https.sslSession().orElseThrow().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(get(client, "https://localhost:" + server.port() + "/hello").statusCode()).isEqualTo(200);
            assertThat(get(client, "https://127.0.0.1:" + server.port() + "/secure").body())
                .matches("true https TLSv1\\.[23] TLS_\\w+ null");

            final SSLParameters tls12 = new SSLParameters();
            tls12.setProtocols(new String[] {"TLSv1.2"});
            final HttpResponse<String> overTls12 =
                get(client(trusting(tls.chain().get(0)), tls12), "https://127.0.0.1:" + server.port() + "/hello");
            assertThat(overTls12.statusCode()).isEqualTo(200);
            assertThat(overTls12.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.2");

            assertThatThrownBy(() -> get(client, "http://127.0.0.1:" + server.port() + "/hello"))
                .isInstanceOf(IOException.class);

            // One connector, TLS only: no plain HTTP connector beside it, and no protocol older than TLS 1.2.
            final Connector[] connectors = server.jettyServer().server().getConnectors();
            assertThat(connectors).hasSize(1);
            final ServerConnector connector = (ServerConnector) connectors[0];
            assertThat(connector.getHost()).isEqualTo("127.0.0.1");
            assertThat(connector.getProtocols()).containsExactly("ssl", "http/1.1");
            assertThat(connector.getConnectionFactory(SslConnectionFactory.class).getSslContextFactory()
                .getSelectedProtocols()).isNotEmpty().allMatch(p -> p.equals("TLSv1.2") || p.equals("TLSv1.3"));
        } finally {
            server.stop();
        }
    }

    @Test
    void aChainOfSeveralCertificatesIsServedWhole() throws Exception {
        assumeTrue(OPENSSL, "openssl makes the CA");
        final Path[] ca = openssl("ca", "rsa:2048", "Trailwatch Test CA", null);
        final Path leafKey = dir.resolve("leaf.key");
        final Path csr = dir.resolve("leaf.csr");
        final Path leaf = dir.resolve("leaf.crt");
        final Path extensions = Files.writeString(dir.resolve("leaf.ext"),
            "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        run("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", leafKey.toString(),
            "-out", csr.toString(), "-subj", "/CN=localhost");
        run("openssl", "x509", "-req", "-in", csr.toString(), "-CA", ca[0].toString(), "-CAkey", ca[1].toString(),
            "-CAcreateserial", "-days", "2", "-extfile", extensions.toString(), "-out", leaf.toString());
        final Path chain = Files.writeString(dir.resolve("chain.crt"), Files.readString(leaf) + Files.readString(ca[0]));
        final Path reversed = Files.writeString(dir.resolve("reversed.crt"),
            Files.readString(ca[0]) + Files.readString(leaf));

        final TlsSettings tls = TlsSettings.load(chain, leafKey);
        assertThat(tls.chain()).hasSize(2);
        final Javalin server = serve(tls);
        try {
            final HttpResponse<String> response =
                get(client(trusting(tls.chain().get(1)), null), "https://localhost:" + server.port() + "/hello");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.sslSession().orElseThrow().getPeerCertificates()).hasSize(2);
        } finally {
            server.stop();
        }

        assertThatThrownBy(() -> TlsSettings.load(reversed, leafKey))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("is out of order: certificate 2 (CN=localhost) is not the issuer of certificate 1")
            .hasMessageContaining("put the server's certificate first");
        final Path unrelated = Files.writeString(dir.resolve("unrelated.crt"), Files.readString(leaf)
            + Files.readString(cert));
        assertThatThrownBy(() -> TlsSettings.load(unrelated, leafKey))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is out of order");
    }

    @Test
    void ecKeysAsPkcs8OrSec1AndRsaKeysAsPkcs1() throws Exception {
        assumeTrue(OPENSSL, "openssl converts the keys");
        final Path[] ec = openssl("ec", "ec", "localhost", "DNS:localhost,IP:127.0.0.1");
        final Path sec1 = dir.resolve("ec-sec1.key");
        run("openssl", "ec", "-in", ec[1].toString(), "-out", sec1.toString());
        assertThat(Files.readString(sec1)).contains("BEGIN EC PRIVATE KEY");
        final Path pkcs1 = dir.resolve("rsa-pkcs1.key");
        run("openssl", "rsa", "-in", key.toString(), "-traditional", "-out", pkcs1.toString());
        assertThat(Files.readString(pkcs1)).contains("BEGIN RSA PRIVATE KEY");

        final TlsSettings tls = TlsSettings.load(ec[0], ec[1]);
        assertThat(tls.privateKey().getAlgorithm()).isEqualTo("EC");
        assertThat(((ECPrivateKey) TlsSettings.load(ec[0], sec1).privateKey()).getS())
            .isEqualTo(((ECPrivateKey) tls.privateKey()).getS());
        assertThat(TlsSettings.load(cert, pkcs1).privateKey()).isEqualTo(TlsSettings.load(cert, key).privateKey());

        final Javalin server = serve(tls);
        try {
            assertThat(get(client(trusting(tls.chain().get(0)), null), "https://127.0.0.1:" + server.port() + "/hello")
                .statusCode()).isEqualTo(200);
        } finally {
            server.stop();
        }
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsRefused() throws Exception {
        final Path[] other = OPENSSL ? openssl("other", "rsa:2048", "localhost", "DNS:localhost") : keytool("other");
        assertThatThrownBy(() -> TlsSettings.load(cert, other[1]))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("TLS private key file " + other[1] + " does not match the certificate in " + cert
                + " (CN=localhost)");
        assumeTrue(OPENSSL);
        final Path[] ec = openssl("ec2", "ec", "localhost", "DNS:localhost");
        assertThatThrownBy(() -> TlsSettings.load(cert, ec[1]))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("does not match the certificate").hasMessageContaining("the key is EC");
    }

    @Test
    void filesThatAreNotPemAreRefusedWithTheReason() throws Exception {
        final Path text = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        assertThatThrownBy(() -> TlsSettings.load(text, key)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("TLS certificate file " + text + " is not PEM: it has no '-----BEGIN CERTIFICATE-----' block");
        assertThatThrownBy(() -> TlsSettings.load(cert, text)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("TLS private key file " + text + " is not PEM: it has no '-----BEGIN PRIVATE KEY-----' block");

        final Path der = Files.write(dir.resolve("cert.der"), readCertificate(cert).getEncoded());
        assertThatThrownBy(() -> TlsSettings.load(der, key)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("is not PEM");

        assertThatThrownBy(() -> TlsSettings.load(key, cert)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("holds a private key but no certificate (are the certificate and key files swapped?)");

        final Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> TlsSettings.load(cert, missing)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("TLS private key file " + missing + " does not exist");

        final Path corrupt = Files.writeString(dir.resolve("corrupt.key"),
            "-----BEGIN PRIVATE KEY-----\nMIIB*not base64*\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsSettings.load(cert, corrupt)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not valid base64");
        final Path truncated = Files.writeString(dir.resolve("truncated.key"),
            "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsSettings.load(cert, truncated)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("TLS private key file " + truncated);
    }

    @Test
    void unsupportedAndEncryptedKeysAreRefusedWithTheReason() throws Exception {
        assumeTrue(OPENSSL, "openssl makes the keys");
        final Path ed25519 = dir.resolve("ed25519.key");
        final Path ed25519Cert = dir.resolve("ed25519.crt");
        run("openssl", "genpkey", "-algorithm", "ed25519", "-out", ed25519.toString());
        run("openssl", "req", "-x509", "-key", ed25519.toString(), "-out", ed25519Cert.toString(), "-days", "2",
            "-subj", "/CN=localhost");
        assertThatThrownBy(() -> TlsSettings.load(ed25519Cert, ed25519)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("TLS private key file " + ed25519 + " holds an unsupported key type Ed25519; only RSA and EC "
                + "keys are supported");
        assertThatThrownBy(() -> TlsSettings.load(ed25519Cert, key)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("certifies an unsupported key type");

        final Path encrypted = dir.resolve("encrypted.key");
        run("openssl", "pkcs8", "-topk8", "-in", key.toString(), "-passout", "pass:secret", "-out",
            encrypted.toString());
        assertThatThrownBy(() -> TlsSettings.load(cert, encrypted)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("is encrypted, which is not supported");
        final Path legacyEncrypted = dir.resolve("legacy-encrypted.key");
        run("openssl", "rsa", "-in", key.toString(), "-traditional", "-aes256", "-passout", "pass:secret", "-out",
            legacyEncrypted.toString());
        assertThatThrownBy(() -> TlsSettings.load(cert, legacyEncrypted)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("is encrypted, which is not supported");
    }

    @Test
    void aKeyFileOthersCanReadIsReported() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        final Path open = Files.copy(key, dir.resolve("open.key"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(TlsSettings.load(cert, open).keyFileTooOpen()).isTrue();
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(TlsSettings.load(cert, open).keyFileTooOpen()).isTrue();
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-------"));
        assertThat(TlsSettings.load(cert, open).keyFileTooOpen()).isFalse();
    }

    /** The server's own client context: its certificate, by any name, even one the certificate does not list. */
    @Test
    void thePinnedClientContextTrustsExactlyTheServersCertificate() throws Exception {
        assumeTrue(OPENSSL);
        final Path[] elsewhere = openssl("elsewhere", "rsa:2048", "elsewhere.example", "DNS:elsewhere.example");
        final TlsSettings tls = TlsSettings.load(elsewhere[0], elsewhere[1]);
        final Javalin server = serve(tls);
        try {
            // Built as HttpApi's first request builds its client: default version (HTTP/2 offered, 1.1 served).
            final HttpClient pinned =
                HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).sslContext(tls.pinnedClientContext()).build();
            for (final String host : List.of("127.0.0.1", "localhost")) {
                final HttpResponse<String> response = get(pinned, "https://" + host + ":" + server.port() + "/hello");
                assertThat(response.statusCode()).as(host).isEqualTo(200);
            }
            // A client that checks names refuses it, and a context pinned to another certificate too.
            assertThatThrownBy(() -> get(client(trusting(tls.chain().get(0)), null),
                "https://localhost:" + server.port() + "/hello")).isInstanceOf(SSLHandshakeException.class);
            assertThatThrownBy(() -> get(client(TlsSettings.load(cert, key).pinnedClientContext(), null),
                "https://127.0.0.1:" + server.port() + "/hello")).isInstanceOf(SSLHandshakeException.class);
        } finally {
            server.stop();
        }
    }

    /**
     * With --tls-cert, an instance sends the other instances their queries over HTTPS, trusting the deployment's
     * certificate by the address each advertises, and refusing a server with another certificate.
     */
    @Test
    void instancesAskEachOtherOverHttpsTrustingTheDeploymentsCertificateOnly() throws Exception {
        assumeTrue(OPENSSL);
        final Path[] deployment = openssl("deployment", "rsa:2048", "trailwatch.internal", "DNS:trailwatch.internal");
        final TlsSettings tls = TlsSettings.load(deployment[0], deployment[1]);
        final Javalin peer = serve(tls);
        final Javalin stranger = serve(TlsSettings.load(cert, key));
        try {
            final InstanceRouter router = new InstanceRouter(null, new HostInfo("127.0.0.3", peer.port()));
            router.overHttps(tls.pinnedClientContext());

            assertThat(router.get(new HostInfo("127.0.0.1", peer.port()), "/hello")).isEqualTo("hi");
            assertThatThrownBy(() -> router.get(new HostInfo("127.0.0.1", stranger.port()), "/hello"))
                .isInstanceOf(InstanceRouter.UnavailableException.class).hasMessageContaining("unreachable");
        } finally {
            peer.stop();
            stranger.stop();
        }
    }

    private static Javalin serve(final TlsSettings tls) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/hello", ctx -> ctx.result("hi"));
            // What SecureRequestCustomizer gives a request on Jetty 12: secure, the session (under EndPoint's
            // attribute; Jetty 9's org.eclipse.jetty.servlet.request.ssl_session is gone), the servlet cipher suite.
            config.routes.get("/secure", ctx -> ctx.result(ctx.req().isSecure() + " " + ctx.req().getScheme() + " "
                + ((EndPoint.SslSessionData) ctx.req().getAttribute(EndPoint.SslSessionData.ATTRIBUTE)).sslSession()
                    .getProtocol()
                + " " + ctx.req().getAttribute("jakarta.servlet.request.cipher_suite")
                + " " + ctx.req().getAttribute("org.eclipse.jetty.servlet.request.ssl_session")));
            tls.apply(config, "127.0.0.1", 0);
        }).start();
    }

    private static HttpResponse<String> get(final HttpClient client, final String uri)
        throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(final SSLContext context, final SSLParameters parameters) {
        final HttpClient.Builder builder = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).sslContext(context);
        if (parameters != null) {
            builder.sslParameters(parameters);
        }
        return builder.build();
    }

    private static SSLContext trusting(final X509Certificate certificate) throws Exception {
        final KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("trusted", certificate);
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static X509Certificate readCertificate(final Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** A self-signed certificate and its unencrypted PKCS#8 key, as {certificate, key}. */
    private static Path[] openssl(final String name, final String newKey, final String commonName, final String san)
        throws Exception {
        final Path certificate = dir.resolve(name + ".crt");
        final Path privateKey = dir.resolve(name + ".key");
        final List<String> command = new ArrayList<>(List.of("openssl", "req", "-x509", "-newkey", newKey));
        if (newKey.equals("ec")) {
            command.addAll(List.of("-pkeyopt", "ec_paramgen_curve:P-256"));
        }
        command.addAll(List.of("-nodes", "-keyout", privateKey.toString(), "-out", certificate.toString(),
            "-days", "2", "-subj", "/CN=" + commonName));
        if (san != null) {
            command.addAll(List.of("-addext", "subjectAltName=" + san));
        } else {
            command.addAll(List.of("-addext", "basicConstraints=critical,CA:TRUE"));
        }
        run(command.toArray(new String[0]));
        return new Path[] {certificate, privateKey};
    }

    /** The same with the JDK's keytool, the PEM written here: for CN=localhost, SAN localhost and 127.0.0.1. */
    private static Path[] keytool(final String name) throws Exception {
        final Path store = dir.resolve(name + ".p12");
        run(KEYTOOL_COMMAND, "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
            "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
            "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit");
        final KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        final Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        final Path certificate = Files.writeString(dir.resolve(name + ".crt"), "-----BEGIN CERTIFICATE-----\n"
            + pem.encodeToString(keyStore.getCertificate(name).getEncoded()) + "\n-----END CERTIFICATE-----\n");
        final PrivateKey privateKey = (PrivateKey) keyStore.getKey(name, "changeit".toCharArray());
        final Path keyFile = Files.writeString(dir.resolve(name + ".key"), "-----BEGIN PRIVATE KEY-----\n"
            + pem.encodeToString(privateKey.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        return new Path[] {certificate, keyFile};
    }

    private static void ownerOnly(final Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void run(final String... command) throws Exception {
        final Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finishes", command[0]).isTrue();
        assertThat(process.exitValue()).as("%s exits 0; output:%n%s", String.join(" ", command), output).isZero();
    }

    private static boolean runs(final String... command) {
        try {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (final IOException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
