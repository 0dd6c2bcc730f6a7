package io.trailwatch.app.cli;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs the CLI's calls with AWS Signature Version 4, using the AWS SDK's own signer, exactly as an AWS SDK signs
 * a call to an AWS service: the Trailwatch API verifies them as AWS does.
 */
public final class RequestSigner {

    /** Headers java.net.http sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final CallerCredentials credentials;
    private final String service;
    private final String region;

    public RequestSigner(final CallerCredentials credentials, final String service, final String region) {
        this.credentials = credentials;
        this.service = service;
        this.region = region;
    }

    /** The request with its signature headers added. */
    public HttpRequest.Builder sign(final HttpRequest.Builder request, final String method, final URI uri,
                             final Map<String, String> headers, final String body) {
        final SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(unsigned::putHeader);
        final byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        final SignedRequest signed = SIGNER.sign(r -> r
            .identity(AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey()))
            .request(unsigned.build())
            .payload(ContentStreamProvider.fromByteArray(payload))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
            .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        for (final Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            if (!RESTRICTED.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))
                && !headers.containsKey(header.getKey())) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        return request;
    }
}
