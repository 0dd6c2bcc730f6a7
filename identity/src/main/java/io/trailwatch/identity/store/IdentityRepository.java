package io.trailwatch.identity.store;

import io.trailwatch.identity.User;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where users and keys are kept. Reads are this instance's copy; a write returns once this instance has applied
 * it, so a caller reads its own writes.
 */
public interface IdentityRepository extends AutoCloseable {

    Optional<User> user(String userName);

    Collection<User> users();

    Optional<StoredAccessKey> accessKey(String accessKeyId);

    List<StoredAccessKey> accessKeysOf(String userName);

    /**
     * Waits briefly until this instance has read what other instances wrote before the call: a key created on one
     * instance is then usable on another at once, instead of after the next poll.
     */
    default void catchUp() {
    }

    void put(User user);

    void deleteUser(String userName);

    void put(StoredAccessKey key);

    void deleteAccessKey(String accessKeyId);

    @Override
    default void close() {
    }
}
