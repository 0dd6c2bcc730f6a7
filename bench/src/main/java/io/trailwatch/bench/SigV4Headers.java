package io.trailwatch.bench;

import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The signature headers of a GET, made by the AWS SDK's own SigV4 signer with the same properties as the CLI's
 * {@code RequestSigner} (empty payload, service and region given), for clients that are not {@code java.net.http}
 * ones: the lookup benchmark's {@link java.net.HttpURLConnection}s, whose work stays on their own threads.
 */
final class SigV4Headers {

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final AwsCredentialsIdentity identity;
    private final String service;
    private final String region;

    SigV4Headers(final String accessKeyId, final String secretAccessKey, final String service, final String region) {
        this.identity = AwsCredentialsIdentity.create(accessKeyId, secretAccessKey);
        this.service = service;
        this.region = region;
    }

    /** Every header of the signed request, {@code Host} included (a client that sets Host itself skips it). */
    Map<String, List<String>> sign(final URI uri) {
        final SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri).build();
        final SignedRequest signed = SIGNER.sign(r -> r
            .identity(identity)
            .request(unsigned)
            .payload(ContentStreamProvider.fromByteArray(new byte[0]))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
            .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        return signed.request().headers();
    }
}
