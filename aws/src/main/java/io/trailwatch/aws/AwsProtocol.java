package io.trailwatch.aws;

/** The wire protocols AWS's clients speak; a service answers in the one its caller used. */
public enum AwsProtocol {
    /** Form-encoded {@code Action=...&Version=...} requests, XML answers (CloudWatch in botocore before 1.3x). */
    AWS_QUERY,
    /** {@code X-Amz-Target} and {@code application/x-amz-json-1.0} (CloudWatch's JSON protocol). */
    AWS_JSON_1_0,
    /** {@code X-Amz-Target} and {@code application/x-amz-json-1.1} (CloudWatch Logs, CloudTrail, EventBridge). */
    AWS_JSON_1_1,
    /** Smithy RPC v2 CBOR: {@code POST /service/<name>/operation/<op>} (CloudWatch in recent SDKs and the CLI). */
    RPC_V2_CBOR,
    /** One HTTP route per operation, JSON bodies (CloudTrail Data). */
    REST_JSON_1
}
