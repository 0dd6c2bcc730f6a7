package io.trailwatch.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One decoded request: the service and operation it calls, in which protocol, and its input as one JSON tree
 * (members under the model's names, timestamps as ISO-8601 text, numbers and booleans typed).
 */
public record AwsCall(AwsApi api, AwsOperation operation, AwsProtocol protocol, ObjectNode input) { }
