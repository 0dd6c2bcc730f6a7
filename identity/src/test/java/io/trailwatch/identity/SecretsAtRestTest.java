package io.trailwatch.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trailwatch.identity.internals.SecretCipher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/** What Trailwatch keeps on disk or on the identity topic stays secret: the identity key, sealed secrets, key files. */
class SecretsAtRestTest {

    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path tmp;

    @Nested
    class TheIdentityKey {

        @BeforeEach
        void posixOnly() {
            assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "permissions are checked on POSIX file systems");
        }

        @Test
        void isCreatedOwnerOnlyInAnOwnerOnlyDirectory() throws IOException {
            final Path dir = tmp.resolve("data").resolve("identity");

            IdentityKey.loadOrCreate(dir);

            final Path file = dir.resolve(IdentityKey.FILE_NAME);
            assertThat(file).isRegularFile();
            assertThat(permissions(file)).isEqualTo("rw-------");
            assertThat(permissions(dir)).isEqualTo("rwx------");
            assertThat(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim()))
                .hasSize(32);
        }

        @Test
        void anExistingOpenDirectoryIsClosedToOthersWhenTheKeyIsCreated() throws IOException {
            final Path dir = Files.createDirectory(tmp.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

            IdentityKey.loadOrCreate(dir);

            assertThat(permissions(dir)).isEqualTo("rwx------");
            assertThat(permissions(dir.resolve(IdentityKey.FILE_NAME))).isEqualTo("rw-------");
        }

        @Test
        void isReadBackUnchangedOnTheNextStart() throws IOException {
            final Path dir = tmp.resolve("data");
            final IdentityKey first = IdentityKey.loadOrCreate(dir);
            final String written = Files.readString(dir.resolve(IdentityKey.FILE_NAME));

            final IdentityKey second = IdentityKey.loadOrCreate(dir);

            assertThat(second.derive("access-key-secrets")).isEqualTo(first.derive("access-key-secrets"));
            assertThat(second.derive("console-sessions")).isEqualTo(first.derive("console-sessions"));
            assertThat(Files.readString(dir.resolve(IdentityKey.FILE_NAME))).isEqualTo(written);
            assertThat(permissions(dir.resolve(IdentityKey.FILE_NAME))).isEqualTo("rw-------");
            final SecretCipher sealedBefore = new SecretCipher(first.derive("access-key-secrets"));
            final SecretCipher afterRestart = new SecretCipher(second.derive("access-key-secrets"));
            assertThat(afterRestart.decrypt(sealedBefore.encrypt(SECRET, KEY_ID), KEY_ID)).isEqualTo(SECRET);
        }

        @Test
        void anotherDirectoryHasAnotherKey() throws IOException {
            final IdentityKey one = IdentityKey.loadOrCreate(tmp.resolve("one"));
            final IdentityKey two = IdentityKey.loadOrCreate(tmp.resolve("two"));

            assertThat(two.derive("access-key-secrets")).isNotEqualTo(one.derive("access-key-secrets"));
            assertThat(Files.readString(tmp.resolve("two").resolve(IdentityKey.FILE_NAME)))
                .isNotEqualTo(Files.readString(tmp.resolve("one").resolve(IdentityKey.FILE_NAME)));
        }

        @Test
        void aFileThatDoesNotHoldA256BitKeyIsRefused() throws IOException {
            final Path dir = Files.createDirectory(tmp.resolve("data"));
            Files.writeString(dir.resolve(IdentityKey.FILE_NAME), Base64.getEncoder().encodeToString(new byte[16]));

            assertThatThrownBy(() -> IdentityKey.loadOrCreate(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(IdentityKey.FILE_NAME);
        }
    }

    @Test
    void eachPurposeHasItsOwnKey() {
        final IdentityKey key = IdentityKey.random();

        assertThat(key.derive("access-key-secrets")).hasSize(32).isEqualTo(key.derive("access-key-secrets"))
            .isNotEqualTo(key.derive("console-sessions"))
            .isNotEqualTo(key.derive("instance-requests"));
        assertThat(IdentityKey.random().derive("access-key-secrets")).isNotEqualTo(key.derive("access-key-secrets"));
    }

    @Nested
    class SealedSecrets {

        private final IdentityKey key = IdentityKey.random();
        private final SecretCipher cipher = new SecretCipher(key.derive("access-key-secrets"));

        @Test
        void roundTrip() {
            final String sealed = cipher.encrypt(SECRET, KEY_ID);

            assertThat(sealed).startsWith("v1:").doesNotContain(SECRET);
            assertThat(cipher.decrypt(sealed, KEY_ID)).isEqualTo(SECRET);
            assertThat(new SecretCipher(key.derive("access-key-secrets")).decrypt(sealed, KEY_ID)).isEqualTo(SECRET);
        }

        @Test
        void aSecretMovedToAnotherAccessKeyIdDoesNotDecrypt() {
            final String sealed = cipher.encrypt(SECRET, KEY_ID);

            assertThatThrownBy(() -> cipher.decrypt(sealed, "AKIAI44QH8DHBEXAMPLE"))
                .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void aSecretSealedUnderAnotherIdentityKeyDoesNotDecrypt() {
            final String sealed = cipher.encrypt(SECRET, KEY_ID);
            final SecretCipher otherDeployment = new SecretCipher(IdentityKey.random().derive("access-key-secrets"));
            final SecretCipher otherPurpose = new SecretCipher(key.derive("console-sessions"));

            assertThatThrownBy(() -> otherDeployment.decrypt(sealed, KEY_ID)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> otherPurpose.decrypt(sealed, KEY_ID)).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void aTamperedOrForeignTextDoesNotDecrypt() {
            final String sealed = cipher.encrypt(SECRET, KEY_ID);
            final byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
            bytes[bytes.length - 1] ^= 1;
            final String tampered = "v1:" + Base64.getEncoder().encodeToString(bytes);

            assertThatThrownBy(() -> cipher.decrypt(tampered, KEY_ID)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> cipher.decrypt(SECRET, KEY_ID)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> cipher.decrypt(null, KEY_ID)).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void twoEncryptionsOfTheSameSecretDiffer() {
            final Set<String> sealed = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                sealed.add(cipher.encrypt(SECRET, KEY_ID));
            }

            assertThat(sealed).hasSize(20).allSatisfy(text -> assertThat(cipher.decrypt(text, KEY_ID))
                .isEqualTo(SECRET));
        }
    }

    @Nested
    class SharedCredentials {

        private final NewAccessKey key = new NewAccessKey(new AccessKey("admin", KEY_ID, AccessKey.ACTIVE,
            Instant.parse("2026-03-01T10:15:30Z")), SECRET);

        @Test
        void theAwsSdkReadsTheProfileBack() throws IOException {
            final Path file = tmp.resolve("aws").resolve("credentials");

            SharedCredentialsFile.write(file, SharedCredentialsFile.PROFILE, key);

            final ProfileFile profiles = ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build();
            final Profile profile = profiles.profile("trailwatch").orElseThrow();
            assertThat(profile.property("aws_access_key_id")).contains(KEY_ID);
            assertThat(profile.property("aws_secret_access_key")).contains(SECRET);
            assertThat(profiles.profiles()).containsOnlyKeys("trailwatch");
            try (ProfileCredentialsProvider provider = ProfileCredentialsProvider.builder()
                .profileFile(profiles).profileName(SharedCredentialsFile.PROFILE).build()) {
                final AwsCredentials credentials = provider.resolveCredentials();
                assertThat(credentials.accessKeyId()).isEqualTo(KEY_ID);
                assertThat(credentials.secretAccessKey()).isEqualTo(SECRET);
            }
        }

        @Test
        void generatedKeysAreReadBackExactly() throws IOException {
            final AccessKeyGenerator generator = new AccessKeyGenerator();
            for (int i = 0; i < 20; i++) {
                final NewAccessKey generated = new NewAccessKey(new AccessKey("admin", generator.newAccessKeyId(),
                    AccessKey.ACTIVE, Instant.parse("2026-03-01T10:15:30Z")), generator.newSecretAccessKey());
                final Path file = tmp.resolve("credentials-" + i);

                SharedCredentialsFile.write(file, SharedCredentialsFile.PROFILE, generated);

                final Profile profile = ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build()
                    .profile(SharedCredentialsFile.PROFILE).orElseThrow();
                assertThat(profile.property("aws_access_key_id")).contains(generated.key().accessKeyId());
                assertThat(profile.property("aws_secret_access_key")).contains(generated.secretAccessKey());
            }
        }

        @Test
        void theFileIsOwnerOnlyEvenWhenItReplacesAnOpenOne() throws IOException {
            assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "permissions are checked on POSIX file systems");
            final Path fresh = tmp.resolve("fresh");
            final Path existing = Files.writeString(tmp.resolve("existing"), "[default]\n");
            Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r--r--"));

            SharedCredentialsFile.write(fresh, SharedCredentialsFile.PROFILE, key);
            SharedCredentialsFile.write(existing, SharedCredentialsFile.PROFILE, key);

            assertThat(permissions(fresh)).isEqualTo("rw-------");
            assertThat(permissions(existing)).isEqualTo("rw-------");
            assertThat(Files.readString(existing)).contains(SECRET).doesNotContain("[default]");
            try (var left = Files.list(tmp)) {
                assertThat(left.map(path -> path.getFileName().toString())).doesNotContain("fresh.tmp",
                    "existing.tmp");
            }
        }
    }

    private static String permissions(final Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
