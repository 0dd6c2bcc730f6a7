package io.trailwatch.app.http.access;

import io.javalin.http.Context;
import java.util.function.Supplier;

/**
 * The admitted caller's ARN while an AWS protocol operation runs: those handlers get the decoded input only, and
 * a service that keeps things per caller (Logs Insights' queries) needs to know whose call it answers.
 */
public final class CurrentCaller {

    private static final ThreadLocal<String> ARN = new ThreadLocal<>();

    private CurrentCaller() {
    }

    /** Runs {@code work} on this thread as the caller the gate admitted for {@code ctx}. */
    public static <T> T during(final Context ctx, final Supplier<T> work) {
        final String previous = ARN.get();
        ARN.set(AccessControl.callerArn(ctx).orElse(null));
        try {
            return work.get();
        } finally {
            ARN.set(previous);
        }
    }

    /** The caller's ARN; refuses to answer outside an admitted call rather than act for nobody. */
    public static String arn() {
        final String arn = ARN.get();
        if (arn == null) {
            throw new IllegalStateException("no admitted caller on this thread");
        }
        return arn;
    }
}
