package io.trailwatch.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Whose access key a command acts with: it signs HTTP calls (SigV4) and, as the SCRAM username and password,
 * authenticates Kafka connections (see {@link CallerCredentials} for where it is found).
 */
public final class CredentialOptions {

    @Option(names = "--profile", paramLabel = "NAME",
        description = "Profile of the credentials file to use (default: env AWS_PROFILE, else 'trailwatch', else "
            + "'default'; AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are used when set and no --profile).")
    String profile;

    @Option(names = "--credentials-file", paramLabel = "FILE",
        description = "AWS shared-credentials file (default: env AWS_SHARED_CREDENTIALS_FILE, else "
            + CallerCredentials.LOCAL_FILE + " when it exists, else ~/.aws/credentials).")
    Path credentialsFile;

    /** The caller's key, or why there is none. */
    public CallerCredentials.Found resolve() {
        return CallerCredentials.resolve(profile, credentialsFile, System.getenv());
    }
}
