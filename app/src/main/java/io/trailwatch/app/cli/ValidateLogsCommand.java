package io.trailwatch.app.cli;

import io.trailwatch.processors.common.AwsTime;
import io.trailwatch.sinks.archive.digest.SigningKey;
import io.trailwatch.sinks.archive.store.S3ObjectStore;
import io.trailwatch.sinks.archive.validation.LogFileValidator;
import io.trailwatch.sinks.archive.validation.ValidationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code trailwatch validate-logs}: CloudTrail's log file integrity validation over the archive. */
@Command(name = "validate-logs", mixinStandardHelpOptions = true,
    description = {"Validate the archived log files against their signed digests, as 'aws cloudtrail validate-logs' "
        + "does: walks each account's and region's digest chain from the newest digest to the oldest and reports "
        + "modified, deleted, moved or inserted log files and modified or deleted digests.",
        "Exit code: 0 when everything is valid, 1 when anything is INVALID, 2 on bad arguments."})
public final class ValidateLogsCommand implements Callable<Integer> {

    @Option(names = {"--bucket", "--s3-bucket"}, required = true, paramLabel = "BUCKET",
        description = "Bucket of the archive.")
    String bucket;

    @Option(names = {"--prefix", "--s3-prefix"}, defaultValue = "", paramLabel = "PREFIX",
        description = "Key prefix in front of AWSLogs/ (empty by default).")
    String prefix;

    @Option(names = "--start-time", required = true, paramLabel = "TIME",
        description = "Validate digests after this time: ISO 8601 (2026-11-21T10:00:00Z, 2026-11-21) or epoch seconds.")
    String startTime;

    @Option(names = "--end-time", paramLabel = "TIME", description = "Up to this time (default: now).")
    String endTime;

    @Option(names = "--verbose", description = "Also print every valid file.")
    boolean verbose;

    @Option(names = "--public-key", paramLabel = "PEM_FILE",
        description = "A public key trusted to have signed digests (repeatable). Without it, the keys the connector "
            + "published in the bucket are used, which trusts whoever can write the bucket.")
    List<Path> publicKeyFiles;

    @Mixin
    S3Options s3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final Instant start;
        final Instant end;
        try {
            start = parseTime("--start-time", startTime);
            end = endTime == null ? Instant.now() : parseTime("--end-time", endTime);
        } catch (final IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        if (!end.isAfter(start)) {
            return usage("--end-time must be after --start-time");
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        // The files named first: a mistake in them is reported whatever the state of the store.
        final Map<String, PublicKey> trusted;
        try {
            trusted = publicKeyFiles == null || publicKeyFiles.isEmpty() ? null : readKeys(publicKeyFiles);
        } catch (final IOException | IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        // Without a named key, the local stack's own (./data/s3proxy/credentials): see S3Options.
        try (S3ObjectStore store = S3ObjectStore.open(s3.settings(bucket))) {
            final Map<String, PublicKey> keys = trusted != null ? trusted
                : LogFileValidator.publicKeysInBucket(store, prefix);
            final ValidationResult result = new LogFileValidator(store, prefix, keys, spec.commandLine().getOut(),
                verbose).validate(start, end);
            return result.valid() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
        } catch (final IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (final SdkException e) {
            spec.commandLine().getErr().println("trailwatch validate-logs: cannot read s3://" + bucket + "/" + prefix
                + ": " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    private int usage(final String message) {
        spec.commandLine().getErr().println("trailwatch validate-logs: " + message);
        return CommandLine.ExitCode.USAGE;
    }

    private static Map<String, PublicKey> readKeys(final List<Path> files) throws IOException {
        final Map<String, PublicKey> keys = new HashMap<>();
        for (final Path file : files) {
            final PublicKey key;
            try {
                key = SigningKey.parsePublicKey(Files.readString(file, StandardCharsets.US_ASCII));
            } catch (final IllegalArgumentException e) {
                throw new IllegalArgumentException("--public-key " + file + ": " + e.getMessage(), e);
            }
            keys.put(SigningKey.fingerprint(key), key);
        }
        return keys;
    }

    /** A time as the AWS CLI takes it (see {@link AwsTime}). */
    static Instant parseTime(final String option, final String text) {
        try {
            return AwsTime.parse(text);
        } catch (final DateTimeException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage());
        }
    }
}
