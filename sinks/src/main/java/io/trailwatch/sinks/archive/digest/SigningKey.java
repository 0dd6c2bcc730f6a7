package io.trailwatch.sinks.archive.digest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The RSA key pair that signs digests with SHA256withRSA, as CloudTrail's per-region keys do. The fingerprint
 * (hex MD5 of the DER public key) names the key in each digest, so a validator can pick the right public key.
 */
public final class SigningKey {

    public static final String ALGORITHM = "SHA256withRSA";
    private static final int KEY_BITS = 2048;

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private SigningKey(final PrivateKey privateKey, final PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Reads a PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}). */
    public static SigningKey load(final Path privateKeyPem) {
        try {
            final byte[] der = pemBody(Files.readString(privateKeyPem, StandardCharsets.US_ASCII), "PRIVATE KEY");
            final KeyFactory rsa = KeyFactory.getInstance("RSA");
            final PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
                throw new IllegalArgumentException(privateKeyPem + " is not an RSA private key with CRT parameters");
            }
            final PublicKey publicKey = rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(),
                crt.getPublicExponent()));
            return new SigningKey(privateKey, publicKey);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read signing key " + privateKeyPem, e);
        } catch (final GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read " + privateKeyPem + " as a PKCS#8 RSA private key: "
                + e.getMessage(), e);
        }
    }

    /**
     * Generates a 2048-bit key at the path unless a file is there (readable by its owner only), and writes the public
     * key beside it ({@code .pub.pem}); returns the key in the file.
     */
    public static SigningKey generateIfMissing(final Path privateKeyPem) {
        if (!Files.exists(privateKeyPem)) {
            try {
                final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(KEY_BITS);
                final KeyPair pair = generator.generateKeyPair();
                Files.createDirectories(privateKeyPem.toAbsolutePath().getParent());
                final Path temporary = privateKeyPem.resolveSibling(privateKeyPem.getFileName() + ".tmp");
                Files.writeString(temporary, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                } catch (final UnsupportedOperationException notPosix) {
                    // Windows: the file keeps its directory's access rules.
                }
                Files.move(temporary, privateKeyPem);
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot write signing key " + privateKeyPem, e);
            } catch (final GeneralSecurityException e) {
                throw new IllegalStateException("RSA is part of every JVM", e);
            }
        }
        final SigningKey key = load(privateKeyPem);
        try {
            Files.writeString(publicKeyPath(privateKeyPem), key.publicKeyPem(), StandardCharsets.US_ASCII);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the public key beside " + privateKeyPem, e);
        }
        return key;
    }

    /** Where {@link #generateIfMissing} puts the public key: {@code key.pem} gives {@code key.pub.pem}. */
    public static Path publicKeyPath(final Path privateKeyPem) {
        final String name = privateKeyPem.getFileName().toString();
        final String base = name.endsWith(".pem") ? name.substring(0, name.length() - 4) : name;
        return privateKeyPem.resolveSibling(base + ".pub.pem");
    }

    /** Hex SHA256withRSA signature of the UTF-8 text. */
    public String sign(final String text) {
        try {
            final Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(signature.sign());
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + ALGORITHM, e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String fingerprint() {
        return fingerprint(publicKey);
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** Hex MD5 of the public key's DER (X.509 SubjectPublicKeyInfo). */
    public static String fingerprint(final PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(key.getEncoded()));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is part of every JVM", e);
        }
    }

    /** Reads a PEM public key ({@code -----BEGIN PUBLIC KEY-----}). */
    public static PublicKey parsePublicKey(final String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pemBody(pem, "PUBLIC KEY")));
        } catch (final GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key in PEM: " + e.getMessage(), e);
        }
    }

    /** Whether the hex signature is a valid SHA256withRSA signature of the text under the key. */
    public static boolean verify(final PublicKey key, final String text, final String signatureHex) {
        try {
            final Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return signature.verify(HexFormat.of().parseHex(signatureHex));
        } catch (final GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] pemBody(final String pem, final String type) {
        final String begin = "-----BEGIN " + type + "-----";
        final String end = "-----END " + type + "-----";
        final int from = pem.indexOf(begin);
        final int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no '" + begin + "' block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    private static String pem(final String type, final byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
