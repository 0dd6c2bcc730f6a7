package io.trailwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child JVMs (S3Proxy, the Connect worker) create their files owner-only whatever this JVM's umask: they run under
 * {@code umask 077}, the shell replaced by the program itself.
 */
class ChildJvmUmaskTest {

    private static final String ARGUMENT = "it's \"quoted\", spaced and $HOME";

    @Test
    void aChildCreatesItsFilesOwnerOnlyAndItsLogIsOwnerOnly(@TempDir final Path dir) {
        assumeThat(Path.of("/bin/sh")).isExecutable();
        final Path created = dir.resolve("created-by-the-child");
        final Path log = dir.resolve("logs").resolve("child.log");
        final ChildJvm child = new ChildJvm("umask probe", List.of("-Xmx32m"), List.of("-cp",
            System.getProperty("java.class.path"), CreateFileMain.class.getName(), created.toString(), ARGUMENT), log);
        try {
            child.start();
            // The probe exits when done, which awaitReady reports.
            assertThatThrownBy(() -> child.awaitReady(() -> false, Duration.ofSeconds(30)))
                .hasMessageContaining("exited with code 0");
        } finally {
            child.close();
        }

        // The JVM running this test has Maven's umask (typically 022, which would give rw-r--r--).
        assertThat(PosixFilePermissions.toString(permissions(created))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(permissions(log))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(permissions(log.getParent()))).isEqualTo("rwx------");
        // The shell passed the arguments on untouched.
        assertThat(created).hasContent(ARGUMENT);
    }

    @Test
    void theShellExecsTheCommandItselfWithItsArgumentsUnchanged() {
        assumeThat(Path.of("/bin/sh")).isExecutable();
        final List<String> command = List.of("/usr/bin/java", "-Dx=a b", "-jar", "it's \"quoted\" $HOME.jar");

        final List<String> wrapped = ChildJvm.ownerOnlyUmask(command);

        assertThat(wrapped).containsExactly("/bin/sh", "-c", "umask 077 && exec \"$@\"", "sh", "/usr/bin/java",
            "-Dx=a b", "-jar", "it's \"quoted\" $HOME.jar");
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(final Path path) {
        try {
            return Files.getPosixFilePermissions(path);
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
