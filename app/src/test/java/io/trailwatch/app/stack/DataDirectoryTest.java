package io.trailwatch.app.stack;

import io.trailwatch.schemas.files.OwnerOnlyFiles;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aNewDataDirectoryIsOwnerOnly() throws IOException {
        final Path data = dir.resolve("new").resolve("data");

        assertThat(DataDirectory.secure(data)).isZero();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void whatAnEarlierRunLeftOpenIsMadeOwnerOnly() throws IOException {
        final Path data = Files.createDirectories(dir.resolve("data"));
        final Path segment = Files.createDirectories(data.resolve("kafka").resolve("trailwatch.audit-0"))
            .resolve("00000000000000000000.log");
        Files.writeString(segment, "records");
        final Path properties = Files.writeString(data.resolve("s3proxy.properties"), "s3proxy.credential=secret");
        for (final Path path : new Path[] {data, data.resolve("kafka"), segment.getParent()}) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(segment, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(properties, PosixFilePermissions.fromString("rw-rw-rw-"));

        // The directory itself is made 0700 first, then the four below it.
        assertThat(DataDirectory.secure(data)).isEqualTo(4);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");

        assertThat(io.trailwatch.schemas.files.OwnerOnlyFiles.readableByOthers(data)).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(segment))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(properties))).isEqualTo("rw-------");
        assertThat(segment).hasContent("records");
    }

    @Test
    void theUmaskIsReadFromProcSelfStatus() throws IOException {
        final Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\n");

        assertThat(DataDirectory.umask(status)).hasValue(022);
        assertThat(DataDirectory.umask(dir.resolve("missing"))).isEqualTo(OptionalInt.empty());
    }
}
