package io.trailwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioRegistryTest {

    @Test
    void aMissingDistributionFailsNamingWhereItLookedAndHowToFixIt(@TempDir final Path dir) {
        final Path missing = dir.resolve("no-apicurio-here");

        assertThatThrownBy(() -> ApicurioRegistry.builder().home(missing).build())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(missing.toString())
            .hasMessageContaining(ApicurioRegistry.HOME_PROPERTY);
    }

    @Test
    void aDirectoryWithoutTheRunnerJarIsRejected(@TempDir final Path dir) {
        assertThatThrownBy(() -> ApicurioRegistry.builder().home(dir).build())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("runner.jar");
    }

    @Test
    void aRequestedPortThatIsInUseFailsBeforeLaunchingAnything(@TempDir final Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            final ApicurioRegistry registry = ApicurioRegistry.builder().port(taken.getLocalPort()).dataDir(dir).build();

            assertThatThrownBy(registry::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("port " + taken.getLocalPort())
                .hasMessageContaining("in use");
            assertThat(registry.isRunning()).isFalse();
        }
    }

    @Test
    void noSettingMovesTheRegistryOffLoopback(@TempDir final Path dir) throws Exception {
        Files.createFile(dir.resolve("apicurio-registry-app-2.6.13.Final-runner.jar"));
        final ApicurioRegistry registry = ApicurioRegistry.builder().home(dir).dataDir(dir.resolve("data"))
            .systemProperty("quarkus.http.host", "0.0.0.0").build();

        assertThat(registry.childProperties()).containsEntry("quarkus.http.host", "127.0.0.1");
        assertThat(registry.command(dir.resolve("apicurio-registry-app-2.6.13.Final-runner.jar")))
            .contains("-Dquarkus.http.host=127.0.0.1").doesNotContain("-Dquarkus.http.host=0.0.0.0");
    }

    @Test
    void theBuildTimeLocationHoldsTheUnpackedDistribution() {
        assertThat(ApicurioRegistry.defaultHome().resolve("lib")).isDirectory();
    }

    @Test
    void systemPropertiesPrecedeTheJarSoTheJvmRatherThanMainReceivesThem(@TempDir final Path dir) throws Exception {
        Files.createFile(dir.resolve("apicurio-registry-app-2.6.13.Final-runner.jar"));
        final ApicurioRegistry registry = ApicurioRegistry.builder().home(dir).dataDir(dir.resolve("data"))
            .systemProperty("quarkus.log.level", "WARN").build();

        final List<String> command = registry.command(dir.resolve("apicurio-registry-app-2.6.13.Final-runner.jar"));

        final int jar = command.indexOf("-jar");
        assertThat(jar).isEqualTo(command.size() - 2);
        assertThat(command.subList(0, jar)).contains("-Dquarkus.log.level=WARN", "-Dquarkus.http.host=127.0.0.1")
            .anySatisfy(arg -> assertThat(arg)
                .startsWith("-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + dir.resolve("data").resolve("registry")));
        assertThat(Path.of(command.get(0))).isExecutable();
    }
}
