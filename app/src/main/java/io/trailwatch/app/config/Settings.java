package io.trailwatch.app.config;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The settings in force and where each came from. Sources, strongest first: flags ({@code --set NAME=VALUE}, or the
 * option of {@code up} itself), environment variables ({@link SettingsCatalogue#environmentName}), the
 * {@code settings:} section of the {@code --config} YAML file, the declared defaults.
 */
public final class Settings {

    /** Where a value came from. */
    public enum Source { FLAG, ENVIRONMENT, FILE, DEFAULT }

    /** One setting's value (typed) and its source. */
    public record Value(Object value, Source source) { }

    /** The section of the config file that holds settings (the others hold definitions). */
    public static final String FILE_SECTION = "settings";

    private static final ObjectMapper YAML = YAMLMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final SettingsCatalogue catalogue;
    private final Map<String, Value> values;

    private Settings(final SettingsCatalogue catalogue, final Map<String, Value> values) {
        this.catalogue = catalogue;
        this.values = values;
    }

    /**
     * Resolves every setting.
     *
     * @param flags {@code NAME=VALUE} pairs given on the command line, and values of {@code up}'s own options
     * @param environment the process environment: only {@code TRAILWATCH_} names of known settings are read
     * @param file the config file, or null
     * @throws ConfigException one line naming the first unknown or invalid setting, its source and what is allowed
     */
    public static Settings resolve(final SettingsCatalogue catalogue, final Map<String, String> flags,
                                   final Map<String, String> environment, final Path file) {
        final Map<String, Value> values = new TreeMap<>();
        catalogue.keys().values().forEach(key -> values.put(key.name,
            new Value(key.hasDefault() ? key.defaultValue : null, Source.DEFAULT)));
        fileSettings(file).forEach((name, value) -> values.put(name,
            new Value(parse(catalogue, name, value, "in " + file), Source.FILE)));
        final Map<String, String> byEnvironmentName = new LinkedHashMap<>();
        catalogue.knownNames().keySet()
            .forEach(name -> byEnvironmentName.putIfAbsent(SettingsCatalogue.environmentName(name), name));
        environment.forEach((variable, value) -> {
            final String name = byEnvironmentName.get(variable);
            if (name != null) {
                values.put(name, new Value(parse(catalogue, name, value, "in env " + variable), Source.ENVIRONMENT));
            }
        });
        flags.forEach((name, value) -> values.put(name, new Value(parse(catalogue, name, value, "on the command line"),
            Source.FLAG)));
        return new Settings(catalogue, values);
    }

    /** {@code NAME=VALUE} of {@code --set}, split; a pair without {@code =} is refused. */
    public static Map<String, String> pairs(final List<String> given) {
        final Map<String, String> pairs = new LinkedHashMap<>();
        for (final String pair : given == null ? List.<String>of() : given) {
            final int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new ConfigException("--set " + pair + ": expected NAME=VALUE");
            }
            pairs.put(pair.substring(0, equals).trim(), pair.substring(equals + 1));
        }
        return pairs;
    }

    private static Object parse(final SettingsCatalogue catalogue, final String name, final Object value,
                                final String where) {
        try {
            return catalogue.parse(name, value);
        } catch (final ConfigException e) {
            throw new ConfigException(e.getMessage() + " (" + where + ")");
        }
    }

    /** The {@code settings:} mapping of the YAML file; nested mappings join their keys with dots. */
    static Map<String, Object> fileSettings(final Path file) {
        if (file == null) {
            return Map.of();
        }
        final JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (final IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        final JsonNode section = root == null ? null : root.get(FILE_SECTION);
        if (section == null || section.isNull()) {
            return Map.of();
        }
        if (!section.isObject()) {
            throw new ConfigException(FILE_SECTION + " in " + file + " must be a mapping of setting names to values");
        }
        final Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", section, flat);
        return flat;
    }

    private static void flatten(final String prefix, final JsonNode node, final Map<String, Object> into) {
        node.fields().forEachRemaining(field -> {
            final String name = prefix + field.getKey();
            if (field.getValue().isObject()) {
                flatten(name + ".", field.getValue(), into);
            } else if (field.getValue().isArray()) {
                final List<String> items = new ArrayList<>();
                field.getValue().forEach(item -> items.add(item.asText()));
                into.put(name, items);
            } else {
                into.put(name, field.getValue().isNull() ? null : field.getValue().asText());
            }
        });
    }

    public Map<String, Value> all() {
        return values;
    }

    public Object get(final String name) {
        final Value value = values.get(name);
        return value == null ? null : value.value();
    }

    /** Settings whose name starts with the prefix, without it, as text (passwords revealed: for clients only). */
    public Map<String, String> withPrefix(final String prefix) {
        final Map<String, String> found = new TreeMap<>();
        values.forEach((name, value) -> {
            if (name.startsWith(prefix) && value.value() != null && value.source() != Source.DEFAULT) {
                found.put(name.substring(prefix.length()), text(value.value(), false));
            }
        });
        return found;
    }

    /** The {@code trailwatch.*} settings of the processors and their {@code streams.*} ones, as ProcessorsConfig
     * takes them (set ones only: ProcessorsConfig has the same defaults). */
    public Map<String, Object> processorSettings() {
        final Map<String, Object> settings = new TreeMap<>();
        values.forEach((name, value) -> {
            if (value.source() != Source.DEFAULT && catalogue.flagOf(name) == null && name.startsWith("trailwatch.")
                && io.trailwatch.processors.runtime.ProcessorsConfig.DEFINITION.names().contains(name)) {
                settings.put(name, value.value());
            }
        });
        withPrefix(SettingsCatalogue.STREAMS_PREFIX).forEach(settings::put);
        return settings;
    }

    /** The registry.* settings under the serde's names ({@link io.trailwatch.schemas.serde.AvroSerdeConfig}). */
    public Map<String, Object> registrySettings() {
        final Map<String, Object> serde = new TreeMap<>();
        REGISTRY_SERDE_NAMES.forEach((name, serdeName) -> {
            final Object value = get(name);
            if (value != null && !"".equals(value)) {
                serde.put(serdeName, value);
            }
        });
        return serde;
    }

    private static final Map<String, String> REGISTRY_SERDE_NAMES = Map.of(
        SettingsCatalogue.REGISTRY_BASIC_AUTH, io.trailwatch.schemas.serde.AvroSerdeConfig.BASIC_AUTH_USER_INFO,
        SettingsCatalogue.REGISTRY_BEARER_TOKEN, io.trailwatch.schemas.serde.AvroSerdeConfig.BEARER_AUTH_TOKEN,
        SettingsCatalogue.REGISTRY_TRUSTSTORE, io.trailwatch.schemas.serde.AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION,
        SettingsCatalogue.REGISTRY_TRUSTSTORE_PASSWORD,
        io.trailwatch.schemas.serde.AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD);

    /** One line per setting: name, value (secrets masked), source. */
    public List<String> describe() {
        final List<String> lines = new ArrayList<>();
        values.forEach((name, value) -> lines.add(name + " = " + (catalogue.secret(name) && value.value() != null
            ? "******" : text(value.value(), true)) + "  (" + value.source().name().toLowerCase(java.util.Locale.ROOT)
            + (value.source() == Source.ENVIRONMENT ? " " + SettingsCatalogue.environmentName(name) : "") + ")"));
        return lines;
    }

    private static String text(final Object value, final boolean printable) {
        final String text = value == null ? "" : value instanceof Password password ? password.value()
            : value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
            : String.valueOf(value);
        return printable ? io.trailwatch.schemas.text.Printable.escape(text) : text;
    }
}
