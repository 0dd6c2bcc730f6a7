package io.trailwatch.identity.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trailwatch.identity.AccessKey;
import java.time.Instant;

/** An access key as kept on the identity topic: its metadata and its secret, sealed by {@code SecretCipher}. */
public record StoredAccessKey(
    @JsonProperty("UserName") String userName,
    @JsonProperty("AccessKeyId") String accessKeyId,
    @JsonProperty("Status") String status,
    @JsonProperty("CreateDate") Instant createDate,
    @JsonProperty("SealedSecretAccessKey") String sealedSecret) {

    public static StoredAccessKey of(final AccessKey key, final String sealedSecret) {
        return new StoredAccessKey(key.userName(), key.accessKeyId(), key.status(), key.createDate(), sealedSecret);
    }

    @JsonIgnore
    public AccessKey key() {
        return new AccessKey(userName, accessKeyId, status, createDate);
    }

    public StoredAccessKey withStatus(final String newStatus) {
        return new StoredAccessKey(userName, accessKeyId, newStatus, createDate, sealedSecret);
    }

    @Override
    public String toString() {
        return "StoredAccessKey[" + key() + "]";
    }
}
