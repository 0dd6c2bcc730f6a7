package io.trailwatch.processors.common;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Finds which instance holds a key of a state store, and asks other instances over HTTP, so a query sent to any
 * instance is answered whole (Kafka Streams interactive queries; instances advertise {@code application.server}).
 * The one place where queries cross instances: a query of one key goes to its owner ({@link #fromOwner}); a query of
 * all keys asks every other instance at once ({@link #fromOthers}) while this one answers its own part.
 */
public final class InstanceRouter {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KafkaStreams streams;
    private final HostInfo self;
    private volatile HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile String scheme = "http";
    /** Daemon threads: a call in flight never holds the process open; idle threads end after a minute. */
    private final ExecutorService fanOut = Executors.newCachedThreadPool(task -> {
        final Thread thread = new Thread(task, "trailwatch-query-fanout");
        thread.setDaemon(true);
        return thread;
    });
    private volatile BiFunction<String, String, Map<String, String>> credentials = (method, pathAndQuery) -> Map.of();

    public InstanceRouter(final KafkaStreams streams, final HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    /**
     * How this instance proves to the others that a forwarded call comes from the deployment: headers for a request
     * of the method (GET or POST) to the path and query (the HTTP API's access control verifies them).
     */
    public void authenticateWith(final BiFunction<String, String, Map<String, String>> headers) {
        this.credentials = headers;
    }

    /**
     * Asks the other instances over HTTPS, trusting the servers the context trusts: the instances of a deployment
     * that serves its API over HTTPS only.
     */
    public void overHttps(final SSLContext tls) {
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).sslContext(tls).build();
        this.scheme = "https";
    }

    public HostInfo self() {
        return self;
    }

    /** The instance that holds the key's partition of the store, or empty when it is this one. */
    public <K> Optional<HostInfo> remoteOwner(final String store, final K key, final Serializer<K> keySerializer) {
        return remote(store, streams.queryMetadataForKey(store, key, keySerializer));
    }

    /** As {@link #remoteOwner(String, Object, Serializer)}, for a store whose keys a partitioner places. */
    public <K> Optional<HostInfo> remoteOwner(final String store, final K key,
                                              final StreamPartitioner<? super K, ?> partitioner) {
        return remote(store, streams.queryMetadataForKey(store, key, partitioner));
    }

    /** The instance that holds the key's partition of the store, this one included. */
    public HostInfo owner(final String store, final String key, final Serializer<String> keySerializer) {
        return remoteOwner(store, key, keySerializer).orElse(self);
    }

    /**
     * The partitions of {@code topic} that some instance serves the store's tasks of now: those missing from it are
     * starting, restoring or moving, and a read over every partition must not answer without them.
     */
    public Set<Integer> servedPartitions(final String store, final String topic) {
        final Set<Integer> served = new TreeSet<>();
        for (final StreamsMetadata instance : streams.streamsMetadataForStore(store)) {
            instance.topicPartitions().stream().filter(partition -> partition.topic().equals(topic))
                .forEach(partition -> served.add(partition.partition()));
        }
        return served;
    }

    private Optional<HostInfo> remote(final String store, final KeyQueryMetadata metadata) {
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw new UnavailableException("store " + store + " is not available yet (starting or rebalancing)");
        }
        return isSelf(metadata.activeHost()) ? Optional.empty() : Optional.of(metadata.activeHost());
    }

    /** The other instances that hold partitions of the store: whom to ask for a query over all keys. */
    public List<HostInfo> otherInstances(final String store) {
        return streams.streamsMetadataForStore(store).stream().map(StreamsMetadata::hostInfo)
            .filter(host -> !isSelf(host)).distinct().toList();
    }

    /**
     * Every other instance of the application, whether or not it holds partitions: whom to ask for what each instance
     * keeps in memory rather than in a store (Logs Insights' queries, held by the instance that started them).
     */
    public List<HostInfo> otherInstances() {
        return streams.metadataForAllStreamsClients().stream().map(StreamsMetadata::hostInfo)
            .filter(host -> !isSelf(host)).distinct().toList();
    }

    /**
     * The owner's answer to a query of one key, when another instance owns it; empty when this one does (answer it
     * locally).
     *
     * @param pathAndQuery the owner's route for the query, asking for its local answer
     */
    public <K> Optional<String> fromOwner(final String store, final K key, final Serializer<K> keySerializer,
                                          final String pathAndQuery) {
        return remoteOwner(store, key, keySerializer).map(owner -> get(owner, pathAndQuery));
    }

    /**
     * Asks every other instance holding partitions of the store, all at once; join the answers after answering the
     * local part ({@link #joined}).
     *
     * @param pathAndQuery each instance's route for its local answer
     * @param parse        reads one instance's answer (its host, for messages, and its body)
     */
    public <T> List<CompletableFuture<T>> fromOthers(final String store, final String pathAndQuery,
                                                    final BiFunction<HostInfo, String, T> parse) {
        return fromOthers(store, pathAndQuery, parse, TIMEOUT);
    }

    /** As {@link #fromOthers(String, String, BiFunction)}, for answers that take long (a Logs Insights scan). */
    public <T> List<CompletableFuture<T>> fromOthers(final String store, final String pathAndQuery,
                                                    final BiFunction<HostInfo, String, T> parse,
                                                    final Duration timeout) {
        return ask(otherInstances(store), pathAndQuery, parse, timeout);
    }

    /** As {@link #fromOthers(String, String, BiFunction)}, asking every other instance ({@link #otherInstances()}). */
    public <T> List<CompletableFuture<T>> fromAllOthers(final String pathAndQuery,
                                                       final BiFunction<HostInfo, String, T> parse) {
        return ask(otherInstances(), pathAndQuery, parse, TIMEOUT);
    }

    private <T> List<CompletableFuture<T>> ask(final List<HostInfo> hosts, final String pathAndQuery,
                                               final BiFunction<HostInfo, String, T> parse, final Duration timeout) {
        return hosts.stream()
            .map(host -> CompletableFuture.supplyAsync(() -> parse.apply(host, get(host, pathAndQuery, timeout)),
                fanOut))
            .toList();
    }

    /** The answers {@link #fromOthers} asked for, in order; the first failure is thrown as it was raised. */
    public static <T> List<T> joined(final List<CompletableFuture<T>> answers) {
        final List<T> joined = new ArrayList<>(answers.size());
        for (final CompletableFuture<T> answer : answers) {
            try {
                joined.add(answer.join());
            } catch (final CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }
        return joined;
    }

    /** GETs a path (with query string) from another instance and returns the body of its 200 answer. */
    public String get(final HostInfo host, final String pathAndQuery) {
        return get(host, pathAndQuery, TIMEOUT);
    }

    /**
     * POSTs to a path (with query string, and no body) of another instance, for a call that changes something
     * there (stopping a query it runs), and returns the body of its 200 answer.
     */
    public String post(final HostInfo host, final String pathAndQuery) {
        return send(host, "POST", pathAndQuery, TIMEOUT);
    }

    private String get(final HostInfo host, final String pathAndQuery, final Duration timeout) {
        return send(host, "GET", pathAndQuery, timeout);
    }

    private String send(final HostInfo host, final String method, final String pathAndQuery, final Duration timeout) {
        final URI uri = URI.create(scheme + "://" + host.host() + ":" + host.port() + pathAndQuery);
        try {
            final HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody());
            credentials.apply(method, pathAndQuery).forEach(request::header);
            final HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new UnavailableException("instance " + host + " answered HTTP " + response.statusCode() + " for "
                    + pathAndQuery + ": " + response.body());
            }
            return response.body();
        } catch (final IOException e) {
            throw new UnavailableException("instance " + host + " unreachable: " + e.getMessage());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted asking " + host);
        }
    }

    private boolean isSelf(final HostInfo host) {
        return host.port() == self.port() && (host.host().equalsIgnoreCase(self.host())
            || isLocalhost(host.host()) && isLocalhost(self.host()));
    }

    /**
     * The names of this machine's one default loopback address. Not all of 127/8: instances on one machine may
     * listen on 127.0.0.2, 127.0.0.3, ... with the same port, and each is another instance.
     */
    private static boolean isLocalhost(final String host) {
        return "localhost".equalsIgnoreCase(host) || "127.0.0.1".equals(host);
    }

    /** A query cannot be answered now; the client should retry (HTTP 503). */
    public static final class UnavailableException extends RuntimeException {
        public UnavailableException(final String message) {
            super(message);
        }
    }
}
