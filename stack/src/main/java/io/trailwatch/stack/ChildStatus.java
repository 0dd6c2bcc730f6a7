package io.trailwatch.stack;

import java.time.Instant;

/**
 * How a child process of the local stack (the registry, S3Proxy, the Connect worker) is doing, as its supervisor sees
 * it: for the health report and the console.
 *
 * @param name     what the child is, e.g. "S3Proxy"
 * @param state    running, restarting after an exit, or stopped on purpose
 * @param pid      the running process's id, -1 when none runs
 * @param since    when the child entered this state
 * @param restarts how many times the supervisor restarted it
 * @param problem  the last exit and what was done about it (with its log's last lines after repeated failures), or
 *                 null while it never exited on its own
 */
public record ChildStatus(String name, State state, long pid, Instant since, int restarts, String problem) {

    /** What the supervisor knows of the child. */
    public enum State {
        /** Started and not seen exiting (it may still be getting ready). */
        RUNNING,
        /** Exited on its own; a restart is scheduled or under way. */
        RESTARTING,
        /** Stopped on purpose, or never started. */
        STOPPED
    }

    public boolean running() {
        return state == State.RUNNING;
    }
}
