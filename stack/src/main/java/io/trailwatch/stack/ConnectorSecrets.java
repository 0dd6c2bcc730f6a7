package io.trailwatch.stack;

import io.trailwatch.schemas.files.OwnerOnlyFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Keeps connector secrets out of every connector configuration that Kafka Connect's REST API returns: each secret's
 * value goes to an owner-only properties file, and the configuration holds a reference to it,
 * {@code ${file:/path/connector-secrets.properties:<connector>.<key>}}, which the worker's {@code FileConfigProvider}
 * ({@link #workerConfig(Path)}) resolves when it starts the connector and its tasks. {@code GET
 * /connectors/<name>/config} (and the task configs, which Connect maps back to the references) shows the reference.
 *
 * <pre>{@code
 * ConnectorSecrets secrets = new ConnectorSecrets(dir.resolve(ConnectorSecrets.FILE_NAME), Set.of("s3.secret.access.key"));
 * Map<String, String> config = secrets.externalize(archiveConfig);
 * secrets.write();
 * }</pre>
 */
public final class ConnectorSecrets {

    public static final String FILE_NAME = "connector-secrets.properties";
    /** The name the worker knows the provider by, as in {@code ${file:...}}. */
    public static final String PROVIDER = "file";
    public static final String PROVIDER_CLASS = "org.apache.kafka.common.config.provider.FileConfigProvider";
    /**
     * Key endings that are secrets whatever the connector: passwords, secret keys, SASL logins, a registry's
     * {@code basic.auth.user.info}, tokens.
     */
    private static final List<String> SECRET_ENDINGS = List.of("password", "secret", "secret.key", "secret.access.key",
        "sasl.jaas.config", "user.info", "token", "api.key");
    /** A value with a variable reference in it, which is left as it is (it is resolved by the worker already). */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}]*}");

    private final Path file;
    private final Set<String> secretKeys;
    private final Map<String, String> values = new TreeMap<>();

    /**
     * @param file       the properties file the secrets go to (absolute; its path may not hold ':', '{' or '}',
     *                   which a reference cannot carry)
     * @param secretKeys the connector settings that are secrets, beside those whose names say so
     *                   ({@link #isSecret(String)})
     */
    public ConnectorSecrets(final Path file, final Collection<String> secretKeys) {
        this.file = file.toAbsolutePath().normalize();
        final String path = this.file.toString();
        if (path.indexOf(':') >= 0 || path.indexOf('{') >= 0 || path.indexOf('}') >= 0) {
            throw new IllegalArgumentException("a config provider reference cannot name " + path
                + ": its path holds ':', '{' or '}'");
        }
        this.secretKeys = Set.copyOf(secretKeys);
    }

    /** The worker settings under which references to files under {@code dir} resolve, and to no other file. */
    public static Map<String, String> workerConfig(final Path dir) {
        final Map<String, String> config = new LinkedHashMap<>();
        config.put("config.providers", PROVIDER);
        config.put("config.providers." + PROVIDER + ".class", PROVIDER_CLASS);
        // A connector (even one registered with the credentials) may read no other file through the provider.
        config.put("config.providers." + PROVIDER + ".param.allowed.paths", dir.toAbsolutePath().normalize().toString());
        return config;
    }

    /** Whether the setting {@code key} is a secret: one of the keys given, or named as passwords and keys are. */
    public boolean isSecret(final String key) {
        return isSecret(key, secretKeys);
    }

    /** Whether the setting {@code key} is a secret: one of {@code secretKeys}, or named as passwords and keys are. */
    public static boolean isSecret(final String key, final Collection<String> secretKeys) {
        if (secretKeys.contains(key)) {
            return true;
        }
        final String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_ENDINGS.stream().anyMatch(ending -> lower.equals(ending) || lower.endsWith("." + ending)
            || lower.endsWith("_" + ending));
    }

    /**
     * The configuration with the value of each secret setting replaced by a reference to this file, which holds the
     * value once {@link #write()} has run. Values that are references already, and empty ones, stay as they are.
     *
     * @param config a connector configuration, with its {@code name}
     */
    public Map<String, String> externalize(final Map<String, String> config) {
        final String name = config.get("name");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a connector config needs a name");
        }
        final Map<String, String> result = new LinkedHashMap<>(config);
        config.forEach((key, value) -> {
            if (value != null && !value.isEmpty() && isSecret(key) && !REFERENCE.matcher(value).find()) {
                final String entry = name + "." + key;
                synchronized (values) {
                    values.put(entry, value);
                }
                result.put(key, reference(entry));
            }
        });
        return result;
    }

    /** {@code ${file:<this file>:<entry>}}. */
    public String reference(final String entry) {
        return "${" + PROVIDER + ":" + file + ":" + entry + "}";
    }

    public Path file() {
        return file;
    }

    /** Writes the secrets of every configuration externalized so far, owner-only (0600), replacing the file. */
    public Path write() {
        final Properties properties = new Properties();
        synchronized (values) {
            properties.putAll(values);
        }
        final StringWriter text = new StringWriter();
        try {
            properties.store(text, "Kafka Connect connector secrets, read through FileConfigProvider. Owner-only.");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return OwnerOnlyFiles.write(file, text.toString());
    }
}
