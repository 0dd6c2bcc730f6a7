package io.trailwatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.cli.CallerCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * AWS's own clients pointed at a running Trailwatch, as users point them: the AWS SDK for Java v2, boto3 (Debian's
 * python3-boto3, botocore 1.29: CloudWatch over query) and the AWS CLI on the machine (botocore 1.4x: CloudWatch over
 * Smithy RPC v2 CBOR). None retries, so each test sees the first answer.
 */
final class AwsClients {

    /** Debian's interpreter, which sees Debian's python3-boto3 (a python3 on PATH may be a pyenv shim). */
    static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsClients() {
    }

    static CloudWatchClient cloudWatch(final String endpoint, final CallerCredentials who) {
        return configure(CloudWatchClient.builder(), endpoint, who).build();
    }

    static CloudWatchLogsClient logs(final String endpoint, final CallerCredentials who) {
        return configure(CloudWatchLogsClient.builder(), endpoint, who).build();
    }

    static CloudTrailClient cloudTrail(final String endpoint, final CallerCredentials who) {
        return configure(CloudTrailClient.builder(), endpoint, who).build();
    }

    static EventBridgeClient eventBridge(final String endpoint, final CallerCredentials who) {
        return configure(EventBridgeClient.builder(), endpoint, who).build();
    }

    static SnsClient sns(final String endpoint, final CallerCredentials who) {
        return configure(SnsClient.builder(), endpoint, who).build();
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(final B builder, final String endpoint,
                                                                  final CallerCredentials who) {
        return builder.endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(who.accessKeyId(),
                who.secretAccessKey())))
            .overrideConfiguration(ClientOverrideConfiguration.builder()
                .retryStrategy(DefaultRetryStrategy.doNotRetry())
                .apiCallTimeout(Duration.ofSeconds(60)).build());
    }

    /**
     * One boto3 call ({@code client.<method>(**params)}) through Debian's python3-boto3; its printed line: {@code ok}
     * with the response, or {@code error} (Code, Message), {@code type} (the exception class) and {@code status};
     * with {@code botocore} and {@code protocol} saying who spoke.
     */
    static JsonNode boto3(final String endpoint, final Path credentialsFile, final String service,
                          final String method, final String paramsJson) throws IOException, InterruptedException {
        final Path script;
        try {
            script = Path.of(AwsClients.class.getResource("/interop/boto3_call.py").toURI());
        } catch (final URISyntaxException e) {
            throw new IOException(e);
        }
        final Result result = run(List.of(DEBIAN_PYTHON.toString(), script.toString(), endpoint, service, method,
            paramsJson), credentialsFile);
        if (result.exitCode() != 0) {
            throw new AssertionError("boto3_call.py failed (" + result.exitCode() + "): " + result.stderr());
        }
        return JSON.readTree(result.stdout());
    }

    /** The AWS CLI ({@code aws <args> --endpoint-url <endpoint> --output json}) with the credentials file. */
    static Result awsCli(final String endpoint, final Path credentialsFile, final String... args)
        throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint, "--output", "json", "--cli-connect-timeout", "10"));
        return run(command, credentialsFile);
    }

    /** What a process printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        JsonNode json() {
            return tree(stdout);
        }
    }

    /** JSON text as a tree, for assertions and Awaitility's conditions. */
    static JsonNode tree(final String json) {
        try {
            return JSON.readTree(json);
        } catch (final IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Result run(final List<String> command, final Path credentialsFile)
        throws IOException, InterruptedException {
        final Path out = Files.createTempFile("aws-client", ".out");
        final Path err = Files.createTempFile("aws-client", ".err");
        try {
            final ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(err.toFile());
            final Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("AWS_"));
            env.put("AWS_SHARED_CREDENTIALS_FILE", credentialsFile.toString());
            env.put("AWS_CONFIG_FILE", credentialsFile.resolveSibling("no-aws-config").toString());
            env.put("AWS_PROFILE", "trailwatch");
            env.put("AWS_DEFAULT_REGION", "us-east-1");
            env.put("AWS_MAX_ATTEMPTS", "1");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            final Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
