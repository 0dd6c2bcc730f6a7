package io.trailwatch.app.cli;

import io.trailwatch.app.config.Settings;
import io.trailwatch.app.stack.ClusterDoctor;
import io.trailwatch.schemas.kafka.KafkaAccess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trailwatch doctor}: checks a deployment's cluster, registry and object store before {@code up}. */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = {"Check what trailwatch up with the same "
    + "settings would use: the Kafka cluster (login, Trailwatch's topics against trailwatch.topics.*, ACLs), the "
    + "schema registry, the object store and Kafka Connect. One line per problem and exit code 1, or a short OK "
    + "summary."})
public final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "The config file of trailwatch up.")
    Path config;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A setting, as up's --set. Repeatable.")
    List<String> sets;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "The cluster (setting "
        + "trailwatch.bootstrap.servers).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "The registry (setting "
        + "trailwatch.schema.registry.url).")
    String schemaRegistryUrl;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final List<String> given = new ArrayList<>(sets == null ? List.of() : sets);
        if (bootstrapServers != null) {
            given.add("trailwatch.bootstrap.servers=" + bootstrapServers);
        }
        if (schemaRegistryUrl != null) {
            given.add("trailwatch.schema.registry.url=" + schemaRegistryUrl);
        }
        final ClusterDoctor doctor = new ClusterDoctor();
        try {
            final Settings settings = UpCommand.settings(config, given);
            final String bootstrap = (String) settings.get("trailwatch.bootstrap.servers");
            if (bootstrap == null) {
                spec.commandLine().getErr().println("trailwatch doctor: name the cluster: --bootstrap-servers, "
                    + "env TRAILWATCH_BOOTSTRAP_SERVERS or trailwatch.bootstrap.servers in the config file");
                return CommandLine.ExitCode.USAGE;
            }
            doctor.kafka(new KafkaAccess(bootstrap, UpCommand.kafkaSecurity(settings, bootstrap,
                    (String) settings.get("trailwatch.kafka.sasl.username"))), UpCommand.topicPolicy(settings))
                .registry((String) settings.get("trailwatch.schema.registry.url"), settings.registrySettings())
                .reachable("object store", Boolean.TRUE.equals(settings.get("trailwatch.no.archive")) ? null
                    : named(settings, "trailwatch.s3.endpoint"))
                .reachable("Kafka Connect", named(settings, "trailwatch.connect.url"));
        } catch (final ConfigException e) {
            spec.commandLine().getErr().println("trailwatch doctor: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        if (!doctor.problems().isEmpty()) {
            doctor.problems().forEach(problem -> spec.commandLine().getOut().println("problem: " + problem));
            spec.commandLine().getOut().flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
        doctor.fine().forEach(line -> spec.commandLine().getOut().println("ok: " + line));
        spec.commandLine().getOut().flush();
        return CommandLine.ExitCode.OK;
    }

    /** A service the settings name, null where up would start its own (the default). */
    private static String named(final Settings settings, final String name) {
        final Settings.Value value = settings.all().get(name);
        return value == null || value.source() == Settings.Source.DEFAULT ? null : (String) value.value();
    }
}
