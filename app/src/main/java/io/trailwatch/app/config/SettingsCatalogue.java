package io.trailwatch.app.config;

import io.trailwatch.processors.runtime.ProcessorsConfig;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every setting of Trailwatch, declared once: its name, type, default, validation and documentation, in Kafka's
 * {@link ConfigDef}. Three kinds of declaration feed it, so that a new setting is one declaration where it belongs:
 * <ul>
 *   <li>the processors' {@code trailwatch.*} settings ({@link ProcessorsConfig#DEFINITION}); its Kafka Streams ones
 *       are named {@code streams.<name>} here;</li>
 *   <li>each option of {@code trailwatch up} ({@code --http-port} is {@code trailwatch.http.port}), read from its
 *       picocli declaration;</li>
 *   <li>the settings of this class ({@link #OWN}): registry authentication and TLS, topic policy.</li>
 * </ul>
 * Plus pass-through prefixes, checked against Kafka's own declarations: {@code kafka.<client setting>} goes to every
 * Kafka client Trailwatch creates and {@code streams.<Streams setting>} to Kafka Streams only.
 */
public final class SettingsCatalogue {

    public static final String KAFKA_PREFIX = "kafka.";
    public static final String STREAMS_PREFIX = "streams.";

    public static final String REGISTRY_BASIC_AUTH = "registry.basic.auth.user.info";
    public static final String REGISTRY_BEARER_TOKEN = "registry.bearer.auth.token";
    public static final String REGISTRY_TRUSTSTORE = "registry.ssl.truststore.location";
    public static final String REGISTRY_TRUSTSTORE_PASSWORD = "registry.ssl.truststore.password";
    public static final String TOPICS_REPLICATION_FACTOR = "trailwatch.topics.replication.factor";
    public static final String TOPICS_MIN_INSYNC_REPLICAS = "trailwatch.topics.min.insync.replicas";

    /** Settings that are no other component's own. */
    public static final ConfigDef OWN = new ConfigDef()
        .define(REGISTRY_BASIC_AUTH, Type.PASSWORD, null, Importance.MEDIUM,
            "user:password for HTTP basic authentication at an external schema registry (--schema-registry-url).")
        .define(REGISTRY_BEARER_TOKEN, Type.PASSWORD, null, Importance.MEDIUM,
            "Bearer token for an external schema registry; excludes " + REGISTRY_BASIC_AUTH + ".")
        .define(REGISTRY_TRUSTSTORE, Type.STRING, "", Importance.MEDIUM,
            "Trust store (PKCS12 or JKS) of the external registry's TLS certificate; empty: the JVM's CAs.")
        .define(REGISTRY_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW, "Its password.")
        .define(TOPICS_REPLICATION_FACTOR, Type.SHORT, (short) -1, ConfigDef.Range.atLeast(-1), Importance.HIGH,
            "Replication factor of the topics Trailwatch creates, and the least it accepts of existing ones; "
                + "-1: the broker's default.replication.factor (and any existing one).")
        .define(TOPICS_MIN_INSYNC_REPLICAS, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.HIGH,
            "min.insync.replicas of the topics Trailwatch creates, and the least it accepts of existing ones; 0: the "
                + "broker's default (and any existing one).");

    /** Values shown as ****** by {@code config describe}, whatever their declared type. */
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|jaas|token|user\\.info|key\\.pem"
        + "|routing\\.key|webhook\\.url|credentials).*");

    /** Options of {@code up} that are not settings: about the command itself. */
    private static final Set<String> NOT_SETTINGS = Set.of("--help", "--version", "--config", "--set");

    /** Processors' settings the stack sets itself from the flags that name the cluster and registry. */
    private static final Set<String> FROM_FLAGS = Set.of(ProcessorsConfig.BOOTSTRAP_SERVERS,
        ProcessorsConfig.SCHEMA_REGISTRY_URL);

    private static final List<ConfigDef> KAFKA_CLIENTS = List.of(AdminClientConfig.configDef(),
        ProducerConfig.configDef(), ConsumerConfig.configDef());

    private final ConfigDef definition = new ConfigDef();
    private final Map<String, String> flagByKey = new TreeMap<>();

    /** The catalogue of the processors, {@link #OWN} and the options of {@code up} as {@code spec} declares them. */
    public SettingsCatalogue(final CommandSpec up) {
        ProcessorsConfig.DEFINITION.configKeys().values().stream()
            .filter(key -> !FROM_FLAGS.contains(key.name))
            .forEach(key -> definition.define(renamed(key, key.name.startsWith("trailwatch.") ? key.name
                : STREAMS_PREFIX + key.name)));
        OWN.configKeys().values().forEach(definition::define);
        for (final OptionSpec option : up.options()) {
            final String key = flagKey(option);
            if (key != null) {
                flagByKey.put(key, option.names()[0]);
                definition.define(key, typeOf(option), defaultOf(option), Importance.MEDIUM,
                    String.join(" ", option.description()) + " (flag " + option.names()[0] + ")");
            }
        }
    }

    /** {@code --http-port} is {@code trailwatch.http.port} (an option's first name); null: not a setting. */
    public static String flagKey(final OptionSpec option) {
        final String name = option.names()[0];
        return NOT_SETTINGS.contains(option.longestName()) || !name.startsWith("--") ? null
            : "trailwatch." + name.substring(2).replace('-', '.');
    }

    /** The environment variable of a setting: {@code TRAILWATCH_} and the name without {@code trailwatch.}, as
     * upper case with {@code _} for {@code .} and {@code -}. */
    public static String environmentName(final String key) {
        final String name = key.startsWith("trailwatch.") ? key.substring("trailwatch.".length()) : key;
        return "TRAILWATCH_" + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Declared settings, by name. */
    public Map<String, ConfigDef.ConfigKey> keys() {
        return definition.configKeys();
    }

    /** The {@code up} option a setting is the value of, or null. */
    public String flagOf(final String key) {
        return flagByKey.get(key);
    }

    /** Every name that may be given: declared ones and those of the pass-through prefixes. */
    public Map<String, ConfigDef.ConfigKey> knownNames() {
        final Map<String, ConfigDef.ConfigKey> all = new LinkedHashMap<>(definition.configKeys());
        KAFKA_CLIENTS.forEach(def -> def.configKeys().values()
            .forEach(key -> all.putIfAbsent(KAFKA_PREFIX + key.name, key)));
        StreamsConfig.configDef().configKeys().values()
            .forEach(key -> all.putIfAbsent(STREAMS_PREFIX + key.name, key));
        return all;
    }

    /**
     * The typed value of a setting given as text (or as YAML gave it), validated.
     *
     * @throws ConfigException naming the setting and what is allowed
     */
    public Object parse(final String name, final Object value) {
        final ConfigDef.ConfigKey key = knownNames().get(name);
        if (key == null) {
            throw new ConfigException("unknown setting '" + name + "': allowed are the names `trailwatch config "
                + "describe` lists, " + KAFKA_PREFIX + "<Kafka client setting> and " + STREAMS_PREFIX
                + "<Kafka Streams setting>");
        }
        final Object parsed = ConfigDef.parseType(name, value instanceof Collection<?> list
            ? String.join(",", list.stream().map(String::valueOf).toList()) : value, key.type);
        if (key.validator != null) {
            key.validator.ensureValid(name, parsed);
        }
        return parsed;
    }

    /** Whether describe masks the setting's value. */
    public boolean secret(final String name) {
        final ConfigDef.ConfigKey key = knownNames().get(name);
        return key != null && key.type == Type.PASSWORD || SECRET.matcher(name).matches();
    }

    private static ConfigDef.ConfigKey renamed(final ConfigDef.ConfigKey key, final String name) {
        return new ConfigDef.ConfigKey(name, key.type, key.defaultValue, key.validator, key.importance,
            key.documentation, key.group, key.orderInGroup, key.width, key.displayName, key.dependents,
            key.recommender, key.internalConfig);
    }

    private static Type typeOf(final OptionSpec option) {
        final Class<?> type = option.type();
        if (type == int.class || type == Integer.class) {
            return Type.INT;
        }
        if (type == boolean.class || type == Boolean.class) {
            return Type.BOOLEAN;
        }
        return Collection.class.isAssignableFrom(type) ? Type.LIST : Type.STRING;
    }

    private static Object defaultOf(final OptionSpec option) {
        // ${env:NAME:-fallback}: the environment is a source of its own here, the fallback is the default.
        final String declared = option.defaultValue();
        final String text = declared != null && declared.startsWith("${env:")
            ? declared.contains(":-") ? declared.substring(declared.indexOf(":-") + 2, declared.length() - 1) : null
            : declared;
        if (text == null) {
            return typeOf(option) == Type.BOOLEAN ? Boolean.FALSE : typeOf(option) == Type.LIST ? "" : null;
        }
        return text;
    }
}
