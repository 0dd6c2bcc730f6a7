package io.trailwatch.app.logs;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.app.http.access.AccessControl;
import io.trailwatch.processors.config.Definitions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Live tail over server-sent events: {@code GET /v1/log-groups/{logGroupName}/tail[?filterPattern=&
 * logStreamNamePrefix=]} answers {@code text/event-stream}, each new event of the group that matches as
 * {@code data: {"logGroupName","logStreamName","timestamp","ingestionTime","message","eventId"}}, a comment line
 * when quiet (which also finds a client gone), and a last {@code event: end} whose data says why it ended (a client
 * that did not keep up, the 3-hour limit). The group name may hold '/': it is the path between {@code log-groups/}
 * and {@code /tail}, raw or percent-encoded. Authorized as {@code logs:StartLiveTail} on the group and recorded on
 * the trail once, when it starts.
 */
final class LiveTailRoutes implements ApiRoutes {

    static final String ROUTE = "/v1/log-groups/<logGroupName>/tail";
    private static final List<String> PARAMETERS = List.of("filterPattern", "logStreamNamePrefix");

    private final LiveTails tails;
    private final Clock clock;

    LiveTailRoutes(final LiveTails tails, final Clock clock) {
        this.tails = tails;
        this.clock = clock;
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.get(ROUTE, this::tail);
    }

    private void tail(final Context ctx) throws IOException {
        QueryString.allowOnly(ctx.queryParamMap(), PARAMETERS);
        final String group = ctx.pathParam("logGroupName");
        try (LiveTail tail = tails.start(group, ctx.queryParam("filterPattern"),
            ctx.queryParam("logStreamNamePrefix"))) {
            AccessControl.recordStart(ctx);
            ctx.res().setStatus(200);
            ctx.res().setContentType("text/event-stream;charset=utf-8");
            ctx.res().setHeader("Cache-Control", "no-cache");
            ctx.res().setHeader("X-Accel-Buffering", "no");
            final OutputStream out = ctx.res().getOutputStream();
            send(out, ": tail of " + Definitions.MAPPER.valueToTree(group) + " started\n\n");
            stream(tail, out);
        } catch (final IOException clientGone) {
            // the client closed the connection: the tail ends with it
        } catch (final InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    private void stream(final LiveTail tail, final OutputStream out) throws IOException, InterruptedException {
        final Instant end = clock.instant().plus(tails.settings().maxDuration());
        while (true) {
            final Optional<String> ended = tail.endReason().or(() -> clock.instant().isAfter(end)
                ? Optional.of("a live tail ends after " + tails.settings().maxDuration().toHours() + " hours; start "
                + "another") : Optional.empty());
            if (ended.isPresent()) {
                send(out, "event: end\ndata: " + Definitions.MAPPER.createObjectNode().put("reason", ended.get())
                    + "\n\n");
                return;
            }
            final Optional<TailedEvent> event = tail.next(tails.settings().heartbeat());
            send(out, event.map(found -> "data: " + found.json() + "\n\n").orElse(":\n\n"));
        }
    }

    /** JSON keeps each event on one line (a message's newlines are escaped), as an SSE data line must be. */
    private static void send(final OutputStream out, final String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
