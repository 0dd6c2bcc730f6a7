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
        for (int n = 1; n <= policy.maxAttempts(); n++) {
            failure = attempt.run();
            if (failure == null) {
                return;
            }
            if (n < policy.maxAttempts()) {
                final Duration wait = policy.backoffAfter(n);
                LOG.warn("Delivery of {} failed (attempt {} of {}): {}; retrying in {} ms", what, n,
                    policy.maxAttempts(), failure, wait.toMillis());
                sleeper.sleep(wait);
            }
        }
        throw new DeliveryFailedException(failure + " (after " + policy.maxAttempts() + " attempts)");
    }
}
