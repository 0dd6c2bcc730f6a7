package io.trailwatch.app;

import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.app.cli.CallerCredentials;
import io.trailwatch.app.cli.RequestSigner;
import io.trailwatch.app.http.access.AccessControl;
import io.trailwatch.app.http.access.HostAllowList;
import io.trailwatch.app.stack.IdentityStack;
import io.trailwatch.identity.IdentityKey;
import io.trailwatch.identity.IdentityService;
import io.trailwatch.identity.NewAccessKey;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.identity.SharedCredentialsFile;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.processors.runtime.TopicSetup;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Identity and access for the integration tests, once per test JVM, as a deployment has it: users and keys on the
 * real identity topic, an administrator whose key is in a credentials file the in-process CLI signs with, and
 * signed HTTP calls for tests that speak to the API directly.
 */
final class TestIdentity {

    static final ResourceNames NAMES = new ResourceNames("000000000000", "us-east-1");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static TestIdentity instance;

    private final IdentityStack stack;
    private final Path keyDir;
    private final IdentityKey key;
    private final Path credentialsFile;
    private final CallerCredentials administrator;

    private TestIdentity(final TestInfrastructure infrastructure) throws IOException {
        TopicSetup.ensure(infrastructure.adminClient(), List.of(Topics.IDENTITY, Topics.AUDIT));
        final Path dir = Files.createTempDirectory("trailwatch-it-identity");
        keyDir = dir;
        key = IdentityKey.loadOrCreate(dir);
        stack = new IdentityStack(KafkaAccess.plaintext(infrastructure.bootstrapServers()), infrastructure.serdeContext(),
            key, null, NAMES,
            new HostAllowList("127.0.0.1", Set.of()), false);
        final NewAccessKey key = newUser(UniqueNames.of("it-admin"), ManagedPolicies.ADMINISTRATOR_ACCESS);
        credentialsFile = dir.resolve("credentials");
        SharedCredentialsFile.write(credentialsFile, SharedCredentialsFile.PROFILE, key);
        administrator = credentials(key);
    }

    static synchronized TestIdentity get() {
        if (instance == null) {
            try {
                instance = new TestIdentity(TestInfrastructure.get());
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance.stack::close));
        }
        return instance;
    }

    /** The credentials file of the administrator, once a test has started identities; else null. */
    static synchronized Path credentialsFileIfStarted() {
        return instance == null ? null : instance.credentialsFile;
    }

    /**
     * Gives a data directory this deployment's identity key, as an operator copies it to every instance: the
     * users and keys on the shared identity topic only decrypt with it.
     */
    void shareKeyWith(final Path dataDir) throws IOException {
        Files.createDirectories(dataDir.resolve("identity"));
        Files.copy(keyDir.resolve(IdentityKey.FILE_NAME), dataDir.resolve("identity").resolve(IdentityKey.FILE_NAME),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The header another instance of the deployment sends with a forwarded GET. */
    String instanceHeader(final String pathAndQuery) {
        return new io.trailwatch.identity.InstanceTokens(key, java.time.Clock.systemUTC()).sign("GET", pathAndQuery);
    }

    AccessControl access() {
        return stack.access();
    }

    IdentityStack stack() {
        return stack;
    }

    IdentityService identities() {
        return stack.identities();
    }

    CallerCredentials administrator() {
        return administrator;
    }

    /** The administrator's key as an AWS shared-credentials file, profile {@code trailwatch}: for AWS's own tools. */
    Path credentialsFile() {
        return credentialsFile;
    }

    /** A new user with a key and, when named, a managed policy attached. */
    NewAccessKey newUser(final String name, final String managedPolicyArn) {
        identities().createUser(name);
        if (managedPolicyArn != null) {
            identities().attachUserPolicy(name, managedPolicyArn);
        }
        return identities().createAccessKey(name);
    }

    static CallerCredentials credentials(final NewAccessKey key) {
        return new CallerCredentials(key.key().accessKeyId(), key.secretAccessKey(), "test");
    }

    /** A call signed with the administrator's key. */
    HttpResponse<String> send(final String method, final String url, final String body) {
        return send(method, url, body, administrator);
    }

    /** A JSON call signed with the key. */
    static HttpResponse<String> send(final String method, final String url, final String body,
                                     final CallerCredentials who) {
        final URI uri = URI.create(url);
        final HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        final Map<String, String> headers = body == null ? Map.of() : Map.of("Content-Type", "application/json");
        headers.forEach(builder::header);
        new RequestSigner(who, AccessControl.SERVICE, NAMES.region()).sign(builder, method, uri, headers, body);
        try {
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
