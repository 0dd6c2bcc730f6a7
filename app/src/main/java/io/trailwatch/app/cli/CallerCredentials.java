package io.trailwatch.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * The access key the CLI signs with, found where the AWS CLI looks, with Trailwatch's local stack first in line:
 * <ol>
 *   <li>{@code --profile NAME} from the credentials file;</li>
 *   <li>{@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY};</li>
 *   <li>profile {@code AWS_PROFILE}, else {@code trailwatch}, else {@code default}, from the credentials file.</li>
 * </ol>
 * The credentials file is {@code --credentials-file}, else {@code AWS_SHARED_CREDENTIALS_FILE}, else
 * {@code ./data/credentials} (what {@code trailwatch up} writes) when it exists, else {@code ~/.aws/credentials}.
 *
 * @param accessKeyId     the key id
 * @param secretAccessKey the secret
 * @param source          where it was found, for messages
 */
public record CallerCredentials(String accessKeyId, String secretAccessKey, String source) {

    static final String LOCAL_FILE = "./data/credentials";

    @Override
    public String toString() {
        return "CallerCredentials[" + accessKeyId + " from " + source + "]";
    }

    /** The credentials, or a message saying where none were found. */
    public static Found resolve(final String profile, final Path credentialsFile, final Map<String, String> env) {
        final Path file = credentialsFile != null ? credentialsFile
            : env.get("AWS_SHARED_CREDENTIALS_FILE") != null ? Path.of(env.get("AWS_SHARED_CREDENTIALS_FILE"))
            : Files.exists(Path.of(LOCAL_FILE)) ? Path.of(LOCAL_FILE)
            : Path.of(System.getProperty("user.home"), ".aws", "credentials");
        if (profile == null && env.get("AWS_ACCESS_KEY_ID") != null && env.get("AWS_SECRET_ACCESS_KEY") != null) {
            return new Found(new CallerCredentials(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"),
                "AWS_ACCESS_KEY_ID"), null);
        }
        if (!Files.isReadable(file)) {
            return new Found(null, "no credentials: " + file + " does not exist or cannot be read; set "
                + "AWS_SHARED_CREDENTIALS_FILE (trailwatch up writes <data-dir>/credentials) or AWS_ACCESS_KEY_ID "
                + "and AWS_SECRET_ACCESS_KEY");
        }
        final ProfileFile profiles;
        try {
            profiles = ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build();
        } catch (final RuntimeException unreadable) {
            return new Found(null, "cannot read the credentials file " + file + ": " + unreadable.getMessage());
        }
        final String name = profile != null ? profile : env.get("AWS_PROFILE") != null ? env.get("AWS_PROFILE")
            : profiles.profile("trailwatch").isPresent() ? "trailwatch" : "default";
        final Optional<Profile> found = profiles.profile(name);
        final Optional<String> id = found.flatMap(p -> p.property(ProfileProperty.AWS_ACCESS_KEY_ID));
        final Optional<String> secret = found.flatMap(p -> p.property(ProfileProperty.AWS_SECRET_ACCESS_KEY));
        if (id.isEmpty() || secret.isEmpty()) {
            return new Found(null, "no access key in profile '" + name + "' of " + file);
        }
        return new Found(new CallerCredentials(id.get(), secret.get(), "profile " + name + " of " + file), null);
    }

    /** Credentials, or why there are none. */
    public record Found(CallerCredentials credentials, String problem) { }
}
