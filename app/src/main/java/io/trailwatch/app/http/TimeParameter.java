package io.trailwatch.app.http;

import io.trailwatch.processors.common.AwsTime;
import java.time.DateTimeException;
import java.time.Instant;

/** A time query parameter, in any form the AWS CLI takes (see {@link AwsTime}); otherwise a 400 that names it. */
public final class TimeParameter {

    private TimeParameter() {
    }

    public static Instant parse(final String parameter, final String text) {
        try {
            return AwsTime.parse(text);
        } catch (final DateTimeException e) {
            throw new ApiErrors.BadRequest(parameter, e.getMessage());
        }
    }
}
