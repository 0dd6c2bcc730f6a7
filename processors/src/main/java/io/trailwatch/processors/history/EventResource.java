package io.trailwatch.processors.history;

/**
 * A resource an event touched, as LookupEvents lists it: {@code ResourceType} (e.g. {@code AWS::S3::Bucket}, may
 * be null) and {@code ResourceName} (the ARN, or the name the request gave).
 */
public record EventResource(String type, String name) {
}
