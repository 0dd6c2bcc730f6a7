package io.trailwatch.app.stack;

import io.trailwatch.app.http.access.AccessControl;
import io.trailwatch.app.http.access.HostAllowList;
import io.trailwatch.app.http.access.SelfAudit;
import io.trailwatch.identity.IdentityKey;
import io.trailwatch.identity.IdentityService;
import io.trailwatch.identity.InstanceTokens;
import io.trailwatch.identity.NewAccessKey;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.identity.SharedCredentialsFile;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.identity.store.KafkaIdentityRepository;
import io.trailwatch.processors.common.InstanceRouter;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity and access of one instance: the identity key of the data directory, the users and keys from the
 * identity topic, the self-audit producer and the access control in front of the HTTP API. On a deployment's first
 * start it creates the administrator and writes its key as an AWS shared-credentials file.
 */
public final class IdentityStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityStack.class);
    public static final String ADMINISTRATOR = "admin";

    private final IdentityKey key;
    private final KafkaIdentityRepository repository;
    private final IdentityService identities;
    private final SelfAudit audit;
    private final AccessControl access;
    private final Path createdCredentials;

    /**
     * @param identityKey         the deployment's identity key (every instance holds the same)
     * @param credentialsFile     where a first start writes the administrator's key (null: nowhere, no administrator)
     * @param names               account and region
     * @param hosts               names the API answers to
     * @param auditDataEvents     whether data-plane calls are audited too
     */
    public IdentityStack(final KafkaAccess kafka, final SerdeContext serdes, final IdentityKey identityKey,
                         final Path credentialsFile, final ResourceNames names, final HostAllowList hosts,
                         final boolean auditDataEvents) {
        this.key = identityKey;
        this.repository = new KafkaIdentityRepository(kafka, serdes);
        try {
            if (!repository.awaitLoaded(Duration.ofMinutes(1))) {
                throw new IllegalStateException("the identity topic could not be read within a minute");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted loading identities", e);
        }
        this.identities = new IdentityService(repository, identityKey, names.accountId(), Clock.systemUTC());
        this.createdCredentials = credentialsFile != null && identities.hasNoUsers()
            ? createAdministrator(credentialsFile) : null;
        this.audit = SelfAudit.toKafka(kafka, serdes, auditDataEvents);
        this.access = AccessControl.create(identities, identityKey, names, hosts, audit);
    }

    private Path createAdministrator(final Path credentialsFile) {
        identities.createUser(ADMINISTRATOR);
        identities.attachUserPolicy(ADMINISTRATOR, ManagedPolicies.ADMINISTRATOR_ACCESS);
        final NewAccessKey created = identities.createAccessKey(ADMINISTRATOR);
        try {
            SharedCredentialsFile.write(credentialsFile, SharedCredentialsFile.PROFILE, created);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the administrator's credentials to " + credentialsFile, e);
        }
        LOG.info("Created the administrator {} with access key {}", ADMINISTRATOR, created.key().accessKeyId());
        return credentialsFile;
    }

    /** Lets this instance's forwarded queries through the other instances' access control. */
    public void authenticate(final InstanceRouter router) {
        final InstanceTokens tokens = new InstanceTokens(key, Clock.systemUTC());
        router.authenticateWith((method, pathAndQuery) -> Map.of(InstanceTokens.HEADER,
            tokens.sign(method, pathAndQuery)));
    }

    public IdentityService identities() {
        return identities;
    }

    public AccessControl access() {
        return access;
    }

    /** The credentials file this start created with a new administrator's key, or null. */
    public Path createdCredentials() {
        return createdCredentials;
    }

    /** The names the API answers to, beyond loopback. */
    public static HostAllowList hosts(final String bindHost, final Set<String> extra) {
        return new HostAllowList(bindHost, extra);
    }

    @Override
    public void close() {
        audit.close();
        repository.close();
    }
}
