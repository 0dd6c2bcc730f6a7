package io.trailwatch.app.cloudtraildata;

import io.trailwatch.aws.AwsError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The channel a PutAuditEvents call names ({@code arn:aws:cloudtrail:<region>:<account>:channel/<id>}): where its
 * events come from. Trailwatch keeps no list of channels: every channel of this instance's account and region
 * exists, one of another does not.
 */
record ChannelArn(String arn, String region, String account, String id) {

    private static final Pattern FORM = Pattern.compile(
        "arn:aws[a-z-]*:cloudtrail:([a-z]{2}(?:-[a-z]+)+-\\d):(\\d{12}):channel/([A-Za-z0-9._/-]{1,128})");

    /** The ARN of a channel of this account and region, or the error CloudTrail Data answers. */
    static ChannelArn of(final String arn, final String account, final String region) {
        final Matcher matcher = FORM.matcher(arn);
        if (!matcher.matches()) {
            throw AwsError.of("InvalidChannelARN", 400, "The specified channel ARN is not a valid channel ARN: "
                + "expected arn:aws:cloudtrail:<region>:<account>:channel/<id>.");
        }
        final ChannelArn channel = new ChannelArn(arn, matcher.group(1), matcher.group(2), matcher.group(3));
        if (!channel.account().equals(account) || !channel.region().equals(region)) {
            throw AwsError.of("ChannelNotFound", 404, "The channel could not be found: this Trailwatch has the "
                + "channels of account " + account + " in " + region + ".");
        }
        return channel;
    }
}
