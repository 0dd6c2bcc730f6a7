package io.trailwatch.sinks.notify;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a delivery's attempts under a {@link RetryPolicy}: again after each failure that may pass (waiting the
 * policy's backoff), until one succeeds, one fails for good, or the attempts run out; whatever the protocol
 * (HTTP, SMTP).
 */
public final class Retrying {

    private static final Logger LOG = LoggerFactory.getLogger(Retrying.class);

    private final RetryPolicy policy;
    private final Sleeper sleeper;

    /** Waits between attempts; a test or a stopping task can make it return early. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        /**
         * Waits out the backoff after {@code attemptsMade} failed attempts. A sleeper that gives the thread back
         * throws instead, having arranged for the whole delivery to run again after the wait; the run again then
         * goes on from {@link #attemptsMade()}.
         */
        default void backoff(final Duration wait, final int attemptsMade) throws InterruptedException {
            sleep(wait);
        }

        /** The attempts already made of the delivery this thread runs again after a backoff; 0 for a new one. */
        default int attemptsMade() {
            return 0;
        }
    }

    /** One attempt. */
    @FunctionalInterface
    public interface Attempt {
        /**
         * @return null when delivered, else why not (the next attempt may succeed)
         * @throws DeliveryFailedException when no attempt can succeed (not retried)
         */
        String run() throws DeliveryFailedException, InterruptedException;
    }

    public Retrying(final RetryPolicy policy, final Sleeper sleeper) {
        this.policy = policy;
        this.sleeper = sleeper;
    }

    /** Attempts the delivery named {@code what} (for the log) until it succeeds or throws why it did not. */
    public void run(final String what, final Attempt attempt) throws DeliveryFailedException, InterruptedException {
        String failure = null;
        final int made = Math.max(0, Math.min(sleeper.attemptsMade(), policy.maxAttempts() - 1));
        for (int n = made + 1; n <= policy.maxAttempts(); n++) {
            failure = attempt.run();
            if (failure == null) {
                return;
            }
            if (n < policy.maxAttempts()) {
                final Duration wait = policy.backoffAfter(n);
                LOG.warn("Delivery of {} failed (attempt {} of {}): {}; retrying in {} ms", what, n,
                    policy.maxAttempts(), failure, wait.toMillis());
                sleeper.backoff(wait, n);
            }
        }
        throw new DeliveryFailedException(failure + " (after " + policy.maxAttempts() + " attempts)");
    }
}
