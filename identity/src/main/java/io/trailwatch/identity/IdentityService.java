package io.trailwatch.identity;

import io.trailwatch.identity.internals.SecretCipher;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.identity.policy.PolicyDocument;
import io.trailwatch.identity.policy.Decision;
import io.trailwatch.identity.policy.PolicyEvaluator;
import io.trailwatch.identity.sigv4.SecretLookup;
import io.trailwatch.identity.store.IdentityRepository;
import io.trailwatch.identity.store.StoredAccessKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Trailwatch's users, access keys and policies, with IAM's rules and error codes: the one service every front end
 * (the /v1 API, the CLI, the AWS IAM protocol later) manages identities through, and the one place that decides
 * who a caller is ({@link #principal}) and what it may do ({@link #authorize}).
 */
public final class IdentityService implements SecretLookup {

    /** IAM's limit of access keys per user. */
    public static final int ACCESS_KEYS_PER_USER = 2;
    /** IAM's limit of managed policies attached to one user. */
    public static final int ATTACHED_POLICIES_PER_USER = 20;
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");

    private final IdentityRepository repository;
    private final SecretCipher cipher;
    private final String accountId;
    private final Clock clock;
    private final AccessKeyGenerator generator = new AccessKeyGenerator();
    /** Parsed policies per user, rebuilt when the user's document changes (a lookup per request must be cheap). */
    private final Map<String, CachedPolicies> policyCache = new ConcurrentHashMap<>();

    public IdentityService(final IdentityRepository repository, final IdentityKey key, final String accountId,
                           final Clock clock) {
        this.repository = repository;
        this.cipher = new SecretCipher(key.derive("access-key-secrets"));
        this.accountId = accountId;
        this.clock = clock;
    }

    public String accountId() {
        return accountId;
    }

    /** Whether no user exists yet: a new deployment, which {@code trailwatch up} gives an administrator. */
    public boolean hasNoUsers() {
        return repository.users().isEmpty();
    }

    // ---- users

    public User createUser(final String userName) {
        validateName("UserName", userName, 64);
        if (repository.user(userName).isPresent()) {
            throw IdentityException.conflict("EntityAlreadyExists", "User with name " + userName + " already exists.");
        }
        final User user = new User(userName, generator.newUserId(), userArn(userName), now(), Map.of(), List.of());
        repository.put(user);
        return user;
    }

    public User getUser(final String userName) {
        return existingUser(userName);
    }

    public Collection<User> listUsers() {
        return repository.users();
    }

    /** As IAM: refused while the user still has access keys or policies. */
    public void deleteUser(final String userName) {
        final User user = existingUser(userName);
        if (!repository.accessKeysOf(userName).isEmpty()) {
            throw IdentityException.conflict("DeleteConflict", "Cannot delete entity, must delete access keys first.");
        }
        if (!user.inlinePolicies().isEmpty() || !user.attachedPolicyArns().isEmpty()) {
            throw IdentityException.conflict("DeleteConflict",
                "Cannot delete entity, must delete policies first.");
        }
        repository.deleteUser(userName);
    }

    // ---- access keys

    public NewAccessKey createAccessKey(final String userName) {
        existingUser(userName);
        if (repository.accessKeysOf(userName).size() >= ACCESS_KEYS_PER_USER) {
            throw IdentityException.conflict("LimitExceeded",
                "Cannot exceed quota for AccessKeysPerUser: " + ACCESS_KEYS_PER_USER);
        }
        final AccessKey key = new AccessKey(userName, generator.newAccessKeyId(), AccessKey.ACTIVE, now());
        final String secret = generator.newSecretAccessKey();
        repository.put(StoredAccessKey.of(key, cipher.encrypt(secret, key.accessKeyId())));
        return new NewAccessKey(key, secret);
    }

    public List<AccessKey> listAccessKeys(final String userName) {
        existingUser(userName);
        return repository.accessKeysOf(userName).stream().map(StoredAccessKey::key).toList();
    }

    public void updateAccessKey(final String userName, final String accessKeyId, final String status) {
        if (!AccessKey.ACTIVE.equals(status) && !AccessKey.INACTIVE.equals(status)) {
            throw IdentityException.invalid("Status must be Active or Inactive");
        }
        repository.put(existingKey(userName, accessKeyId).withStatus(status));
    }

    public void deleteAccessKey(final String userName, final String accessKeyId) {
        existingKey(userName, accessKeyId);
        repository.deleteAccessKey(accessKeyId);
    }

    private StoredAccessKey existingKey(final String userName, final String accessKeyId) {
        existingUser(userName);
        return repository.accessKey(accessKeyId).filter(key -> key.userName().equals(userName))
            .orElseThrow(() -> IdentityException.noSuchEntity("The Access Key with id " + accessKeyId
                + " cannot be found."));
    }

    // ---- policies

    public void putUserPolicy(final String userName, final String policyName, final String document) {
        validateName("PolicyName", policyName, 128);
        final PolicyDocument parsed = parsePolicy(document);
        repository.put(existingUser(userName).withInlinePolicy(policyName, parsed.json()));
    }

    public String getUserPolicy(final String userName, final String policyName) {
        final String document = existingUser(userName).inlinePolicies().get(policyName);
        if (document == null) {
            throw IdentityException.noSuchEntity("The user policy with name " + policyName + " cannot be found.");
        }
        return document;
    }

    public List<String> listUserPolicies(final String userName) {
        return List.copyOf(existingUser(userName).inlinePolicies().keySet());
    }

    public void deleteUserPolicy(final String userName, final String policyName) {
        getUserPolicy(userName, policyName);
        repository.put(existingUser(userName).withInlinePolicy(policyName, null));
    }

    public void attachUserPolicy(final String userName, final String policyArn) {
        final User user = existingUser(userName);
        if (ManagedPolicies.byArn(policyArn).isEmpty()) {
            throw IdentityException.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable.");
        }
        if (user.attachedPolicyArns().contains(policyArn)) {
            return;
        }
        if (user.attachedPolicyArns().size() >= ATTACHED_POLICIES_PER_USER) {
            throw IdentityException.conflict("LimitExceeded",
                "Cannot exceed quota for PoliciesPerUser: " + ATTACHED_POLICIES_PER_USER);
        }
        final List<String> arns = new ArrayList<>(user.attachedPolicyArns());
        arns.add(policyArn);
        repository.put(user.withAttachedPolicies(arns));
    }

    public void detachUserPolicy(final String userName, final String policyArn) {
        final User user = existingUser(userName);
        if (!user.attachedPolicyArns().contains(policyArn)) {
            throw IdentityException.noSuchEntity("Policy " + policyArn + " was not found.");
        }
        final List<String> arns = new ArrayList<>(user.attachedPolicyArns());
        arns.remove(policyArn);
        repository.put(user.withAttachedPolicies(arns));
    }

    public List<String> listAttachedUserPolicies(final String userName) {
        return existingUser(userName).attachedPolicyArns();
    }

    // ---- authentication and authorization

    /** The secret of an active key, for signature verification; empty for unknown or inactive keys. */
    @Override
    public Optional<String> secretFor(final String accessKeyId) {
        Optional<StoredAccessKey> key = repository.accessKey(accessKeyId);
        if (key.isEmpty()) {
            // Perhaps created a moment ago on another instance (IAM is eventually consistent; this need not be).
            repository.catchUp();
            key = repository.accessKey(accessKeyId);
        }
        return key.filter(found -> found.key().active()).map(found -> cipher.decrypt(found.sealedSecret(),
            accessKeyId));
    }

    /** Every active key of every user, each with its principal: what the Kafka principals are made from. */
    public List<Principal> activeKeyPrincipals() {
        final List<Principal> principals = new ArrayList<>();
        for (final User user : repository.users()) {
            for (final StoredAccessKey key : repository.accessKeysOf(user.userName())) {
                if (key.key().active()) {
                    principal(key.accessKeyId()).ifPresent(principals::add);
                }
            }
        }
        return principals;
    }

    /** Who signs with the key: its user and the user's policies; empty when the key or user is gone or inactive. */
    public Optional<Principal> principal(final String accessKeyId) {
        if (repository.accessKey(accessKeyId).isEmpty()) {
            // A console session made on another instance a moment ago names a key this one may not have read yet.
            repository.catchUp();
        }
        return repository.accessKey(accessKeyId).filter(key -> key.key().active())
            .flatMap(key -> repository.user(key.userName()))
            .map(user -> new Principal(Principal.IAM_USER, user.userName(), user.userId(), user.arn(), accountId,
                accessKeyId, policiesOf(user)));
    }

    /** IAM's decision for the call; another instance forwarding a query is allowed reads only. */
    public Decision authorize(final Principal principal, final String action, final String resource) {
        if (principal.isInstance()) {
            return Decision.IMPLICIT_DENY;
        }
        return PolicyEvaluator.evaluate(principal.policies(), action, resource);
    }

    private List<PolicyDocument> policiesOf(final User user) {
        final CachedPolicies cached = policyCache.get(user.userName());
        if (cached != null && cached.user().equals(user)) {
            return cached.policies();
        }
        final List<PolicyDocument> policies = new ArrayList<>();
        user.attachedPolicyArns().forEach(arn -> ManagedPolicies.byArn(arn).ifPresent(policies::add));
        user.inlinePolicies().values().forEach(document -> policies.add(PolicyDocument.parse(document)));
        policyCache.put(user.userName(), new CachedPolicies(user, List.copyOf(policies)));
        return policies;
    }

    private record CachedPolicies(User user, List<PolicyDocument> policies) { }

    // ---- helpers

    public String userArn(final String userName) {
        return "arn:aws:iam::" + accountId + ":user/" + userName;
    }

    private User existingUser(final String userName) {
        if (userName == null || userName.isEmpty()) {
            throw IdentityException.invalid("UserName is required");
        }
        return repository.user(userName).orElseThrow(() -> IdentityException.noSuchEntity(
            "The user with name " + userName + " cannot be found."));
    }

    private static PolicyDocument parsePolicy(final String document) {
        if (document == null || document.isBlank()) {
            throw new IdentityException("MalformedPolicyDocument", 400, "PolicyDocument is required");
        }
        try {
            return PolicyDocument.parse(document);
        } catch (final RuntimeException malformed) {
            throw new IdentityException("MalformedPolicyDocument", 400, malformed.getMessage());
        }
    }

    private static void validateName(final String field, final String value, final int max) {
        if (value == null || value.isEmpty() || value.length() > max || !NAME.matcher(value).matches()) {
            throw IdentityException.invalid("1 validation error detected: Value at '" + field
                + "' failed to satisfy constraint: Member must have length between 1 and " + max
                + " and match the pattern [\\w+=,.@-]+");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
