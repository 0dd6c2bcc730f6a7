package io.trailwatch.identity;

import io.trailwatch.schemas.files.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a key as an AWS shared-credentials file (owner-only), so that {@code AWS_SHARED_CREDENTIALS_FILE=...
 * AWS_PROFILE=trailwatch} is all the AWS CLI, the SDKs and Trailwatch's own CLI need.
 */
public final class SharedCredentialsFile {

    public static final String PROFILE = "trailwatch";

    private SharedCredentialsFile() {
    }

    public static void write(final Path file, final String profile, final NewAccessKey key) throws IOException {
        OwnerOnlyFiles.write(file, "# Trailwatch administrator key (user " + key.key().userName() + "), created "
            + key.key().createDate() + ". Keep this file private.\n"
            + "[" + profile + "]\n"
            + "aws_access_key_id = " + key.key().accessKeyId() + "\n"
            + "aws_secret_access_key = " + key.secretAccessKey() + "\n");
    }
}
