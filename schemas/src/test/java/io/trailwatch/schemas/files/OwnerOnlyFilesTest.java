package io.trailwatch.schemas.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

    @TempDir
    Path dir;

    @Test
    void aNewDirectoryAndItsNewParentsAreOwnerOnly() {
        final Path nested = dir.resolve("a").resolve("b");

        OwnerOnlyFiles.directory(nested);

        assertThat(mode(dir.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(nested)).isEqualTo("rwx------");
    }

    @Test
    void anExistingDirectoryIsMadeOwnerOnly() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        OwnerOnlyFiles.directory(dir);

        assertThat(mode(dir)).isEqualTo("rwx------");
    }

    @Test
    void aTreeLosesTheGroupsAndOthersPermissionsAndKeepsTheOwners() throws IOException {
        final Path root = Files.createDirectories(dir.resolve("data"));
        final Path bucket = Files.createDirectories(root.resolve("s3").resolve("bucket"));
        final Path object = Files.writeString(bucket.resolve("object.json.gz"), "x");
        final Path script = Files.writeString(root.resolve("run.sh"), "#!/bin/sh");
        final Path outside = Files.writeString(dir.resolve("outside.txt"), "not ours to change");
        final Path link = Files.createSymbolicLink(root.resolve("link"), outside);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(bucket.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(bucket, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(object, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x--x"));
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
        // What find -perm /o+r finds: not the script, which others may only execute.
        assertThat(OwnerOnlyFiles.readableByOthers(root)).containsExactlyInAnyOrder(root, bucket.getParent(), bucket,
            object);

        final int changed = OwnerOnlyFiles.restrictTree(root);

        assertThat(changed).isEqualTo(5);
        assertThat(mode(root)).isEqualTo("rwx------");
        assertThat(mode(bucket.getParent())).isEqualTo("rwx------");
        assertThat(mode(bucket)).isEqualTo("rwx------");
        assertThat(mode(object)).isEqualTo("rw-------");
        assertThat(mode(script)).isEqualTo("rwx------");
        assertThat(OwnerOnlyFiles.readableByOthers(root)).isEmpty();
        // A symbolic link is not followed: what it points to outside the tree is left alone.
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(mode(outside)).isEqualTo("rw-r--r--");
        // Walking again changes nothing.
        assertThat(OwnerOnlyFiles.restrictTree(root)).isZero();
    }

    @Test
    void aMissingTreeIsNothingToDo() {
        assertThat(OwnerOnlyFiles.restrictTree(dir.resolve("missing"))).isZero();
    }

    private static String mode(final Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
