package io.trailwatch.identity;

/**
 * One API operation as IAM and CloudTrail know it: {@code cloudwatch:DeleteAlarms}, recorded as
 * {@code DeleteAlarms} from {@code monitoring.amazonaws.com}.
 *
 * @param service   the service it belongs to
 * @param name      the operation's name (CloudTrail's eventName)
 * @param readOnly  whether it only reads (CloudTrail's readOnly)
 * @param dataEvent whether it is a data-plane call (CloudTrail's data events: off by default)
 */
public record Operation(AwsService service, String name, boolean readOnly, boolean dataEvent) {

    /** The IAM action a policy must allow. */
    public String iamAction() {
        return service.action(name);
    }

    public String eventSource() {
        return service.eventSource();
    }
}
