package io.trailwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervision of the local stack's child processes: a child killed as a crash is restarted and reported, one
 * that keeps failing is reported with its log's last lines, none is part of the terminal's process group, and one
 * left behind by a killed owner is stopped by the next start.
 */
class ChildJvmSupervisionTest {

    @Test
    void aChildKilledWithSigkillIsRestartedAndItsStatusSaysSo(@TempDir final Path dir) {
        final ChildJvm child = child("run", dir, "killed");
        try {
            child.start();
            child.supervise(() -> true, Duration.ofSeconds(30));
            final long first = child.pid();

            ProcessHandle.of(first).orElseThrow().destroyForcibly();

            await("a new process").atMost(Duration.ofSeconds(20))
                .until(() -> child.status().running() && child.pid() > 0 && child.pid() != first);
            final ChildStatus status = child.status();
            assertThat(status.restarts()).isEqualTo(1);
            assertThat(status.problem()).contains("probe (pid " + first + ") exited with code 137")
                .contains("restarting it in 1 s (restart 1)");
            assertThat(ProcessHandle.of(status.pid())).hasValueSatisfying(h -> assertThat(h.isAlive()).isTrue());
        } finally {
            child.close();
        }
        assertThat(child.status().state()).isEqualTo(ChildStatus.State.STOPPED);
    }

    @Test
    void aChildThatKeepsFailingIsReportedWithTheLastLinesOfItsLog(@TempDir final Path dir) {
        final ChildJvm child = child("fail", dir, "/nowhere/bucket");
        try {
            child.start();
            child.supervise(() -> false, Duration.ofSeconds(30));

            await("the third failure in a row").atMost(Duration.ofSeconds(30))
                .until(() -> child.status().restarts() >= 3);
            assertThat(child.status().state()).isEqualTo(ChildStatus.State.RESTARTING);
            assertThat(child.status().problem()).contains("exited with code 3").contains("failed 3 times in a row")
                .contains("bad configuration: no such bucket directory /nowhere/bucket")
                // backoff doubles: 1 s, 2 s, then 4 s
                .contains("restarting it in 4 s");
        } finally {
            child.close();
        }
    }

    @Test
    void aChildRunsInASessionOfItsOwnSoThatCtrlCReachesItsOwnerOnly(@TempDir final Path dir) throws Exception {
        assumeThat(Path.of("/usr/bin/setsid")).isExecutable();
        final ChildJvm child = child("run", dir, "session");
        try {
            child.start();
            child.awaitReady(() -> logHas(dir, "running session"), Duration.ofSeconds(30));
            assertThat(session(child.pid())).isEqualTo(child.pid()).isNotEqualTo(session(ProcessHandle.current().pid()));
        } finally {
            child.close();
        }
    }

    @Test
    void aChildLeftRunningByAKilledOwnerIsStoppedByTheNextStart(@TempDir final Path dir) {
        final ChildJvm orphaned = child("run", dir, "orphan").pidFile(dir.resolve("child.pid"), dir.toString());
        final ChildJvm next = child("run", dir, "next").pidFile(dir.resolve("child.pid"), dir.toString());
        try {
            orphaned.start();
            orphaned.awaitReady(() -> logHas(dir, "running orphan"), Duration.ofSeconds(30));
            final ProcessHandle orphan = ProcessHandle.of(orphaned.pid()).orElseThrow();

            next.start();

            // Already exited; the reaper of this JVM (its parent, here) may take a moment to collect it.
            assertThat(orphan.onExit()).succeedsWithin(Duration.ofSeconds(2));
            assertThat(next.isRunning()).isTrue();
        } finally {
            orphaned.close();
            next.close();
        }
    }

    private static ChildJvm child(final String mode, final Path dir, final String argument) {
        return new ChildJvm("probe", List.of("-Xmx32m", "-XX:TieredStopAtLevel=1"), List.of("-cp",
            System.getProperty("java.class.path"), ChildMain.class.getName(), mode, argument, dir.toString()),
            dir.resolve("child.log"));
    }

    private static boolean logHas(final Path dir, final String text) {
        try {
            return Files.readString(dir.resolve("child.log")).contains(text);
        } catch (final java.io.IOException e) {
            return false;
        }
    }

    /** The session id of a process (field 6 of /proc/<pid>/stat, after the parenthesized command name). */
    private static long session(final long pid) throws Exception {
        final String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }
}
