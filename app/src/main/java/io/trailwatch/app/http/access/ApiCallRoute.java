package io.trailwatch.app.http.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.trailwatch.identity.Operation;
import java.util.List;

/**
 * What one route of the API does in IAM's and CloudTrail's terms: the operation, the ARN of what it touches, and
 * the name CloudTrail gives its path parameter in {@code requestParameters}.
 */
@FunctionalInterface
public interface ApiCallRoute {

    /** The call a request to this route makes. */
    Call resolve(Context ctx);

    /**
     * A resolved call.
     *
     * @param operation         the operation
     * @param resourceArns      the ARNs authorized against, each of them (an operation on several resources needs
     *                          them all); {@code *} when the operation has no resource-level permissions in AWS
     * @param resourceType      CloudTrail's type of that resource (AWS::CloudWatch::Alarm), null for {@code *}
     * @param pathParameters    CloudTrail's names of the path parameters, in order
     * @param signingService    the SigV4 service its signature must be scoped to: {@value AccessControl#SERVICE} for
     *                          the native API, an AWS signing name ({@code monitoring}) for AWS's protocols, whose
     *                          routes take signatures only (no session, no Basic) and bodies of their own types
     * @param requestParameters the call's input as CloudTrail records it, or null to read it from the request's path,
     *                          query and JSON body
     */
    record Call(Operation operation, List<String> resourceArns, String resourceType, List<String> pathParameters,
                String signingService, JsonNode requestParameters) {

        public Call {
            resourceArns = List.copyOf(resourceArns);
        }

        /** A call of the native API, on one resource. */
        public Call(final Operation operation, final String resourceArn, final String resourceType,
                    final List<String> pathParameters) {
            this(operation, List.of(resourceArn), resourceType, pathParameters, AccessControl.SERVICE, null);
        }

        /** The first resource (the only one, but for operations that name several, as DeleteAlarms). */
        public String resourceArn() {
            return resourceArns.get(0);
        }

        /** Whether the call speaks one of AWS's protocols rather than the native API. */
        public boolean awsProtocol() {
            return !AccessControl.SERVICE.equals(signingService);
        }
    }
}
