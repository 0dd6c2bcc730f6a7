package io.trailwatch.app.stack;

import java.util.List;

/** Why Trailwatch will not start on a cluster: one line per problem, each saying what to change. */
public final class ClusterProblems extends RuntimeException {

    private final List<String> lines;

    public ClusterProblems(final List<String> lines) {
        super(String.join("; ", lines));
        this.lines = List.copyOf(lines);
    }

    public List<String> lines() {
        return lines;
    }
}
