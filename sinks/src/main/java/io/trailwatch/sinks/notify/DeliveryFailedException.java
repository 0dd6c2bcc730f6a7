package io.trailwatch.sinks.notify;

/** Why a notification could not be delivered, after every attempt allowed (or at once, when retrying cannot help). */
public final class DeliveryFailedException extends Exception {

    public DeliveryFailedException(final String message) {
        super(message);
    }
}
