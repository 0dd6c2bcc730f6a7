package io.trailwatch.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A network partition of one process on this machine: the process is started in a cgroup (v2) of its own, and
 * iptables drops what its sockets send ({@code -m cgroup --path}), but for its answers on one port (its HTTP API, so
 * that a test can still ask it what it answers). Every other connection of the process (to Kafka, to the registry, to
 * the other instances) stalls, as when its host's link is cut. Needs root, iptables and a cgroup2 mount; {@link
 * #create} says why not otherwise.
 */
final class NetworkCut implements AutoCloseable {

    private static final Path MOUNTS = Path.of("/proc/mounts");

    private final Path cgroup;
    private final String relative;
    private final List<List<String>> rules = new ArrayList<>();

    private NetworkCut(final Path cgroup, final String relative) {
        this.cgroup = cgroup;
        this.relative = relative;
    }

    /** A new cgroup to start a process in, or why a cut cannot be made here. */
    static Result create() {
        try {
            final Optional<Path> root = Files.readAllLines(MOUNTS, StandardCharsets.UTF_8).stream()
                .map(line -> line.split(" ")).filter(fields -> fields.length > 2 && fields[2].equals("cgroup2"))
                .map(fields -> Path.of(fields[1])).findFirst();
            if (root.isEmpty()) {
                return new Result(null, "no cgroup2 file system is mounted");
            }
            if (run(List.of("iptables", "-w", "-n", "-L", "OUTPUT")) != 0) {
                return new Result(null, "iptables cannot be run (not root, or not installed)");
            }
            final String name = "trailwatch-cut-" + UUID.randomUUID().toString().substring(0, 8);
            final Path cgroup = Files.createDirectory(root.get().resolve(name));
            return new Result(new NetworkCut(cgroup, name), null);
        } catch (final IOException | RuntimeException e) {
            return new Result(null, "cannot make a cgroup: " + e.getMessage());
        }
    }

    /** The cut, or why there is none. */
    record Result(NetworkCut cut, String unavailable) { }

    /** The command prefix that starts a process in the cgroup: it joins it, then execs the rest of its arguments. */
    List<String> wrapper() {
        return List.of("/bin/sh", "-c", "echo $$ > " + cgroup.resolve("cgroup.procs") + " && exec \"$@\"", "sh");
    }

    /** Drops what the cgroup's processes send, but for TCP from {@code answeringPort} (the test's view of it). */
    synchronized void cut(final int answeringPort) {
        final List<String> rule = List.of("OUTPUT", "-m", "cgroup", "--path", relative, "-p", "tcp", "!", "--sport",
            String.valueOf(answeringPort), "-j", "DROP");
        iptables("-I", rule);
        rules.add(rule);
        // And every other protocol (DNS over UDP, say).
        final List<String> others = List.of("OUTPUT", "-m", "cgroup", "--path", relative, "!", "-p", "tcp", "-j",
            "DROP");
        iptables("-I", others);
        rules.add(others);
    }

    /** Removes the cut: the link is back. */
    synchronized void heal() {
        for (final List<String> rule : rules) {
            iptables("-D", rule);
        }
        rules.clear();
    }

    /** Heals the cut and removes the cgroup (the kernel refuses while a process is still in it). */
    @Override
    public void close() {
        heal();
        try {
            Files.deleteIfExists(cgroup);
        } catch (final IOException stillInUse) {
            System.err.println("cgroup " + cgroup + " left behind: " + stillInUse);
        }
    }

    private static void iptables(final String action, final List<String> rule) {
        final List<String> command = new ArrayList<>(List.of("iptables", "-w", action));
        command.addAll(rule);
        final int exit = run(command);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
    }

    private static int run(final List<String> command) {
        try {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (final IOException e) {
            return -1;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
