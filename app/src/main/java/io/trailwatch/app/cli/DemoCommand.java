package io.trailwatch.app.cli;

import io.trailwatch.app.demo.DemoRunner;
import io.trailwatch.processors.definitions.ConfigFile;
import io.trailwatch.processors.definitions.DefinitionWriter;
import io.trailwatch.schemas.serde.SerdeContext;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/** {@code trailwatch demo}: the demo's definitions and traffic, against a running Trailwatch. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Load the demo's filter and alarm into a running Trailwatch and publish sample traffic, a "
        + "DeleteBucket call among it, until Ctrl-C. Watch with: trailwatch tail alarms")
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        try (InputStream in = DemoCommand.class.getResourceAsStream(UpCommand.DEMO_CONFIG);
             DefinitionWriter writer = new DefinitionWriter(connection.kafka(),
                 SerdeContext.forRegistry(connection.schemaRegistryUrl()))) {
            writer.put(ConfigFile.parse(in, "demo config"));
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        final DemoRunner runner = new DemoRunner(connection.kafka(), connection.schemaRegistryUrl(), out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            stopped.countDown();
        }, "trailwatch-demo-stop"));
        runner.start();
        stopped.await();
        return CommandLine.ExitCode.OK;
    }
}
