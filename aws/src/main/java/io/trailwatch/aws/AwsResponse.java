package io.trailwatch.aws;

import java.util.Map;

/** An answer in the caller's protocol: status, media type, headers and body. */
public record AwsResponse(int status, String contentType, Map<String, String> headers, byte[] body) { }
