package io.trailwatch.app.aws;

import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.aws.AwsApi;
import io.trailwatch.aws.AwsError;
import io.trailwatch.aws.services.AwsServices;
import io.trailwatch.processors.common.InstanceRouter;
import io.trailwatch.processors.history.LookupAttribute;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The six AWS services Trailwatch answers as, to which features add their operations, each translating the native
 * services' exceptions into its own error shapes: a bad request is CloudWatch's {@code InvalidParameterValueException},
 * CloudWatch Logs' {@code InvalidParameterException}, EventBridge's {@code ValidationException}.
 */
public final class AwsApis {

    /** The reason {@link io.trailwatch.aws.AwsInput} and the native services give for a missing member. */
    private static final String REQUIRED = "is required";

    /**
     * CloudWatch's alarms are not found as {@code ResourceNotFound}, the query code every client reads (botocore's
     * model has a shape of that name), under the shape {@code ResourceNotFoundException}: the only one the AWS SDK
     * for Java v2 (2.59) knows, which turns any other into a plain CloudWatchException.
     */
    private final AwsApi cloudWatch = AwsServices.cloudWatch()
        .errors(translator(AwsApis::cloudWatchBadRequest, "ResourceNotFoundException", "ResourceNotFound"));
    private final AwsApi logs = AwsServices.logs()
        .errors(translator((field, reason) -> AwsError.of("InvalidParameterException", 400,
            described(field, reason)),
            "ResourceNotFoundException", "ResourceNotFoundException"));
    private final AwsApi cloudTrail = AwsServices.cloudTrail()
        .errors(translator(AwsApis::cloudTrailBadRequest, "ResourceNotFoundException", "ResourceNotFoundException"));
    private final AwsApi cloudTrailData = AwsServices.cloudTrailData()
        .errors(translator((field, reason) -> AwsError.validation(described(field, reason)), "ChannelNotFound",
            "ChannelNotFound"));
    private final AwsApi eventBridge = AwsServices.eventBridge()
        .errors(translator((field, reason) -> AwsError.validation(described(field, reason)),
            "ResourceNotFoundException",
            "ResourceNotFoundException"));

    /** SNS's InvalidParameter names the parameter; a topic or subscription that does not exist is NotFound (404). */
    private final AwsApi sns = AwsServices.sns()
        .errors(translator((field, reason) -> AwsError.of("InvalidParameterException", "InvalidParameter", 400,
            described(field, reason)), "NotFoundException", "NotFound"));

    public AwsApi cloudWatch() {
        return cloudWatch;
    }

    public AwsApi logs() {
        return logs;
    }

    public AwsApi cloudTrail() {
        return cloudTrail;
    }

    public AwsApi cloudTrailData() {
        return cloudTrailData;
    }

    public AwsApi eventBridge() {
        return eventBridge;
    }

    public AwsApi sns() {
        return sns;
    }

    public List<AwsApi> all() {
        return List.of(cloudWatch, logs, cloudTrail, cloudTrailData, eventBridge, sns);
    }

    /** A message that names the parameter, as AWS's do. */
    public static String described(final String field, final String message) {
        return field == null ? message : "Invalid parameter " + field + ": " + message;
    }

    /**
     * CloudWatch tells a missing parameter from a wrong one, and has errors of their own for a NextToken it did not
     * give and for StateReasonData that is not JSON.
     */
    private static AwsError cloudWatchBadRequest(final String field, final String reason) {
        if (REQUIRED.equals(reason)) {
            return AwsError.of("MissingRequiredParameterException", "MissingParameter", 400,
                "The parameter " + field + " is required.");
        }
        return switch (field == null ? "" : field) {
            case "NextToken" -> AwsError.of("InvalidNextToken", 400, described(field, reason));
            case "StateReasonData" -> AwsError.of("InvalidFormatFault", "InvalidFormat", 400, described(field, reason));
            default -> AwsError.of("InvalidParameterValueException", "InvalidParameterValue", 400,
                described(field, reason));
        };
    }

    /** CloudTrail names the parameter in the error's type. */
    private static AwsError cloudTrailBadRequest(final String field, final String reason) {
        final String message = described(field, reason);
        final String shape = switch (field == null ? "" : field) {
            case "LookupAttributes", "lookupAttributes" -> "InvalidLookupAttributesException";
            case "StartTime", "EndTime", "startTime", "endTime" -> "InvalidTimeRangeException";
            case "MaxResults", "maxResults" -> "InvalidMaxResultsException";
            case "NextToken", "nextToken" -> "InvalidNextTokenException";
            case "EventCategory", "eventCategory" -> "InvalidEventCategoryException";
            // the value of a lookup attribute, named by its key (the /v1 API's parameter)
            default -> field != null && LookupAttribute.byKey(field).isPresent() ? "InvalidLookupAttributesException"
                : "InvalidParameterException";
        };
        return AwsError.of(shape, 400, message);
    }

    private static java.util.function.Function<RuntimeException, Optional<AwsError>> translator(
        final BiFunction<String, String, AwsError> badRequest, final String notFoundShape,
        final String notFoundCode) {
        return e -> {
            if (e instanceof ApiErrors.BadRequest bad) {
                return Optional.of(badRequest.apply(bad.field(), bad.getMessage()));
            }
            if (e instanceof InvalidRecordException invalid) {
                return Optional.of(badRequest.apply(invalid.field(), invalid.reason()));
            }
            if (e instanceof ApiErrors.NotFound missing) {
                return Optional.of(AwsError.of(notFoundShape, notFoundCode, 404, missing.getMessage()));
            }
            if (e instanceof InstanceRouter.UnavailableException || e instanceof InvalidStateStoreException) {
                return Optional.of(AwsError.of("ServiceUnavailableException", "ServiceUnavailable", 503,
                    "The service is restoring or rebalancing its state; retry: " + e.getMessage()));
            }
            return Optional.empty();
        };
    }
}
