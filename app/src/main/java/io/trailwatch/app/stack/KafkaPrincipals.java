package io.trailwatch.app.stack;

import io.trailwatch.identity.IdentityService;
import io.trailwatch.identity.Principal;
import io.trailwatch.schemas.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trailwatch's access keys as Kafka principals on a secured cluster: each active key is a SCRAM-SHA-512 user
 * (username the key id, password its secret), with ACLs derived from its user's IAM policies, so the key that
 * signs API calls also authenticates producers and consumers, and a policy decides both.
 * <ul>
 *   <li>{@code cloudtrail-data:PutAuditEvents}: write {@code trailwatch.audit} (and transactional ids
 *       {@code trailwatch-cli-publish-*}, for {@code trailwatch publish audit}'s single transaction);</li>
 *   <li>{@code cloudwatch:PutMetricData}: write {@code trailwatch.metrics}; {@code logs:PutLogEvents}: write
 *       {@code trailwatch.logs};</li>
 *   <li>{@code cloudwatch:DescribeAlarms}: read {@code trailwatch.alarms}; {@code cloudtrail:LookupEvents}: read
 *       {@code trailwatch.audit}; either also lets consumer groups named {@code <user name>-...} commit;</li>
 *   <li>{@code kafka-cluster:*} (AdministratorAccess): everything but reading {@code trailwatch.config}, which
 *       holds the secrets of EventBridge connections and subscription endpoints (a DENY, which only Trailwatch's
 *       own super user passes).</li>
 * </ul>
 * Every instance reconciles the same state every few seconds (idempotent); keys deleted or deactivated lose
 * their credential and ACLs at the next pass. Only principals named like access keys ({@code User:AKIA...}) are
 * managed: ACLs an operator made for other principals are left alone.
 */
public final class KafkaPrincipals implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPrincipals.class);
    private static final String MANAGED_PREFIX = "AKIA";
    /** Kafka's default iteration count. */
    private static final int SCRAM_ITERATIONS = 4096;
    private static final long PASS_SECONDS = 5;

    private final Admin admin;
    private final IdentityService identities;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "trailwatch-kafka-principals");
        thread.setDaemon(true);
        return thread;
    });
    /** Key ids whose credential this instance has set since it started (secrets never change for a key id). */
    private final Set<String> credentialed = new HashSet<>();

    public KafkaPrincipals(final Admin admin, final IdentityService identities) {
        this.admin = admin;
        this.identities = identities;
    }

    /** Reconciles now (so the administrator's key works when {@code up} reports ready), then every few seconds. */
    public KafkaPrincipals start() {
        reconcile();
        scheduler.scheduleWithFixedDelay(this::reconcileQuietly, PASS_SECONDS, PASS_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (final RuntimeException e) {
            LOG.warn("Could not bring Kafka's users and ACLs in line with Trailwatch's keys (retrying): {}",
                e.toString());
        }
    }

    /** One pass: credentials, then ACLs. */
    public synchronized void reconcile() {
        final List<Principal> principals = identities.activeKeyPrincipals();
        try {
            credentials(principals);
            acls(principals);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka refused a change of users or ACLs: " + e.getMessage(), e);
        }
    }

    private void credentials(final List<Principal> principals) throws InterruptedException,
        java.util.concurrent.ExecutionException, TimeoutException {
        final Set<String> existing = admin.describeUserScramCredentials().users().get(30, TimeUnit.SECONDS)
            .stream().collect(Collectors.toSet());
        final Set<String> wanted = principals.stream().map(Principal::accessKeyId).collect(Collectors.toSet());
        final List<UserScramCredentialAlteration> changes = new ArrayList<>();
        for (final Principal principal : principals) {
            if (!existing.contains(principal.accessKeyId()) || !credentialed.contains(principal.accessKeyId())) {
                final Optional<String> secret = identities.secretFor(principal.accessKeyId());
                secret.ifPresent(value -> changes.add(new UserScramCredentialUpsertion(principal.accessKeyId(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), value)));
            }
        }
        for (final String user : existing) {
            if (user.startsWith(MANAGED_PREFIX) && !wanted.contains(user)) {
                changes.add(new UserScramCredentialDeletion(user, ScramMechanism.SCRAM_SHA_512));
            }
        }
        if (!changes.isEmpty()) {
            admin.alterUserScramCredentials(changes).all().get(30, TimeUnit.SECONDS);
            changes.stream().filter(UserScramCredentialUpsertion.class::isInstance)
                .forEach(change -> credentialed.add(change.user()));
            changes.stream().filter(UserScramCredentialDeletion.class::isInstance)
                .forEach(change -> credentialed.remove(change.user()));
        }
    }

    private void acls(final List<Principal> principals) throws InterruptedException,
        java.util.concurrent.ExecutionException, TimeoutException {
        final Set<AclBinding> wanted = new HashSet<>();
        principals.forEach(principal -> wanted.addAll(bindings(principal)));
        final Set<AclBinding> existing = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)
            .stream().filter(binding -> binding.entry().principal().startsWith("User:" + MANAGED_PREFIX))
            .collect(Collectors.toSet());
        final List<AclBinding> missing = wanted.stream().filter(binding -> !existing.contains(binding)).toList();
        final List<AclBindingFilter> extra = existing.stream().filter(binding -> !wanted.contains(binding))
            .map(AclBinding::toFilter).toList();
        if (!missing.isEmpty()) {
            admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
        }
        if (!extra.isEmpty()) {
            admin.deleteAcls(extra).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The ACLs a key's policies call for. */
    Set<AclBinding> bindings(final Principal principal) {
        final String user = "User:" + principal.accessKeyId();
        final Set<AclBinding> bindings = new HashSet<>();
        if (allowed(principal, "kafka-cluster:AlterCluster")) {
            for (final ResourceType type : List.of(ResourceType.TOPIC, ResourceType.GROUP,
                ResourceType.TRANSACTIONAL_ID)) {
                bindings.add(allow(user, new ResourcePattern(type, "*", PatternType.LITERAL), AclOperation.ALL));
            }
            bindings.add(allow(user, new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                AclOperation.ALL));
            bindings.add(new AclBinding(topic(Topics.CONFIG.name()), new AccessControlEntry(user, "*",
                AclOperation.READ, AclPermissionType.DENY)));
            return bindings;
        }
        final Map<String, String> writes = Map.of(
            "cloudtrail-data:PutAuditEvents", Topics.AUDIT.name(),
            "cloudwatch:PutMetricData", Topics.METRICS.name(),
            "logs:PutLogEvents", Topics.LOGS.name(),
            "events:PutEvents", Topics.EVENTS.name());
        writes.forEach((action, topic) -> {
            if (allowed(principal, action)) {
                bindings.add(allow(user, topic(topic), AclOperation.WRITE));
                bindings.add(allow(user, topic(topic), AclOperation.DESCRIBE));
            }
        });
        if (allowed(principal, "cloudtrail-data:PutAuditEvents")) {
            final ResourcePattern transactions = new ResourcePattern(ResourceType.TRANSACTIONAL_ID,
                "trailwatch-cli-publish-", PatternType.PREFIXED);
            bindings.add(allow(user, transactions, AclOperation.WRITE));
            bindings.add(allow(user, transactions, AclOperation.DESCRIBE));
        }
        final Map<String, String> reads = Map.of(
            "cloudwatch:DescribeAlarms", Topics.ALARMS.name(),
            "cloudtrail:LookupEvents", Topics.AUDIT.name());
        reads.forEach((action, topic) -> {
            if (allowed(principal, action)) {
                bindings.add(allow(user, topic(topic), AclOperation.READ));
                bindings.add(allow(user, topic(topic), AclOperation.DESCRIBE));
                bindings.add(allow(user, new ResourcePattern(ResourceType.GROUP, principal.userName() + "-",
                    PatternType.PREFIXED), AclOperation.READ));
            }
        });
        return bindings;
    }

    private boolean allowed(final Principal principal, final String action) {
        return identities.authorize(principal, action, "*").allowed();
    }

    private static ResourcePattern topic(final String name) {
        return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
    }

    private static AclBinding allow(final String principal, final ResourcePattern resource,
                                    final AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
