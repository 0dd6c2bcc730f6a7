package io.trailwatch.app.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files of {@link TlsSettings}: X.509 certificates, and one unencrypted private key as PKCS#8
 * ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC 1 ({@code BEGIN EC PRIVATE KEY}). The two
 * traditional forms are rewrapped as PKCS#8 with a few bytes of DER, so no library beyond the JDK is needed. Every
 * problem is an {@link IllegalArgumentException} whose message names the file.
 */
final class TlsPem {

    private static final Pattern BLOCK =
        Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** The DER of the OIDs rsaEncryption (1.2.840.113549.1.1.1) and id-ecPublicKey (1.2.840.10045.2.1). */
    private static final byte[] RSA_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 1, 1, 1};
    private static final byte[] EC_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 2, 1};
    private static final Map<String, String> OTHER_KEY_TYPES = Map.of(
        "1.2.840.113549.1.1.10", "RSASSA-PSS", "1.3.101.112", "Ed25519", "1.3.101.113", "Ed448",
        "1.2.840.10040.4.1", "DSA", "1.3.101.110", "X25519", "1.3.101.111", "X448");
    private static final String CONVERT = "convert it with 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pem'";

    private TlsPem() {
    }

    /** The certificates of a PEM file, in file order; blocks of other kinds (a key in a combined file) are skipped. */
    static List<X509Certificate> certificates(final Path file) {
        final List<Block> blocks = blocks(file, "certificate");
        final List<X509Certificate> certificates = new ArrayList<>();
        try {
            final CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (final Block block : blocks) {
                if (block.label().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(block.der(file))));
                }
            }
        } catch (final CertificateException e) {
            throw new IllegalArgumentException("TLS certificate file " + file + " holds a certificate that cannot be "
                + "read: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(blocks.stream().anyMatch(Block::isPrivateKey)
                ? "TLS certificate file " + file + " holds a private key but no certificate (are the certificate "
                    + "and key files swapped?)"
                : "TLS certificate file " + file + " is not PEM: it has no '-----BEGIN CERTIFICATE-----' block");
        }
        return List.copyOf(certificates);
    }

    /** The one private key of a PEM file, RSA or EC. */
    static PrivateKey privateKey(final Path file) {
        final List<Block> blocks = blocks(file, "private key");
        final List<Block> keys = blocks.stream().filter(Block::isPrivateKey).toList();
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(blocks.stream()
                .anyMatch(block -> block.label().equals("CERTIFICATE"))
                ? "TLS private key file " + file + " holds a certificate but no private key (are the certificate "
                    + "and key files swapped?)"
                : "TLS private key file " + file + " is not PEM: it has no '-----BEGIN PRIVATE KEY-----' block");
        }
        if (keys.size() > 1) {
            throw new IllegalArgumentException("TLS private key file " + file + " holds " + keys.size()
                + " private keys; it must hold exactly one");
        }
        final Block key = keys.get(0);
        if (key.label().equals("ENCRYPTED PRIVATE KEY") || key.body().contains("Proc-Type:")) {
            throw new IllegalArgumentException("TLS private key file " + file + " is encrypted, which is not "
                + "supported; decrypt it, e.g. 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pem'");
        }
        try {
            switch (key.label()) {
                case "PRIVATE KEY":
                    return pkcs8(file, key.der(file));
                case "RSA PRIVATE KEY":
                    return pkcs8(file, sequence(der(0x02, new byte[] {0}), der(0x30, RSA_OID, new byte[] {0x05, 0}),
                        der(0x04, key.der(file))));
                case "EC PRIVATE KEY":
                    return pkcs8(file, sec1(file, key.der(file)));
                default:
                    throw new IllegalArgumentException("TLS private key file " + file + " holds a '" + key.label()
                        + "', which is not supported: use PKCS#8 ('BEGIN PRIVATE KEY') with an RSA or EC key; "
                        + CONVERT);
            }
        } catch (final ArrayIndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("TLS private key file " + file + " holds a malformed "
                + key.label().toLowerCase() + " (truncated DER)", e);
        }
    }

    private static PrivateKey pkcs8(final Path file, final byte[] pkcs8) {
        // PrivateKeyInfo ::= SEQUENCE { version INTEGER, algorithm SEQUENCE { OID, parameters }, key OCTET STRING }
        final Der info = new Der(pkcs8, 0, pkcs8.length).content(0x30, file);
        info.content(0x02, file);
        final Der algorithm = info.content(0x30, file);
        final byte[] oid = algorithm.element(0x06, file);
        final String type;
        if (Arrays.equals(oid, RSA_OID)) {
            type = "RSA";
        } else if (Arrays.equals(oid, EC_OID)) {
            type = "EC";
        } else {
            final String dotted = dotted(oid);
            throw new IllegalArgumentException("TLS private key file " + file + " holds an unsupported key type "
                + OTHER_KEY_TYPES.getOrDefault(dotted, "with OID " + dotted) + "; only RSA and EC keys are supported");
        }
        try {
            return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (final GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS private key file " + file + " holds an " + type
                + " private key that cannot be used: " + e.getMessage(), e);
        }
    }

    /** An SEC 1 ECPrivateKey (whose curve is in its optional [0] field) as PKCS#8. */
    private static byte[] sec1(final Path file, final byte[] sec1) {
        // ECPrivateKey ::= SEQUENCE { version INTEGER, key OCTET STRING, [0] curve OID OPTIONAL, [1] public key OPTIONAL }
        final Der key = new Der(sec1, 0, sec1.length).content(0x30, file);
        key.content(0x02, file);
        key.content(0x04, file);
        while (key.hasMore()) {
            if (key.peekTag() == 0xa0) {
                final byte[] curve = key.content(0xa0, file).element(0x06, file);
                return sequence(der(0x02, new byte[] {0}), der(0x30, EC_OID, curve), der(0x04, sec1));
            }
            key.content(key.peekTag(), file);
        }
        throw new IllegalArgumentException("TLS private key file " + file + " holds an EC private key that does not "
            + "name its curve; " + CONVERT);
    }

    private static List<Block> blocks(final Path file, final String what) {
        final String text;
        try {
            // Latin-1 maps every byte, so a binary (DER) file still reads, and then has no PEM block.
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (final IOException e) {
            throw new IllegalArgumentException("TLS " + what + " file " + file + " cannot be read: " + e, e);
        }
        final List<Block> blocks = new ArrayList<>();
        final Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            blocks.add(new Block(matcher.group(1), matcher.group(2)));
        }
        return blocks;
    }

    private record Block(String label, String body) {

        boolean isPrivateKey() {
            return label.endsWith("PRIVATE KEY");
        }

        byte[] der(final Path file) {
            try {
                return Base64.getDecoder().decode(body.replaceAll("\\s", ""));
            } catch (final IllegalArgumentException e) {
                throw new IllegalArgumentException("TLS file " + file + " has a '" + label + "' block that is not "
                    + "valid base64: " + e.getMessage(), e);
            }
        }
    }

    /** DER: tag, length, then the parts. */
    private static byte[] der(final int tag, final byte[]... parts) {
        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (final byte[] part : parts) {
            content.writeBytes(part);
        }
        final int length = content.size();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            final int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    private static byte[] sequence(final byte[]... parts) {
        return der(0x30, parts);
    }

    private static String dotted(final byte[] oid) {
        final StringBuilder text = new StringBuilder();
        long value = 0;
        for (int i = 2; i < oid.length; i++) {
            value = (value << 7) | (oid[i] & 0x7f);
            if ((oid[i] & 0x80) == 0) {
                if (text.length() == 0) {
                    final long first = Math.min(value / 40, 2);
                    text.append(first).append('.').append(value - 40 * first);
                } else {
                    text.append('.').append(value);
                }
                value = 0;
            }
        }
        return text.toString();
    }

    /** A cursor over DER elements (definite lengths only, which is all DER has). */
    private static final class Der {
        private final byte[] bytes;
        private final int end;
        private int pos;

        Der(final byte[] bytes, final int start, final int end) {
            this.bytes = bytes;
            this.pos = start;
            this.end = end;
        }

        boolean hasMore() {
            return pos < end;
        }

        int peekTag() {
            return bytes[pos] & 0xff;
        }

        /** The next element, which must have this tag, as a cursor over its content. */
        Der content(final int tag, final Path file) {
            if (pos >= end || (bytes[pos] & 0xff) != tag) {
                throw new IllegalArgumentException("TLS private key file " + file + " holds a malformed key (DER tag "
                    + (pos < end ? Integer.toHexString(bytes[pos] & 0xff) : "missing") + " where "
                    + Integer.toHexString(tag) + " was expected)");
            }
            pos++;
            int length = bytes[pos++] & 0xff;
            if (length >= 0x80) {
                final int count = length & 0x7f;
                if (count == 0 || count > 3) {
                    throw new IllegalArgumentException("TLS private key file " + file + " holds a malformed key");
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (bytes[pos++] & 0xff);
                }
            }
            if (pos + length > end) {
                throw new IllegalArgumentException("TLS private key file " + file + " holds a truncated key");
            }
            final Der content = new Der(bytes, pos, pos + length);
            pos += length;
            return content;
        }

        /** The next element, which must have this tag, whole (tag and length included). */
        byte[] element(final int tag, final Path file) {
            final int start = pos;
            content(tag, file);
            return Arrays.copyOfRange(bytes, start, pos);
        }
    }
}
