package io.trailwatch.app.aws;

/**
 * A feature's operations in AWS's protocols: it adds them to the services it belongs to, each answered by the same
 * service object its {@code /v1} routes call.
 */
@FunctionalInterface
public interface AwsOperations {

    void addTo(AwsApis apis);
}
