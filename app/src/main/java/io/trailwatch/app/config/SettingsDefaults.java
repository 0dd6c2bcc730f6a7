package io.trailwatch.app.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The value of an option of {@code up} (or {@code doctor}) not given on the command line: its environment variable,
 * else its setting in the config file, else its declared default. So each option is a setting of the catalogue
 * without a line of its own.
 */
public final class SettingsDefaults implements CommandLine.IDefaultValueProvider {

    private final Map<String, String> environment;
    private volatile Path configFile;
    private volatile Map<String, Object> fileSettings = Map.of();

    public SettingsDefaults(final Map<String, String> environment) {
        this.environment = environment;
    }

    /** Reads the {@code --config FILE} of these arguments, if any, before picocli parses them. */
    public void readConfigOf(final String[] args) {
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                file = Path.of(args[i + 1]);
            } else if (args[i].startsWith("--config=")) {
                file = Path.of(args[i].substring("--config=".length()));
            }
        }
        configFile = file;
        try {
            fileSettings = file == null ? Map.of() : Settings.fileSettings(file);
        } catch (final RuntimeException unreadable) {
            // The command reports it, with the rest of the file's problems, once parsed.
            fileSettings = Map.of();
        }
    }

    @Override
    public String defaultValue(final ArgSpec argument) {
        final String key = argument instanceof OptionSpec option ? SettingsCatalogue.flagKey(option) : null;
        if (key == null) {
            return null;
        }
        final String fromEnvironment = environment.get(SettingsCatalogue.environmentName(key));
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        final Object fromFile = fileSettings.get(key);
        return fromFile instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
            : fromFile == null ? null : fromFile.toString();
    }

    public Path configFile() {
        return configFile;
    }
}
