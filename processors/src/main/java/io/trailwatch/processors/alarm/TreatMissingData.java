package io.trailwatch.processors.alarm;

/**
 * How an alarm treats periods without a datapoint, as PutMetricAlarm names the values (lower camel case, so
 * {@code valueOf} accepts the API's own spelling).
 */
public enum TreatMissingData {
    /** Missing periods are unknown; all of the evaluation range missing means INSUFFICIENT_DATA. The default. */
    missing,
    /** Missing periods count as within the threshold. */
    notBreaching,
    /** Missing periods count as breaching the threshold. */
    breaching,
    /** Missing periods keep the alarm in its current state. */
    ignore;

    /** The policy PutMetricAlarm applies when TreatMissingData is omitted. */
    public static TreatMissingData defaultPolicy() {
        return missing;
    }
}
