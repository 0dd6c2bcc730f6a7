package io.trailwatch.identity;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** An access key's metadata, as ListAccessKeys answers: never its secret. */
public record AccessKey(
    @JsonProperty("UserName") String userName,
    @JsonProperty("AccessKeyId") String accessKeyId,
    @JsonProperty("Status") String status,
    @JsonProperty("CreateDate") Instant createDate) {

    public static final String ACTIVE = "Active";
    public static final String INACTIVE = "Inactive";

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
