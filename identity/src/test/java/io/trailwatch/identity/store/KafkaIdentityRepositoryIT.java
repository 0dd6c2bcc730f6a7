package io.trailwatch.identity.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.trailwatch.avro.IdentityEntry;
import io.trailwatch.identity.AccessKey;
import io.trailwatch.identity.IdentityKey;
import io.trailwatch.identity.IdentityService;
import io.trailwatch.identity.NewAccessKey;
import io.trailwatch.identity.User;
import io.trailwatch.identity.policy.Decision;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.RealInfrastructure;
import io.trailwatch.testkit.TestInfrastructure;
import io.trailwatch.testkit.UniqueNames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Users and keys on the real compacted identity topic, seen by several instances of one deployment: each
 * {@link KafkaIdentityRepository} here is what one Trailwatch instance runs.
 */
@ExtendWith(RealInfrastructure.class)
class KafkaIdentityRepositoryIT {

    private static final String ACCOUNT = "123456789012";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ALLOW_ALARMS = """
        {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Action": "cloudwatch:*Alarm*", "Resource": "*"}]}""";

    /** The deployment's key, which every instance reads from the same file. */
    private final IdentityKey identityKey = IdentityKey.random();
    private final List<KafkaIdentityRepository> instances = new ArrayList<>();

    @BeforeAll
    static void createTheTopic(final TestInfrastructure infra) {
        // Through the shared admin client, with the topic's own name, partitions and configs (compacted).
        infra.createTopics(Topics.IDENTITY);
    }

    @AfterEach
    void closeInstances() {
        instances.forEach(KafkaIdentityRepository::close);
    }

    @Test
    void aUserAndKeyWrittenOnOneInstanceAreReadOnAnotherAfterCatchingUp(final TestInfrastructure infra)
        throws InterruptedException {
        final KafkaIdentityRepository first = start(infra);
        final KafkaIdentityRepository second = start(infra);
        final IdentityService onFirst = service(first);
        final IdentityService onSecond = service(second);
        final String name = UniqueNames.of("alice");

        final User alice = onFirst.createUser(name);
        onFirst.putUserPolicy(name, "alarms", ALLOW_ALARMS);
        onFirst.attachUserPolicy(name, ManagedPolicies.READ_ONLY_ACCESS);
        final NewAccessKey key = onFirst.createAccessKey(name);
        final String id = key.key().accessKeyId();

        // The writer reads its own writes at once.
        assertThat(first.user(name)).hasValueSatisfying(user -> assertThat(user.userId()).isEqualTo(alice.userId()));
        assertThat(first.accessKey(id)).isPresent();

        second.catchUp();

        assertThat(second.user(name)).isEqualTo(first.user(name));
        assertThat(second.user(name).orElseThrow().inlinePolicies()).containsOnlyKeys("alarms");
        assertThat(second.user(name).orElseThrow().attachedPolicyArns())
            .containsExactly(ManagedPolicies.READ_ONLY_ACCESS);
        assertThat(second.accessKey(id)).isEqualTo(first.accessKey(id));
        assertThat(second.accessKeysOf(name)).extracting(StoredAccessKey::key).containsExactly(key.key());
        assertThat(onSecond.secretFor(id)).contains(key.secretAccessKey());
        assertThat(onSecond.authorize(onSecond.principal(id).orElseThrow(), "cloudwatch:DeleteAlarms",
            "arn:aws:cloudwatch:us-east-1:" + ACCOUNT + ":alarm:Prod")).isEqualTo(Decision.ALLOW);
    }

    @Test
    void catchingUpReadsWhatAnotherInstanceWroteBeforeTheCall(final TestInfrastructure infra) throws Exception {
        final KafkaIdentityRepository reader = start(infra);
        final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

        for (int i = 0; i < 5; i++) {
            // Another instance's write, acknowledged by the broker a moment ago and not yet polled here.
            final String name = UniqueNames.of("grace");
            final User user = new User(name, "AIDA" + "Q".repeat(17), "arn:aws:iam::" + ACCOUNT + ":user/" + name,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Map.of(), List.of(ManagedPolicies.READ_ONLY_ACCESS));
            infra.produce(Topics.IDENTITY, "user/" + name,
                new IdentityEntry("user", name, json.writeValueAsString(user), Instant.now()));

            reader.catchUp();

            assertThat(reader.user(name)).as("after catching up, write " + i).contains(user);
        }
    }

    @Test
    void aKeyCreatedOnOneInstanceSignsOnAnotherAtOnce(final TestInfrastructure infra) throws InterruptedException {
        final KafkaIdentityRepository first = start(infra);
        final KafkaIdentityRepository second = start(infra);
        final String name = UniqueNames.of("signer");
        service(first).createUser(name);

        final NewAccessKey key = service(first).createAccessKey(name);

        // No explicit catch-up: the lookup of an unknown key catches up by itself, as a request signed with a key
        // created a moment ago on another instance needs.
        assertThat(service(second).secretFor(key.key().accessKeyId())).contains(key.secretAccessKey());
    }

    @Test
    void changesAndDeletesOnOneInstanceReachTheOther(final TestInfrastructure infra) throws InterruptedException {
        final KafkaIdentityRepository first = start(infra);
        final KafkaIdentityRepository second = start(infra);
        final IdentityService onFirst = service(first);
        final IdentityService onSecond = service(second);
        final String name = UniqueNames.of("bob");
        onFirst.createUser(name);
        final NewAccessKey key = onFirst.createAccessKey(name);
        final String id = key.key().accessKeyId();
        second.catchUp();
        assertThat(onSecond.secretFor(id)).contains(key.secretAccessKey());

        onFirst.updateAccessKey(name, id, AccessKey.INACTIVE);
        second.catchUp();
        assertThat(second.accessKey(id)).hasValueSatisfying(stored ->
            assertThat(stored.status()).isEqualTo(AccessKey.INACTIVE));
        assertThat(onSecond.secretFor(id)).as("a deactivated key stops working everywhere").isEmpty();

        onFirst.deleteAccessKey(name, id);
        onFirst.deleteUser(name);
        assertThat(first.accessKey(id)).isEmpty();
        assertThat(first.user(name)).isEmpty();
        second.catchUp();

        assertThat(second.accessKey(id)).isEmpty();
        assertThat(second.accessKeysOf(name)).isEmpty();
        assertThat(second.user(name)).isEmpty();
        assertThat(second.users()).extracting(User::userName).doesNotContain(name);
        assertThat(onSecond.secretFor(id)).isEmpty();
        assertThat(onSecond.principal(id)).isEmpty();
    }

    @Test
    void anInstanceStartedLaterLoadsEverythingBeforeServing(final TestInfrastructure infra)
        throws InterruptedException {
        final KafkaIdentityRepository first = start(infra);
        final IdentityService onFirst = service(first);
        final String kept = UniqueNames.of("carol");
        final String withPolicies = UniqueNames.of("dave");
        final String deleted = UniqueNames.of("erin");
        onFirst.createUser(kept);
        final NewAccessKey carolsKey = onFirst.createAccessKey(kept);
        final NewAccessKey carolsOldKey = onFirst.createAccessKey(kept);
        onFirst.deleteAccessKey(kept, carolsOldKey.key().accessKeyId());
        onFirst.createUser(withPolicies);
        onFirst.attachUserPolicy(withPolicies, ManagedPolicies.ADMINISTRATOR_ACCESS);
        onFirst.putUserPolicy(withPolicies, "alarms", ALLOW_ALARMS);
        final NewAccessKey davesKey = onFirst.createAccessKey(withPolicies);
        onFirst.updateAccessKey(withPolicies, davesKey.key().accessKeyId(), AccessKey.INACTIVE);
        onFirst.createUser(deleted);
        onFirst.deleteUser(deleted);

        final KafkaIdentityRepository third = new KafkaIdentityRepository(infra.bootstrapServers(),
            infra.serdeContext());
        instances.add(third);
        assertThat(third.awaitLoaded(TIMEOUT)).as("loaded within " + TIMEOUT).isTrue();

        assertThat(third.user(kept)).isEqualTo(first.user(kept)).isPresent();
        assertThat(third.user(withPolicies)).isEqualTo(first.user(withPolicies)).isPresent();
        assertThat(third.user(deleted)).isEmpty();
        assertThat(third.accessKeysOf(kept)).isEqualTo(first.accessKeysOf(kept)).hasSize(1);
        assertThat(third.accessKey(carolsOldKey.key().accessKeyId())).isEmpty();
        assertThat(third.accessKey(davesKey.key().accessKeyId())).isEqualTo(first.accessKey(davesKey.key()
            .accessKeyId())).hasValueSatisfying(stored -> assertThat(stored.status()).isEqualTo(AccessKey.INACTIVE));
        assertThat(third.users()).extracting(User::userName).contains(kept, withPolicies).doesNotContain(deleted);
        final IdentityService onThird = service(third);
        assertThat(onThird.secretFor(carolsKey.key().accessKeyId())).contains(carolsKey.secretAccessKey());
        assertThat(onThird.secretFor(davesKey.key().accessKeyId())).isEmpty();
        assertThat(onThird.listUserPolicies(withPolicies)).containsExactly("alarms");
        assertThat(onThird.listAttachedUserPolicies(withPolicies))
            .containsExactly(ManagedPolicies.ADMINISTRATOR_ACCESS);
    }

    @Test
    void theTopicHoldsNoSecretInClear(final TestInfrastructure infra) throws InterruptedException {
        final KafkaIdentityRepository first = start(infra);
        final IdentityService onFirst = service(first);
        final String name = UniqueNames.of("frank");
        onFirst.createUser(name);
        final NewAccessKey one = onFirst.createAccessKey(name);
        final NewAccessKey two = onFirst.createAccessKey(name);
        onFirst.updateAccessKey(name, one.key().accessKeyId(), AccessKey.INACTIVE);
        final List<String> secrets = List.of(one.secretAccessKey(), two.secretAccessKey());

        final List<ConsumerRecord<String, IdentityEntry>> records = readAll(infra,
            Topics.IDENTITY.keySerde(infra.serdeContext()).deserializer(),
            Topics.IDENTITY.valueSerde(infra.serdeContext()).deserializer());

        final List<ConsumerRecord<String, IdentityEntry>> ours = records.stream()
            .filter(record -> record.key().equals("access-key/" + one.key().accessKeyId())
                || record.key().equals("access-key/" + two.key().accessKeyId()))
            .toList();
        // Created twice and deactivated once; compaction may already have removed the first record of a key.
        assertThat(ours).extracting(ConsumerRecord::key).contains("access-key/" + one.key().accessKeyId(),
            "access-key/" + two.key().accessKeyId());
        assertThat(ours).allSatisfy(record -> {
            assertThat(record.value().getKind()).isEqualTo("access-key");
            assertThat(record.value().getDocument()).contains("\"SealedSecretAccessKey\":\"v1:");
        });
        assertThat(records).as("user, keys and policies on the topic").allSatisfy(record -> {
            final String text = record.key() + " " + (record.value() == null ? "" : record.value().toString());
            secrets.forEach(secret -> assertThat(text).doesNotContain(secret));
        });

        final List<ConsumerRecord<byte[], byte[]>> raw = readAll(infra, new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
        // Other test JVMs may share a long-lived broker and write meanwhile: at least what was read above.
        assertThat(raw).hasSizeGreaterThanOrEqualTo(records.size()).allSatisfy(record -> {
            final String bytes = new String(record.value() == null ? new byte[0] : record.value(),
                StandardCharsets.ISO_8859_1);
            secrets.forEach(secret -> {
                assertThat(bytes).doesNotContain(secret);
                assertThat(Arrays.equals(record.value(), secret.getBytes(StandardCharsets.UTF_8))).isFalse();
            });
        });
    }

    private KafkaIdentityRepository start(final TestInfrastructure infra) throws InterruptedException {
        final KafkaIdentityRepository repository = new KafkaIdentityRepository(infra.bootstrapServers(),
            infra.serdeContext());
        instances.add(repository);
        assertThat(repository.awaitLoaded(TIMEOUT)).as("loaded within " + TIMEOUT).isTrue();
        return repository;
    }

    private IdentityService service(final IdentityRepository repository) {
        return new IdentityService(repository, identityKey, ACCOUNT, Clock.systemUTC());
    }

    /** Everything on the identity topic up to its end now, read by a plain consumer of no group. */
    private static <K, V> List<ConsumerRecord<K, V>> readAll(final TestInfrastructure infra,
                                                             final Deserializer<K> keys,
                                                             final Deserializer<V> values) {
        final Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        final TopicPartition partition = new TopicPartition(Topics.IDENTITY.name(), 0);
        final List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            await("the identity topic read up to offset " + end).atMost(TIMEOUT).pollInSameThread()
                .pollInterval(Duration.ofMillis(10)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                        if (record.offset() < end) {
                            records.add(record);
                        }
                    });
                    return consumer.position(partition) >= end;
                });
        }
        assertThat(records).isNotEmpty();
        return records;
    }
}
