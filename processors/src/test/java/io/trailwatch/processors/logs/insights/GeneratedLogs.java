package io.trailwatch.processors.logs.insights;

import io.trailwatch.processors.logs.store.LogPosition;
import io.trailwatch.processors.logs.store.StoredLogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded random set of application log events over three hours in eight streams: a third JSON
 * ({@code {"level","user","latency","status"}}), the rest plain lines carrying the same facts as text.
 */
final class GeneratedLogs {

    /** Three hours before the topology tests' clock (the store refuses events far from it). */
    static final long START = java.time.Instant.parse("2026-11-21T07:00:00Z").toEpochMilli();
    static final long SPAN = 3 * 3_600_000L;
    static final String[] LEVELS = {"INFO", "INFO", "INFO", "WARN", "ERROR", "DEBUG"};
    static final String[] USERS = {"ann", "bob", "cho", "dee", "eve", "fay", "gus", "abe", "amy", "zed"};
    static final int[] STATUSES = {200, 200, 200, 201, 404, 500, 503};

    /** One event and what it was made of (for the brute-force answers). */
    record Generated(StoredLogEvent event, boolean json, String level, String user, int latency, int status) {
    }

    private GeneratedLogs() {
    }

    static List<Generated> events(final long seed, final int count) {
        final Random random = new Random(seed);
        final List<Generated> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final long time = START + (long) (random.nextDouble() * SPAN);
            final String level = LEVELS[random.nextInt(LEVELS.length)];
            final String user = USERS[random.nextInt(USERS.length)];
            final int latency = random.nextInt(2_000);
            final int status = STATUSES[random.nextInt(STATUSES.length)];
            final boolean json = random.nextInt(3) == 0;
            final String message = json
                ? "{\"level\":\"" + level + "\",\"user\":\"" + user + "\",\"latency\":" + latency + ",\"status\":"
                    + status + ",\"req\":{\"path\":\"/orders/" + random.nextInt(50) + "\"}}"
                : "2026-12-01T00:00:00Z " + level + " user=" + user + " latency=" + latency + "ms status="
                    + status + " GET /orders/" + random.nextInt(50);
            final String stream = "web-" + random.nextInt(8);
            events.add(new Generated(new StoredLogEvent(stream, new LogPosition(time, random.nextInt(3), i),
                time + random.nextInt(1_000), message), json, level, user, latency, status));
        }
        return events;
    }
}
