package io.trailwatch.identity;

/**
 * A key just created, with its secret: the only time the secret is ever shown. {@link #toString()} leaves the
 * secret out, so that logging the object cannot leak it.
 */
public record NewAccessKey(AccessKey key, String secretAccessKey) {

    @Override
    public String toString() {
        return "NewAccessKey[" + key + ", secretAccessKey=<redacted>]";
    }
}
