package io.trailwatch.identity;

/**
 * The AWS services Trailwatch answers as, with the two names each goes by: the event source CloudTrail records its
 * calls under, and the prefix of its IAM actions.
 */
public enum AwsService {
    CLOUDWATCH("monitoring.amazonaws.com", "cloudwatch"),
    LOGS("logs.amazonaws.com", "logs"),
    CLOUDTRAIL("cloudtrail.amazonaws.com", "cloudtrail"),
    /** CloudTrail Lake's ingestion API (PutAuditEvents): IAM actions under {@code cloudtrail-data}. */
    CLOUDTRAIL_DATA("cloudtrail-data.amazonaws.com", "cloudtrail-data"),
    EVENTS("events.amazonaws.com", "events"),
    /** Notification topics and their subscriptions, as SNS's. */
    SNS("sns.amazonaws.com", "sns"),
    IAM("iam.amazonaws.com", "iam"),
    SIGNIN("signin.amazonaws.com", "signin"),
    /**
     * The schema registry's Confluent REST API, which Trailwatch proxies at {@code /registry}: not an AWS service,
     * so its event source says whose it is.
     */
    SCHEMA_REGISTRY("schemaregistry.trailwatch", "schemaregistry"),
    /**
     * Trailwatch's own operations, not an AWS service's ({@code trailwatch:GetMetrics}, the scrape of its own
     * metrics; {@code trailwatch:GetHealth}, its detailed health): its event source says whose they are, as the
     * schema registry's does.
     */
    TRAILWATCH("trailwatch.trailwatch", "trailwatch");

    private final String eventSource;
    private final String actionPrefix;

    AwsService(final String eventSource, final String actionPrefix) {
        this.eventSource = eventSource;
        this.actionPrefix = actionPrefix;
    }

    public String eventSource() {
        return eventSource;
    }

    /** A management call that reads (Describe, Get, List, Lookup). */
    public Operation read(final String name) {
        return new Operation(this, name, true, false);
    }

    /** A management call that changes something. */
    public Operation write(final String name) {
        return new Operation(this, name, false, false);
    }

    /** A data-plane call (publishing events, metrics, logs): audited only when data events are turned on. */
    public Operation data(final String name) {
        return new Operation(this, name, false, true);
    }

    String action(final String name) {
        return actionPrefix + ":" + name;
    }
}
