package io.trailwatch.app.registry;

import io.trailwatch.schemas.serde.AvroSerdeConfig;
import io.trailwatch.schemas.serde.RegistryTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * {@code GET <registry>/subjects} as Trailwatch's serdes would send it: with the registry's credentials (basic or
 * bearer) and trust store, so that a registry which authenticates is probed as it is used, by doctor, by up before it
 * starts and by the health report.
 */
public final class RegistrySubjectsProbe {

    private final HttpClient client;
    private final HttpRequest request;

    /**
     * @param url     the registry's Confluent-compatible URL
     * @param access  its credentials and trust store, under the serde's names ({@link AvroSerdeConfig})
     * @param timeout of connecting and of the answer
     */
    public RegistrySubjectsProbe(final String url, final Map<String, ?> access, final Duration timeout) {
        final Map<String, Object> settings = new HashMap<>(access);
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url);
        final AvroSerdeConfig config = new AvroSerdeConfig(settings);
        final HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        final SSLContext tls = RegistryTls.trusting(config.truststore(), config.truststorePassword());
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
        final HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/subjects"))
            .timeout(timeout).GET();
        if (config.authorization() != null) {
            get.header("Authorization", config.authorization());
        }
        this.request = get.build();
    }

    /** The HTTP status of the answer. */
    public int status() throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
