package io.trailwatch.sinks.archive.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link ObjectStore} over the AWS SDK for Java v2. */
public final class S3ObjectStore implements ObjectStore {

    private static final int PRECONDITION_FAILED = 412;
    /** Returned by some servers when a conditional write races another one on the same key. */
    private static final int CONFLICT = 409;

    private final S3Client s3;
    private final String bucket;

    public S3ObjectStore(final S3Client s3, final String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public static S3ObjectStore open(final S3Settings settings) {
        return new S3ObjectStore(settings.client(), settings.bucket());
    }

    /** Creates the bucket unless it exists (the local stack's and the tests' convenience). */
    public void createBucketIfMissing() {
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (final S3Exception missing) {
            if (missing.statusCode() != 404) {
                throw missing;
            }
            s3.createBucket(request -> request.bucket(bucket));
        }
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public boolean putIfAbsent(final String key, final byte[] body, final Map<String, String> metadata) {
        try {
            s3.putObject(request(key, metadata).ifNoneMatch("*").build(), RequestBody.fromBytes(body));
            return true;
        } catch (final S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == CONFLICT) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void put(final String key, final byte[] body, final Map<String, String> metadata) {
        s3.putObject(request(key, metadata).build(), RequestBody.fromBytes(body));
    }

    private PutObjectRequest.Builder request(final String key, final Map<String, String> metadata) {
        return PutObjectRequest.builder().bucket(bucket).key(key).metadata(metadata);
    }

    @Override
    public Optional<StoredObject> get(final String key) {
        try {
            final ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(request -> request.bucket(bucket).key(key));
            return Optional.of(new StoredObject(key, object.asByteArray(), object.response().metadata(),
                object.response().lastModified()));
        } catch (final NoSuchKeyException e) {
            return Optional.empty();
        } catch (final S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<ObjectSummary> list(final String prefix, final String startAfter, final int maxKeys) {
        final List<ObjectSummary> summaries = new ArrayList<>();
        String token = null;
        // A server may answer a truncated page with fewer keys than asked: follow it, so that a short list always
        // means the end (what callers rely on).
        do {
            final ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                .maxKeys(maxKeys - summaries.size());
            if (token != null) {
                request.continuationToken(token);
            } else if (startAfter != null) {
                request.startAfter(startAfter);
            }
            final ListObjectsV2Response page = s3.listObjectsV2(request.build());
            page.contents().forEach(object -> summaries.add(new ObjectSummary(object.key(), object.lastModified(),
                object.size())));
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null && summaries.size() < maxKeys);
        return summaries;
    }

    @Override
    public List<String> childPrefixes(final String prefix) {
        final List<String> children = new ArrayList<>();
        String token = null;
        do {
            final ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                .delimiter("/");
            if (token != null) {
                request.continuationToken(token);
            }
            final ListObjectsV2Response page = s3.listObjectsV2(request.build());
            page.commonPrefixes().stream().map(CommonPrefix::prefix).forEach(children::add);
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return children;
    }

    @Override
    public void delete(final String key) {
        s3.deleteObject(request -> request.bucket(bucket).key(key));
    }

    @Override
    public void close() {
        s3.close();
    }
}
