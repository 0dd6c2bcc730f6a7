package io.trailwatch.aws;

import java.util.function.Function;

/**
 * What the endpoint reads of an HTTP request, whatever server received it.
 *
 * @param header a header's first value by name (any case), null when absent
 */
public record AwsHttpRequest(String method, String path, String rawQuery, Function<String, String> header,
                             byte[] body) { }
