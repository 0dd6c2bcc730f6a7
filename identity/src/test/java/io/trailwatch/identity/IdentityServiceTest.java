package io.trailwatch.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.trailwatch.identity.policy.Decision;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.identity.policy.PolicyDocument;
import io.trailwatch.identity.store.InMemoryIdentityRepository;
import io.trailwatch.identity.store.StoredAccessKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Users, access keys and policies with IAM's rules and error codes, over an in-memory repository. */
class IdentityServiceTest {

    private static final String ACCOUNT = "123456789012";
    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123Z");
    private static final String ALARM = "arn:aws:cloudwatch:us-east-1:" + ACCOUNT + ":alarm:Prod";
    private static final String ALLOW_ALARMS = """
        {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Action": "cloudwatch:*Alarm*", "Resource": "*"}]}""";
    private static final String DENY_DELETES = """
        {"Version": "2012-10-17",
         "Statement": {"Sid": "NoDeletes", "Effect": "Deny", "Action": "cloudwatch:DeleteAlarms", "Resource": "*"}}""";

    private final InMemoryIdentityRepository repository = new InMemoryIdentityRepository();
    private final IdentityKey identityKey = IdentityKey.random();
    private final IdentityService identities = new IdentityService(repository, identityKey, ACCOUNT,
        Clock.fixed(NOW, ZoneOffset.UTC));

    @Nested
    class Users {

        @Test
        void aNewUserHasIamsShapeAndIsReadBack() {
            assertThat(identities.hasNoUsers()).isTrue();

            final User alice = identities.createUser("alice");

            assertThat(alice.userName()).isEqualTo("alice");
            assertThat(alice.arn()).isEqualTo("arn:aws:iam::123456789012:user/alice");
            assertThat(alice.userId()).matches("AIDA[A-Z2-7]{17}");
            assertThat(alice.createDate()).isEqualTo(Instant.parse("2026-03-01T10:15:30Z"));
            assertThat(alice.inlinePolicies()).isEmpty();
            assertThat(alice.attachedPolicyArns()).isEmpty();
            assertThat(identities.getUser("alice")).isEqualTo(alice);
            assertThat(identities.listUsers()).containsExactly(alice);
            assertThat(identities.hasNoUsers()).isFalse();
        }

        @Test
        void creatingAUserTwiceIsEntityAlreadyExistsAndKeepsTheFirst() {
            final User first = identities.createUser("alice");

            final IdentityException refused = refused(() -> identities.createUser("alice"));

            assertThat(refused.code()).isEqualTo("EntityAlreadyExists");
            assertThat(refused.httpStatus()).isEqualTo(409);
            assertThat(identities.getUser("alice")).isEqualTo(first);
            assertThat(identities.listUsers()).hasSize(1);
        }

        static Stream<String> invalidUserNames() {
            return Stream.of(null, "", "a".repeat(65), "x".repeat(64) + "y", "alice smith", " alice", "team/alice",
                "alice/", "/", "alice\n", "al:ice", "*", "älice");
        }

        @ParameterizedTest
        @MethodSource("invalidUserNames")
        void anInvalidUserNameIsAValidationErrorAndNothingIsStored(final String userName) {
            final IdentityException refused = refused(() -> identities.createUser(userName));

            assertThat(refused.code()).isEqualTo("ValidationError");
            assertThat(refused.httpStatus()).isEqualTo(400);
            assertThat(repository.writes()).isZero();
            assertThat(identities.listUsers()).isEmpty();
        }

        static Stream<String> validUserNames() {
            return Stream.of("a", "b".repeat(64), "Alice_Smith", "ops+alerts=on,call.me@example-1", "007");
        }

        @ParameterizedTest
        @MethodSource("validUserNames")
        void everyNameIamAllowsIsAccepted(final String userName) {

            assertThat(identities.createUser(userName).userName()).isEqualTo(userName);
            assertThat(identities.getUser(userName).arn()).endsWith(":user/" + userName);
        }

        @Test
        void anUnknownUserIsNoSuchEntity() {
            identities.createUser("alice");

            for (final Executable call : new Executable[] {
                () -> identities.getUser("bob"),
                () -> identities.deleteUser("bob"),
                () -> identities.createAccessKey("bob"),
                () -> identities.listAccessKeys("bob"),
                () -> identities.putUserPolicy("bob", "p", ALLOW_ALARMS),
                () -> identities.attachUserPolicy("bob", ManagedPolicies.READ_ONLY_ACCESS),
                () -> identities.getUserPolicy("alice", "nope"),
            }) {
                final IdentityException refused = refused(call);
                assertThat(refused.code()).isEqualTo("NoSuchEntity");
                assertThat(refused.httpStatus()).isEqualTo(404);
            }
        }

        @Test
        void aUserWithAccessKeysCannotBeDeleted() {
            identities.createUser("alice");
            final NewAccessKey key = identities.createAccessKey("alice");

            final IdentityException refused = refused(() -> identities.deleteUser("alice"));

            assertThat(refused.code()).isEqualTo("DeleteConflict");
            assertThat(refused.httpStatus()).isEqualTo(409);
            assertThat(identities.getUser("alice")).isNotNull();
            assertThat(identities.secretFor(key.key().accessKeyId())).contains(key.secretAccessKey());

            identities.deleteAccessKey("alice", key.key().accessKeyId());
            identities.deleteUser("alice");
            assertThat(refused(() -> identities.getUser("alice")).code()).isEqualTo("NoSuchEntity");
        }

        @Test
        void aUserWithAnInlinePolicyCannotBeDeleted() {
            identities.createUser("alice");
            identities.putUserPolicy("alice", "alarms", ALLOW_ALARMS);

            assertThat(refused(() -> identities.deleteUser("alice")).code()).isEqualTo("DeleteConflict");

            identities.deleteUserPolicy("alice", "alarms");
            identities.deleteUser("alice");
            assertThat(identities.listUsers()).isEmpty();
        }

        @Test
        void aUserWithAnAttachedPolicyCannotBeDeleted() {
            identities.createUser("alice");
            identities.attachUserPolicy("alice", ManagedPolicies.READ_ONLY_ACCESS);

            assertThat(refused(() -> identities.deleteUser("alice")).code()).isEqualTo("DeleteConflict");

            identities.detachUserPolicy("alice", ManagedPolicies.READ_ONLY_ACCESS);
            identities.deleteUser("alice");
            assertThat(identities.listUsers()).isEmpty();
        }
    }

    @Nested
    class AccessKeys {

        @Test
        void aNewKeyHasAnAwsShapedIdAndA40CharacterSecret() {
            identities.createUser("alice");

            final NewAccessKey created = identities.createAccessKey("alice");

            assertThat(created.key().accessKeyId()).hasSize(20).matches("AKIA[A-Z2-7]{16}");
            assertThat(created.secretAccessKey()).hasSize(40).matches("[A-Za-z0-9+/]{40}");
            assertThat(created.key().userName()).isEqualTo("alice");
            assertThat(created.key().status()).isEqualTo(AccessKey.ACTIVE);
            assertThat(created.key().createDate()).isEqualTo(Instant.parse("2026-03-01T10:15:30Z"));
            assertThat(identities.listAccessKeys("alice")).containsExactly(created.key());
        }

        @Test
        void keysAreNeverRepeated() {
            identities.createUser("alice");
            identities.createUser("bob");

            final NewAccessKey first = identities.createAccessKey("alice");
            final NewAccessKey second = identities.createAccessKey("bob");

            assertThat(first.key().accessKeyId()).isNotEqualTo(second.key().accessKeyId());
            assertThat(first.secretAccessKey()).isNotEqualTo(second.secretAccessKey());
        }

        @Test
        void aThirdKeyIsLimitExceeded() {
            identities.createUser("alice");
            final NewAccessKey first = identities.createAccessKey("alice");
            identities.createAccessKey("alice");
            final int writes = repository.writes();

            final IdentityException refused = refused(() -> identities.createAccessKey("alice"));

            assertThat(refused.code()).isEqualTo("LimitExceeded");
            assertThat(refused.httpStatus()).isEqualTo(409);
            assertThat(repository.writes()).isEqualTo(writes);
            assertThat(identities.listAccessKeys("alice")).hasSize(IdentityService.ACCESS_KEYS_PER_USER);

            identities.deleteAccessKey("alice", first.key().accessKeyId());
            assertThat(identities.createAccessKey("alice").key().accessKeyId()).isNotNull();
        }

        @Test
        void theLimitIsPerUser() {
            identities.createUser("alice");
            identities.createUser("bob");
            identities.createAccessKey("alice");
            identities.createAccessKey("alice");

            assertThat(identities.createAccessKey("bob").key().userName()).isEqualTo("bob");
        }

        @Test
        void theSecretOfAnActiveKeyIsFoundAndOfAnInactiveOrDeletedOneIsNot() {
            identities.createUser("alice");
            final NewAccessKey created = identities.createAccessKey("alice");
            final String id = created.key().accessKeyId();

            assertThat(identities.secretFor(id)).contains(created.secretAccessKey());

            identities.updateAccessKey("alice", id, AccessKey.INACTIVE);
            assertThat(identities.listAccessKeys("alice")).singleElement()
                .satisfies(key -> assertThat(key.status()).isEqualTo(AccessKey.INACTIVE));
            assertThat(identities.secretFor(id)).isEmpty();
            assertThat(identities.principal(id)).isEmpty();

            identities.updateAccessKey("alice", id, AccessKey.ACTIVE);
            assertThat(identities.secretFor(id)).contains(created.secretAccessKey());

            identities.deleteAccessKey("alice", id);
            assertThat(identities.secretFor(id)).isEmpty();
            assertThat(identities.principal(id)).isEmpty();
            assertThat(identities.listAccessKeys("alice")).isEmpty();
        }

        @Test
        void anUnknownKeyIsLookedForOnceMoreAfterCatchingUpAndThenNotFound() {
            assertThat(identities.secretFor("AKIAAAAAAAAAAAAAAAAA")).isEmpty();
            assertThat(repository.catchUps()).isEqualTo(1);
        }

        @Test
        void anotherInstanceWithTheSameIdentityKeyReadsTheSecret() {
            identities.createUser("alice");
            final NewAccessKey created = identities.createAccessKey("alice");
            final IdentityService otherInstance = new IdentityService(repository, identityKey, ACCOUNT,
                Clock.systemUTC());

            assertThat(otherInstance.secretFor(created.key().accessKeyId())).contains(created.secretAccessKey());
        }

        @Test
        void aStatusOtherThanActiveOrInactiveIsAValidationError() {
            identities.createUser("alice");
            final String id = identities.createAccessKey("alice").key().accessKeyId();

            for (final String status : new String[] {null, "", "active", "Disabled"}) {
                final IdentityException refused = refused(() -> identities.updateAccessKey("alice", id, status));
                assertThat(refused.code()).isEqualTo("ValidationError");
                assertThat(refused.httpStatus()).isEqualTo(400);
            }
            assertThat(identities.listAccessKeys("alice")).singleElement()
                .satisfies(key -> assertThat(key.active()).isTrue());
        }

        @Test
        void anotherUsersKeyIsNoSuchEntity() {
            identities.createUser("alice");
            identities.createUser("bob");
            final String bobsKey = identities.createAccessKey("bob").key().accessKeyId();

            assertThat(refused(() -> identities.updateAccessKey("alice", bobsKey, AccessKey.INACTIVE)).code())
                .isEqualTo("NoSuchEntity");
            assertThat(refused(() -> identities.deleteAccessKey("alice", bobsKey)).code())
                .isEqualTo("NoSuchEntity");
            assertThat(identities.listAccessKeys("bob")).singleElement()
                .satisfies(key -> assertThat(key.active()).isTrue());
        }

        @Test
        void theRepositoryNeverHoldsTheSecretInClear() {
            identities.createUser("alice");
            final NewAccessKey created = identities.createAccessKey("alice");
            final String id = created.key().accessKeyId();
            final String secret = created.secretAccessKey();

            final StoredAccessKey stored = repository.accessKey(id).orElseThrow();
            assertThat(stored.sealedSecret()).startsWith("v1:").doesNotContain(secret);
            assertThat(stored.toString()).contains(id).doesNotContain(secret).doesNotContain(stored.sealedSecret());
            assertThat(stored.key()).isEqualTo(created.key());

            final Map<String, String> atRest = repository.documents();
            assertThat(atRest).containsKey("access-key/" + id);
            assertThat(atRest.get("access-key/" + id)).contains("\"SealedSecretAccessKey\":\"" + stored.sealedSecret())
                .doesNotContain(secret);
            assertThat(atRest.values()).noneMatch(document -> document.contains(secret));

            identities.updateAccessKey("alice", id, AccessKey.INACTIVE);
            assertThat(repository.documents().values()).noneMatch(document -> document.contains(secret));
            assertThat(repository.accessKey(id).orElseThrow().sealedSecret()).isEqualTo(stored.sealedSecret());
        }

        @Test
        void aSecretSealedUnderAnotherDeploymentsKeyIsNotServed() {
            identities.createUser("alice");
            final String id = identities.createAccessKey("alice").key().accessKeyId();
            final IdentityService otherDeployment = new IdentityService(repository, IdentityKey.random(), ACCOUNT,
                Clock.systemUTC());

            assertThatThrownBy(() -> otherDeployment.secretFor(id)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(id);
        }
    }

    @Nested
    class Policies {

        @Test
        void aPrincipalCarriesTheUsersManagedAndInlinePolicies() {
            final User alice = identities.createUser("alice");
            identities.attachUserPolicy("alice", ManagedPolicies.READ_ONLY_ACCESS);
            identities.putUserPolicy("alice", "alarms", ALLOW_ALARMS);
            final String id = identities.createAccessKey("alice").key().accessKeyId();

            final Principal principal = identities.principal(id).orElseThrow();

            assertThat(principal.type()).isEqualTo(Principal.IAM_USER);
            assertThat(principal.isInstance()).isFalse();
            assertThat(principal.userName()).isEqualTo("alice");
            assertThat(principal.userId()).isEqualTo(alice.userId());
            assertThat(principal.arn()).isEqualTo(alice.arn());
            assertThat(principal.accountId()).isEqualTo(ACCOUNT);
            assertThat(principal.accessKeyId()).isEqualTo(id);
            assertThat(principal.policies()).containsExactlyInAnyOrder(
                ManagedPolicies.byArn(ManagedPolicies.READ_ONLY_ACCESS).orElseThrow(),
                PolicyDocument.parse(ALLOW_ALARMS));
            assertThat(identities.listAttachedUserPolicies("alice")).containsExactly(ManagedPolicies.READ_ONLY_ACCESS);
            assertThat(identities.listUserPolicies("alice")).containsExactly("alarms");
            assertThat(identities.getUserPolicy("alice", "alarms")).isEqualTo(PolicyDocument.parse(ALLOW_ALARMS).json());
        }

        @Test
        void administratorAccessAllowsEverything() {
            final Principal admin = principalWith(ManagedPolicies.ADMINISTRATOR_ACCESS, null);

            assertThat(identities.authorize(admin, "cloudwatch:DeleteAlarms", ALARM)).isEqualTo(Decision.ALLOW);
            assertThat(identities.authorize(admin, "iam:CreateUser", "arn:aws:iam::" + ACCOUNT + ":user/bob"))
                .isEqualTo(Decision.ALLOW);
        }

        @Test
        void readOnlyAccessAllowsReadsAndImplicitlyDeniesTheRest() {
            final Principal reader = principalWith(ManagedPolicies.READ_ONLY_ACCESS, null);

            assertThat(identities.authorize(reader, "cloudwatch:DescribeAlarms", ALARM)).isEqualTo(Decision.ALLOW);
            assertThat(identities.authorize(reader, "cloudwatch:DeleteAlarms", ALARM))
                .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(identities.authorize(reader, "iam:CreateAccessKey", "*")).isEqualTo(Decision.IMPLICIT_DENY);
        }

        @Test
        void anInlineDenyIsAnExplicitDenyEvenUnderAdministratorAccess() {
            final Principal restricted = principalWith(ManagedPolicies.ADMINISTRATOR_ACCESS, DENY_DELETES);

            assertThat(identities.authorize(restricted, "cloudwatch:DeleteAlarms", ALARM))
                .isEqualTo(Decision.EXPLICIT_DENY);
            assertThat(identities.authorize(restricted, "cloudwatch:PutMetricAlarm", ALARM)).isEqualTo(Decision.ALLOW);
        }

        @Test
        void aUserWithoutPoliciesIsDeniedEverything() {
            identities.createUser("alice");
            final String id = identities.createAccessKey("alice").key().accessKeyId();

            final Principal nobody = identities.principal(id).orElseThrow();

            assertThat(nobody.policies()).isEmpty();
            assertThat(identities.authorize(nobody, "cloudwatch:DescribeAlarms", ALARM))
                .isEqualTo(Decision.IMPLICIT_DENY);
        }

        @Test
        void anotherInstanceIsNotAuthorizedByPolicies() {
            assertThat(identities.authorize(Principal.instance(ACCOUNT), "cloudwatch:DescribeAlarms", ALARM))
                .isEqualTo(Decision.IMPLICIT_DENY);
        }

        static Stream<Arguments> malformedDocuments() {
            return Stream.of(
                Arguments.of("missing", null),
                Arguments.of("empty", ""),
                Arguments.of("blank", "  \n"),
                Arguments.of("not JSON", "{\"Version\": \"2012-10-17\", \"Statement\": ["),
                Arguments.of("an array", "[]"),
                Arguments.of("no Statement", "{\"Version\": \"2012-10-17\"}"),
                Arguments.of("no Effect", "{\"Statement\": {\"Action\": \"cloudwatch:*\", \"Resource\": \"*\"}}"),
                Arguments.of("action without service",
                    "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"DescribeAlarms\", \"Resource\": \"*\"}}"),
                Arguments.of("unknown element", "{\"Version\": \"2012-10-17\", \"Statements\": []}"),
                Arguments.of("a Condition", "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"cloudwatch:*\", "
                    + "\"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\"}}}}"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("malformedDocuments")
        void aMalformedDocumentIsMalformedPolicyDocumentAndNothingIsStored(final String what, final String document) {
            identities.createUser("alice");
            identities.putUserPolicy("alice", "alarms", ALLOW_ALARMS);
            final Map<String, String> before = repository.documents();
            final int writes = repository.writes();

            final IdentityException refused = refused(() -> identities.putUserPolicy("alice", "alarms", document));
            final IdentityException refusedNew = refused(() -> identities.putUserPolicy("alice", "other", document));

            assertThat(refused.code()).isEqualTo("MalformedPolicyDocument");
            assertThat(refused.httpStatus()).isEqualTo(400);
            assertThat(refused.getMessage()).isNotBlank();
            assertThat(refusedNew.code()).isEqualTo("MalformedPolicyDocument");
            assertThat(repository.writes()).isEqualTo(writes);
            assertThat(repository.documents()).isEqualTo(before);
            assertThat(identities.listUserPolicies("alice")).containsExactly("alarms");
            assertThat(identities.getUserPolicy("alice", "alarms")).isEqualTo(PolicyDocument.parse(ALLOW_ALARMS).json());
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"has space", "a/b"})
        void anInvalidPolicyNameIsAValidationError(final String policyName) {
            identities.createUser("alice");
            final int writes = repository.writes();

            assertThat(refused(() -> identities.putUserPolicy("alice", policyName, ALLOW_ALARMS)).code())
                .isEqualTo("ValidationError");
            assertThat(repository.writes()).isEqualTo(writes);
        }

        @Test
        void attachingAnUnknownPolicyIsNoSuchEntityAndNothingIsStored() {
            identities.createUser("alice");
            final int writes = repository.writes();

            for (final String arn : new String[] {"arn:aws:iam::aws:policy/PowerUserAccess",
                "arn:aws:iam::" + ACCOUNT + ":policy/AdministratorAccess", "AdministratorAccess", ""}) {
                final IdentityException refused = refused(() -> identities.attachUserPolicy("alice", arn));
                assertThat(refused.code()).isEqualTo("NoSuchEntity");
                assertThat(refused.httpStatus()).isEqualTo(404);
            }
            assertThat(repository.writes()).isEqualTo(writes);
            assertThat(identities.listAttachedUserPolicies("alice")).isEmpty();
        }

        @Test
        void attachingTwiceAttachesOnce() {
            identities.createUser("alice");

            identities.attachUserPolicy("alice", ManagedPolicies.READ_ONLY_ACCESS);
            identities.attachUserPolicy("alice", ManagedPolicies.READ_ONLY_ACCESS);

            assertThat(identities.listAttachedUserPolicies("alice")).containsExactly(ManagedPolicies.READ_ONLY_ACCESS);
            assertThat(refused(() -> identities.detachUserPolicy("alice", ManagedPolicies.ADMINISTRATOR_ACCESS))
                .code()).isEqualTo("NoSuchEntity");
        }

        @Test
        void aChangedInlinePolicyTakesEffectOnTheNextPrincipal() {
            identities.createUser("alice");
            final String id = identities.createAccessKey("alice").key().accessKeyId();
            identities.putUserPolicy("alice", "alarms", ALLOW_ALARMS);
            assertThat(decide(identities, id, "cloudwatch:DeleteAlarms")).isEqualTo(Decision.ALLOW);
            assertThat(decide(identities, id, "cloudwatch:DeleteAlarms")).isEqualTo(Decision.ALLOW); // cached

            identities.putUserPolicy("alice", "alarms", DENY_DELETES);
            assertThat(decide(identities, id, "cloudwatch:DeleteAlarms")).isEqualTo(Decision.EXPLICIT_DENY);
            assertThat(decide(identities, id, "cloudwatch:DescribeAlarms")).isEqualTo(Decision.IMPLICIT_DENY);

            identities.putUserPolicy("alice", "alarms", ALLOW_ALARMS);
            assertThat(decide(identities, id, "cloudwatch:DeleteAlarms")).isEqualTo(Decision.ALLOW);

            identities.deleteUserPolicy("alice", "alarms");
            assertThat(decide(identities, id, "cloudwatch:DeleteAlarms")).isEqualTo(Decision.IMPLICIT_DENY);
        }

        @Test
        void aPolicyChangedThroughAnotherInstanceTakesEffectHereOnTheNextPrincipal() {
            final IdentityService otherInstance = new IdentityService(repository, identityKey, ACCOUNT,
                Clock.systemUTC());
            identities.createUser("alice");
            final String id = identities.createAccessKey("alice").key().accessKeyId();
            identities.attachUserPolicy("alice", ManagedPolicies.ADMINISTRATOR_ACCESS);
            assertThat(decide(identities, id, "cloudwatch:DeleteAlarms")).isEqualTo(Decision.ALLOW);

            otherInstance.putUserPolicy("alice", "no-deletes", DENY_DELETES);
            assertThat(decide(identities, id, "cloudwatch:DeleteAlarms")).isEqualTo(Decision.EXPLICIT_DENY);

            otherInstance.deleteUserPolicy("alice", "no-deletes");
            otherInstance.detachUserPolicy("alice", ManagedPolicies.ADMINISTRATOR_ACCESS);
            otherInstance.attachUserPolicy("alice", ManagedPolicies.READ_ONLY_ACCESS);
            assertThat(decide(identities, id, "cloudwatch:DeleteAlarms")).isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(decide(identities, id, "cloudwatch:DescribeAlarms")).isEqualTo(Decision.ALLOW);
        }

        @Test
        void aUserRecreatedUnderTheSameNameDoesNotInheritTheOldPolicies() {
            identities.createUser("alice");
            identities.attachUserPolicy("alice", ManagedPolicies.ADMINISTRATOR_ACCESS);
            final String oldKey = identities.createAccessKey("alice").key().accessKeyId();
            assertThat(decide(identities, oldKey, "iam:CreateUser")).isEqualTo(Decision.ALLOW);
            identities.deleteAccessKey("alice", oldKey);
            identities.detachUserPolicy("alice", ManagedPolicies.ADMINISTRATOR_ACCESS);
            identities.deleteUser("alice");

            identities.createUser("alice");
            final String newKey = identities.createAccessKey("alice").key().accessKeyId();

            assertThat(identities.principal(oldKey)).isEmpty();
            assertThat(decide(identities, newKey, "iam:CreateUser")).isEqualTo(Decision.IMPLICIT_DENY);
        }

        private Principal principalWith(final String managedArn, final String inlineDocument) {
            identities.createUser("alice");
            identities.attachUserPolicy("alice", managedArn);
            if (inlineDocument != null) {
                identities.putUserPolicy("alice", "inline", inlineDocument);
            }
            return identities.principal(identities.createAccessKey("alice").key().accessKeyId()).orElseThrow();
        }
    }

    @Nested
    class Redaction {

        @Test
        void aNewKeyPrintsWithoutItsSecret() {
            identities.createUser("alice");
            final NewAccessKey created = identities.createAccessKey("alice");

            assertThat(created.toString()).contains(created.key().accessKeyId()).contains("<redacted>")
                .doesNotContain(created.secretAccessKey());
            assertThat(created.key().toString()).doesNotContain(created.secretAccessKey());
        }

        @Test
        void nothingThatDescribesTheCallerPrintsTheSecret() {
            identities.createUser("alice");
            identities.putUserPolicy("alice", "alarms", ALLOW_ALARMS);
            final NewAccessKey created = identities.createAccessKey("alice");
            final String id = created.key().accessKeyId();
            final String secret = created.secretAccessKey();
            final StoredAccessKey stored = repository.accessKey(id).orElseThrow();

            assertThat(identities.principal(id).orElseThrow().toString()).contains(id).doesNotContain(secret);
            assertThat(stored.toString()).doesNotContain(secret).doesNotContain(stored.sealedSecret());
            assertThat(identities.listAccessKeys("alice").toString()).doesNotContain(secret);
            assertThat(identities.getUser("alice").toString()).doesNotContain(secret);
            assertThat(identityKey.toString()).doesNotContain(secret);
        }
    }

    private static Decision decide(final IdentityService service, final String accessKeyId, final String action) {
        return service.authorize(service.principal(accessKeyId).orElseThrow(), action, ALARM);
    }

    private static IdentityException refused(final Executable call) {
        final IdentityException refused = catchThrowableOfType(IdentityException.class, () -> {
            try {
                call.execute();
            } catch (final RuntimeException e) {
                throw e;
            } catch (final Throwable e) {
                throw new AssertionError(e);
            }
        });
        assertThat(refused).as("an IdentityException").isNotNull();
        return refused;
    }
}
