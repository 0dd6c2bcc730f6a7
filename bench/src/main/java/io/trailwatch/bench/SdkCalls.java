package io.trailwatch.bench;

import io.trailwatch.identity.NewAccessKey;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/** An ingest workload's AWS side: one SDK client per client thread, each call one of the prepared requests. */
final class SdkCalls<C, R> {

    private final Supplier<C> newClient;
    private final List<R> requests;
    private final BiConsumer<C, R> call;
    private final List<C> clients = new ArrayList<>();

    SdkCalls(final Supplier<C> newClient, final List<R> requests, final BiConsumer<C, R> call) {
        this.newClient = newClient;
        this.requests = List.copyOf(requests);
        this.call = call;
    }

    /** A client of Trailwatch's endpoint, signing with the key, no retries hidden in the figures. */
    static <B extends AwsClientBuilder<B, C>, C> C client(final B builder, final String endpoint,
                                                         final NewAccessKey key) {
        return builder.endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.key().accessKeyId(),
                key.secretAccessKey())))
            .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60))).build();
    }

    IngestWorkload.Call call() {
        return thread -> call.accept(client(thread), requests.get(Math.floorMod(thread + (int) System.nanoTime(),
            requests.size())));
    }

    synchronized C client(final int thread) {
        while (clients.size() <= thread) {
            clients.add(newClient.get());
        }
        return clients.get(thread);
    }
}
