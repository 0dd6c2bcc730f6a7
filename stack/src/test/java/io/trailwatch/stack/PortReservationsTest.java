package io.trailwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A port picked by one process is not handed out by another until its hold has passed. */
class PortReservationsTest {

    @TempDir
    Path dir;

    @Test
    void aReservedPortIsRefusedToOthersUntilItsHoldHasPassed() throws Exception {
        final PortReservations one = new PortReservations(dir.resolve("ports"), Duration.ofMinutes(5));
        final PortReservations another = new PortReservations(dir.resolve("ports"), Duration.ofMinutes(5));
        assertThat(one.reserve(24_001)).isTrue();
        assertThat(another.reserve(24_001)).isFalse();
        assertThat(another.reserve(24_002)).isTrue();

        Files.setLastModifiedTime(dir.resolve("ports").resolve("24001"),
            FileTime.from(Instant.now().minus(Duration.ofMinutes(6))));
        assertThat(another.reserve(24_001)).isTrue();
        assertThat(one.reserve(24_001)).isFalse();
    }

    @Test
    void theDirectoryIsTheUsersAlone() throws Exception {
        new PortReservations(dir.resolve("ports"), Duration.ofMinutes(5)).reserve(24_003);
        assertThat(Files.getPosixFilePermissions(dir.resolve("ports")))
            .containsExactlyInAnyOrderElementsOf(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
}
