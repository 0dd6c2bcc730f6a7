package io.trailwatch.identity.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.trailwatch.identity.User;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link IdentityRepository} for tests that keeps what the Kafka repository would write: each user and key as
 * the JSON document of its record, keyed {@code user/<name>} or {@code access-key/<id>} (the same Jackson setup,
 * so a field that does not survive JSON fails here too). Tests inspect {@link #documents()} for what is at rest.
 */
public final class InMemoryIdentityRepository implements IdentityRepository {

    private static final String USER = "user/";
    private static final String ACCESS_KEY = "access-key/";

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<String, String> documents = new TreeMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger catchUps = new AtomicInteger();

    @Override
    public synchronized Optional<User> user(final String userName) {
        return Optional.ofNullable(documents.get(USER + userName)).map(text -> read(text, User.class));
    }

    @Override
    public synchronized Collection<User> users() {
        return documents.entrySet().stream().filter(entry -> entry.getKey().startsWith(USER))
            .map(entry -> read(entry.getValue(), User.class)).sorted(Comparator.comparing(User::userName)).toList();
    }

    @Override
    public synchronized Optional<StoredAccessKey> accessKey(final String accessKeyId) {
        return Optional.ofNullable(documents.get(ACCESS_KEY + accessKeyId))
            .map(text -> read(text, StoredAccessKey.class));
    }

    @Override
    public synchronized List<StoredAccessKey> accessKeysOf(final String userName) {
        return documents.entrySet().stream().filter(entry -> entry.getKey().startsWith(ACCESS_KEY))
            .map(entry -> read(entry.getValue(), StoredAccessKey.class))
            .filter(key -> key.userName().equals(userName))
            .sorted(Comparator.comparing(StoredAccessKey::createDate)).toList();
    }

    @Override
    public void catchUp() {
        catchUps.incrementAndGet();
    }

    @Override
    public synchronized void put(final User user) {
        write(USER + user.userName(), user);
    }

    @Override
    public synchronized void deleteUser(final String userName) {
        write(USER + userName, null);
    }

    @Override
    public synchronized void put(final StoredAccessKey key) {
        write(ACCESS_KEY + key.accessKeyId(), key);
    }

    @Override
    public synchronized void deleteAccessKey(final String accessKeyId) {
        write(ACCESS_KEY + accessKeyId, null);
    }

    /** Every stored record's JSON by key, as the identity topic would hold it after compaction. */
    public synchronized Map<String, String> documents() {
        return Map.copyOf(documents);
    }

    /** How many writes (puts and deletes) reached the repository. */
    public int writes() {
        return writes.get();
    }

    /** How many times a caller asked to catch up with other instances. */
    public int catchUps() {
        return catchUps.get();
    }

    private void write(final String key, final Object document) {
        writes.incrementAndGet();
        if (document == null) {
            documents.remove(key);
            return;
        }
        try {
            documents.put(key, json.writeValueAsString(document));
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(final String text, final Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " does not read back: " + text, e);
        }
    }
}
