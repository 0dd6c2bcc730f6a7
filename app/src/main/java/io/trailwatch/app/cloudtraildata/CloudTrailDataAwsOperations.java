package io.trailwatch.app.cloudtraildata;

import static io.trailwatch.identity.AwsService.CLOUDTRAIL_DATA;

import io.trailwatch.app.aws.AwsApis;
import io.trailwatch.app.aws.AwsOperations;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.aws.AwsOperation;
import java.time.Instant;
import java.util.Optional;

/** CloudTrail Data in AWS's protocol (restJson1): PutAuditEvents at {@code POST /PutAuditEvents}. */
public final class CloudTrailDataAwsOperations implements AwsOperations {

    private final AuditEventsIngest ingest;

    public CloudTrailDataAwsOperations(final AuditEventsIngest ingest) {
        this.ingest = ingest;
    }

    @Override
    public void addTo(final AwsApis apis) {
        apis.cloudTrailData()
            .restRoute("/PutAuditEvents", "PutAuditEvents")
            .maxRequestBytes("PutAuditEvents", AuditEventsIngest.MAX_REQUEST_BYTES)
            .operation(CLOUDTRAIL_DATA.data("PutAuditEvents"),
                input -> Optional.of(new AwsOperation.Resource(AuditEventsIngest.channelOf(input),
                    "AWS::CloudTrail::Channel")),
                input -> ingest.put(AwsInput.of(input), Instant.now()));
    }
}
