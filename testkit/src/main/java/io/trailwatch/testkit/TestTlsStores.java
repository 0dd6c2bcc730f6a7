package io.trailwatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server's key store and the trust store its clients need, made by the JDK's keytool for one test run: a
 * self-signed EC certificate valid for 127.0.0.1 and localhost, a random password for both stores. Nothing is
 * committed; each call makes a new key, so stores of two calls do not trust each other (an "untrusted certificate").
 *
 * @param keyStore   PKCS12 with the server's key and certificate
 * @param trustStore PKCS12 with the certificate only
 * @param password   of both stores and of the key
 */
public record TestTlsStores(Path keyStore, Path trustStore, String password) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Generates {@code <name>-keystore.p12} and {@code <name>-truststore.p12} in {@code dir}. */
    public static TestTlsStores generate(final Path dir, final String name) {
        final byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        final String password = HexFormat.of().formatHex(secret);
        final Path keyStore = dir.resolve(name + "-keystore.p12");
        final Path certificate = dir.resolve(name + ".pem");
        final Path trustStore = dir.resolve(name + "-truststore.p12");
        keytool(dir, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
            "-dname", "CN=" + name, "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
            "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password);
        keytool(dir, "-exportcert", "-rfc", "-alias", name, "-keystore", keyStore.toString(), "-storepass", password,
            "-file", certificate.toString());
        keytool(dir, "-importcert", "-noprompt", "-alias", name, "-file", certificate.toString(), "-storetype",
            "PKCS12", "-keystore", trustStore.toString(), "-storepass", password);
        return new TestTlsStores(keyStore, trustStore, password);
    }

    private static void keytool(final Path dir, final String... arguments) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        try {
            final Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running keytool", e);
        }
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "TestTlsStores[" + keyStore + ", " + trustStore + "]";
    }
}
