package io.trailwatch.sinks.archive;

import io.trailwatch.schemas.serde.AvroSerdeConfig;
import io.trailwatch.sinks.archive.digest.DigestSettings;
import io.trailwatch.sinks.archive.store.S3Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Every setting of the archive connector: default, validation and documentation, declared once. */
public final class ArchiveSinkConfig extends AbstractConfig {

    public static final String S3_BUCKET = "s3.bucket.name";
    public static final String S3_PREFIX = "s3.prefix";
    public static final String S3_ENDPOINT = "s3.endpoint";
    public static final String S3_REGION = "s3.region";
    public static final String S3_ACCESS_KEY_ID = "s3.access.key.id";
    public static final String S3_SECRET_ACCESS_KEY = "s3.secret.access.key";
    public static final String S3_PATH_STYLE = "s3.path.style.access";
    public static final String FORMAT = "archive.format";
    public static final String ACCOUNT_ID = "archive.account.id";
    public static final String REGION = "archive.region";
    public static final String SCHEMA_REGISTRY_URL = AvroSerdeConfig.SCHEMA_REGISTRY_URL;
    public static final String FLUSH_MAX_RECORDS = "flush.max.records";
    public static final String FLUSH_MAX_BYTES = "flush.max.bytes";
    public static final String ROTATE_INTERVAL_MS = "rotate.interval.ms";
    public static final String FLUSH_IDLE_MS = "flush.idle.ms";
    public static final String BUFFER_MAX_BYTES = "buffer.max.bytes";
    public static final String GZIP_LEVEL = "gzip.level";
    public static final String UPLOAD_THREADS = "upload.threads";
    public static final String DIGEST_ENABLED = "digest.enabled";
    public static final String DIGEST_INTERVAL_MS = "digest.interval.ms";
    public static final String DIGEST_DELAY_MS = "digest.delay.ms";
    public static final String DIGEST_SIGNING_KEY_FILE = "digest.signing.key.file";
    public static final String TRAIL_NAME = "trail.name";
    public static final String TRAIL_HOME_REGION = "trail.home.region";

    private static final String GROUP_S3 = "Object storage";
    private static final String GROUP_FORMAT = "Format";
    private static final String GROUP_ROTATION = "Rotation and memory";
    private static final String GROUP_DIGEST = "Integrity digests";
    private static final String NAME_PATTERN = "[A-Za-z0-9._-]+";

    public static final ConfigDef DEFINITION = new ConfigDef()
        .define(S3_BUCKET, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
            "Bucket the archive is written to. It must exist.", GROUP_S3, 1, Width.MEDIUM, "Bucket")
        .define(S3_PREFIX, Type.STRING, "", prefixValidator(), Importance.MEDIUM,
            "Key prefix in front of AWSLogs/, e.g. 'audit/' (CloudTrail's S3 key prefix). Empty or ending in '/'.",
            GROUP_S3, 2, Width.MEDIUM, "Key prefix")
        .define(S3_ENDPOINT, Type.STRING, "", Importance.HIGH,
            "S3 API endpoint, e.g. http://127.0.0.1:9000 for MinIO, Ceph or S3Proxy; empty for AWS S3.",
            GROUP_S3, 3, Width.LONG, "Endpoint")
        .define(S3_REGION, Type.STRING, "us-east-1", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
            "Region the requests are signed for.", GROUP_S3, 4, Width.SHORT, "Region")
        .define(S3_ACCESS_KEY_ID, Type.STRING, "", Importance.MEDIUM,
            "Static access key id; empty to use the AWS SDK's default credential chain (environment, profile, role).",
            GROUP_S3, 5, Width.MEDIUM, "Access key id")
        .define(S3_SECRET_ACCESS_KEY, Type.PASSWORD, "", Importance.MEDIUM,
            "Secret of the static access key.", GROUP_S3, 6, Width.MEDIUM, "Secret access key")
        .define(S3_PATH_STYLE, Type.BOOLEAN, false, Importance.LOW,
            "Path-style requests (endpoint/bucket/key) instead of virtual-hosted ones; most local servers need it.",
            GROUP_S3, 7, Width.SHORT, "Path-style access")
        .define(FORMAT, Type.STRING, ArchiveFormat.CLOUDTRAIL, ConfigDef.ValidString.in(ArchiveFormat.CLOUDTRAIL,
                ArchiveFormat.ALARM_HISTORY), Importance.HIGH,
            "What the topic holds and how it is archived: 'cloudtrail' (AuditEvent values, CloudTrail log files "
                + "partitioned by each record's account, region and event date) or 'alarm-history' "
                + "(AlarmStateChange values, CloudWatch alarm history items under the configured account and region).",
            GROUP_FORMAT, 1, Width.SHORT, "Format")
        .define(ACCOUNT_ID, Type.STRING, "000000000000", ConfigDef.LambdaValidator.with(
                (name, value) -> requireName(name, (String) value), () -> NAME_PATTERN), Importance.LOW,
            "Account id in the keys of alarm-history files (CloudTrail files take each record's own account).",
            GROUP_FORMAT, 2, Width.SHORT, "Account id")
        .define(REGION, Type.STRING, "us-east-1", ConfigDef.LambdaValidator.with(
                (name, value) -> requireName(name, (String) value), () -> NAME_PATTERN), Importance.LOW,
            "Region in the keys of alarm-history files.", GROUP_FORMAT, 3, Width.SHORT, "Region")
        .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
            Importance.HIGH, "Confluent-compatible schema registry the values' writer schemas are read from "
                + "(set value.converter to org.apache.kafka.connect.converters.ByteArrayConverter).",
            GROUP_FORMAT, 4, Width.LONG, "Schema registry URL")
        .define(AvroSerdeConfig.BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
            "user:password for HTTP basic authentication at the schema registry.", GROUP_FORMAT, 5, Width.MEDIUM,
            "Registry basic auth")
        .define(AvroSerdeConfig.BEARER_AUTH_TOKEN, Type.PASSWORD, null, Importance.MEDIUM,
            "Bearer token for the schema registry (instead of basic authentication).", GROUP_FORMAT, 6, Width.MEDIUM,
            "Registry bearer token")
        .define(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, Type.STRING, "", Importance.LOW,
            "Trust store (PKCS12 or JKS) of the registry's TLS certificate; empty: the JVM's CAs.", GROUP_FORMAT, 7,
            Width.LONG, "Registry trust store")
        .define(AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW,
            "Password of the registry's trust store.", GROUP_FORMAT, 8, Width.MEDIUM, "Registry trust store password")
        .define(FLUSH_MAX_RECORDS, Type.INT, 50_000, Range.between(1, 10_000_000), Importance.MEDIUM,
            "A partition's batch is uploaded once it holds this many records.", GROUP_ROTATION, 1, Width.SHORT,
            "Max records per batch")
        .define(FLUSH_MAX_BYTES, Type.LONG, 32L * 1024 * 1024, Range.atLeast(1024), Importance.MEDIUM,
            "A partition's batch is uploaded once its uncompressed JSON reaches this many bytes (CloudTrail keeps "
                + "compressed files under 50 MB).", GROUP_ROTATION, 2, Width.SHORT, "Max bytes per batch")
        .define(ROTATE_INTERVAL_MS, Type.LONG, 30_000L, Range.atLeast(1), Importance.MEDIUM,
            "Record-time rotation: a record whose Kafka timestamp is this much later than the batch's first record's "
                + "starts a new batch. Deterministic, so a replay cuts batches at the same records.",
            GROUP_ROTATION, 3, Width.SHORT, "Rotation interval")
        .define(FLUSH_IDLE_MS, Type.LONG, 10_000L, Range.atLeast(1), Importance.MEDIUM,
            "Idle flush: a batch that received no record for this long (wall clock) is uploaded, so a quiet "
                + "partition still delivers. Delivery is bounded by about max(rotate.interval.ms, flush.idle.ms).",
            GROUP_ROTATION, 4, Width.SHORT, "Idle flush")
        .define(BUFFER_MAX_BYTES, Type.LONG, 256L * 1024 * 1024, Range.atLeast(1024), Importance.MEDIUM,
            "Bound on the JSON bytes a task buffers across its partitions. Past it, put() uploads the largest "
                + "batches before it returns, which holds the consumer back (backpressure).",
            GROUP_ROTATION, 5, Width.SHORT, "Buffer bound")
        .define(GZIP_LEVEL, Type.INT, 6, Range.between(1, 9), Importance.LOW,
            "Deflate level of the .json.gz files: 1 is fastest, 9 smallest.", GROUP_ROTATION, 6, Width.SHORT,
            "gzip level")
        .define(UPLOAD_THREADS, Type.INT, 4, Range.between(1, 64), Importance.LOW,
            "Concurrent PUTs per task when a batch spans several accounts, regions or days.", GROUP_ROTATION, 7,
            Width.SHORT, "Upload threads")
        .define(DIGEST_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
            "Write signed digest files (CloudTrail log file integrity validation) under <service>-Digest/.",
            GROUP_DIGEST, 1, Width.SHORT, "Digests")
        .define(DIGEST_INTERVAL_MS, Type.LONG, Duration.ofHours(1).toMillis(), Range.atLeast(1_000), Importance.MEDIUM,
            "Period of each digest file (CloudTrail: one hour). A digest is written for every period, also when "
                + "no file was delivered in it.", GROUP_DIGEST, 2, Width.SHORT, "Digest interval")
        .define(DIGEST_DELAY_MS, Type.LONG, 60_000L, Range.atLeast(0), Importance.LOW,
            "How long after a period ends its digest is written, so uploads in flight at the boundary are in it.",
            GROUP_DIGEST, 3, Width.SHORT, "Digest delay")
        .define(DIGEST_SIGNING_KEY_FILE, Type.STRING, "", Importance.HIGH,
            "PEM file with the RSA private key (PKCS#8, 'BEGIN PRIVATE KEY') that signs digests (SHA256withRSA). "
                + "Required when digests are enabled; 'trailwatch up' generates one on first start.",
            GROUP_DIGEST, 4, Width.LONG, "Signing key file")
        .define(TRAIL_NAME, Type.STRING, "trailwatch", ConfigDef.LambdaValidator.with(
                (name, value) -> requireName(name, (String) value), () -> NAME_PATTERN), Importance.LOW,
            "Trail name in digest file names and the trail ARN validate-logs prints.", GROUP_DIGEST, 5, Width.SHORT,
            "Trail name")
        .define(TRAIL_HOME_REGION, Type.STRING, "us-east-1", ConfigDef.LambdaValidator.with(
                (name, value) -> requireName(name, (String) value), () -> NAME_PATTERN), Importance.LOW,
            "Home region in digest file names.", GROUP_DIGEST, 6, Width.SHORT, "Home region");

    public ArchiveSinkConfig(final Map<?, ?> originals) {
        super(DEFINITION, originals, false);
        final Optional<SettingException> problem = crossSettingProblem(this);
        if (problem.isPresent()) {
            throw problem.get();
        }
    }

    /**
     * A setting that is valid alone but not with the others, for a configuration whose settings are each valid:
     * what {@link ArchiveSinkConnector#validate} reports on that setting, and what the constructor throws.
     */
    static Optional<SettingException> crossSettingProblem(final Map<?, ?> originals) {
        return crossSettingProblem(new AbstractConfig(DEFINITION, originals, false));
    }

    private static Optional<SettingException> crossSettingProblem(final AbstractConfig config) {
        if (config.getBoolean(DIGEST_ENABLED)) {
            final String keyFile = config.getString(DIGEST_SIGNING_KEY_FILE);
            if (keyFile.isBlank()) {
                return Optional.of(new SettingException(DIGEST_SIGNING_KEY_FILE, keyFile,
                    "a signing key is required while " + DIGEST_ENABLED + " is true"));
            }
            if (!Files.isReadable(Path.of(keyFile))) {
                return Optional.of(new SettingException(DIGEST_SIGNING_KEY_FILE, keyFile, "no readable file there"));
            }
        }
        if (!config.getString(S3_ACCESS_KEY_ID).isBlank() && config.getPassword(S3_SECRET_ACCESS_KEY).value().isEmpty()) {
            return Optional.of(new SettingException(S3_SECRET_ACCESS_KEY, "(hidden)", "required with " + S3_ACCESS_KEY_ID));
        }
        return Optional.empty();
    }

    /** A bad value that knows which setting it belongs to (Kafka's exception keeps the name only in its message). */
    static final class SettingException extends ConfigException {

        private final String setting;

        SettingException(final String setting, final Object value, final String reason) {
            super(setting, value, reason);
            this.setting = setting;
        }

        String setting() {
            return setting;
        }
    }

    public S3Settings s3() {
        final String accessKey = getString(S3_ACCESS_KEY_ID);
        final Password secret = getPassword(S3_SECRET_ACCESS_KEY);
        return new S3Settings(emptyToNull(getString(S3_ENDPOINT)), getString(S3_REGION), getString(S3_BUCKET),
            emptyToNull(accessKey), accessKey.isBlank() ? null : secret.value(), getBoolean(S3_PATH_STYLE));
    }

    public String prefix() {
        return getString(S3_PREFIX);
    }

    public String format() {
        return getString(FORMAT);
    }

    public String accountId() {
        return getString(ACCOUNT_ID);
    }

    public String region() {
        return getString(REGION);
    }

    public int flushMaxRecords() {
        return getInt(FLUSH_MAX_RECORDS);
    }

    public long flushMaxBytes() {
        return getLong(FLUSH_MAX_BYTES);
    }

    public long rotateIntervalMs() {
        return getLong(ROTATE_INTERVAL_MS);
    }

    public long flushIdleMs() {
        return getLong(FLUSH_IDLE_MS);
    }

    public long bufferMaxBytes() {
        return getLong(BUFFER_MAX_BYTES);
    }

    public int gzipLevel() {
        return getInt(GZIP_LEVEL);
    }

    public int uploadThreads() {
        return getInt(UPLOAD_THREADS);
    }

    public boolean digestEnabled() {
        return getBoolean(DIGEST_ENABLED);
    }

    public DigestSettings digest() {
        return new DigestSettings(Duration.ofMillis(getLong(DIGEST_INTERVAL_MS)),
            Duration.ofMillis(getLong(DIGEST_DELAY_MS)), Path.of(getString(DIGEST_SIGNING_KEY_FILE)),
            getString(TRAIL_NAME), getString(TRAIL_HOME_REGION));
    }

    private static ConfigDef.Validator prefixValidator() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            final String prefix = (String) value;
            if (!prefix.isEmpty() && (!prefix.endsWith("/") || prefix.startsWith("/") || prefix.contains("//"))) {
                throw new ConfigException(name, prefix, "must be empty or like 'a/b/': no leading '/', ending in '/'");
            }
        }, () -> "empty or ending in '/'");
    }

    private static void requireName(final String name, final String value) {
        if (value == null || !value.matches(NAME_PATTERN)) {
            throw new ConfigException(name, value, "must match " + NAME_PATTERN);
        }
    }

    private static String emptyToNull(final String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
