package io.trailwatch.aws;

/**
 * The protocol a request speaks and the service it addresses, known before its operation is: errors, including a
 * refused signature or an unknown operation, are answered in it.
 *
 * @param api null when the request names no service this endpoint answers as
 */
public record AwsDialect(AwsProtocol protocol, AwsApi api) { }
