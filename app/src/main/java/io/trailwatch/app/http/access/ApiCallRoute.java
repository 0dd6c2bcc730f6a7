package io.trailwatch.app.http.access;

import io.javalin.http.Context;
import io.trailwatch.identity.Operation;

/**
 * What one route of the API does in IAM's and CloudTrail's terms: the operation, the ARN of what it touches, and
 * the name CloudTrail gives its path parameter in {@code requestParameters}.
 */
interface ApiCallRoute {

    /** The call a request to this route makes. */
    Call resolve(Context ctx);

    /**
     * A resolved call.
     *
     * @param operation      the operation
     * @param resourceArn    the ARN authorized against, {@code *} when the operation has no resource-level
     *                       permissions in AWS
     * @param resourceType   CloudTrail's type of that resource (AWS::CloudWatch::Alarm), null for {@code *}
     * @param pathParameters CloudTrail's names of the path parameters, in order
     */
    record Call(Operation operation, String resourceArn, String resourceType, java.util.List<String> pathParameters) { }
}
