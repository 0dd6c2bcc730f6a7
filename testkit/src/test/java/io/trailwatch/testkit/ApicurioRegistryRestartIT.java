package io.trailwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.schemas.registry.RestSchemaRegistryClient;
import io.trailwatch.stack.ApicurioRegistry;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry of its own, not the shared one: what `trailwatch up` users see across restarts. */
class ApicurioRegistryRestartIT {

    @Test
    void schemaIdsRegisteredBeforeARestartResolveAfterItAndNewIdsDoNotCollide(@TempDir final Path dataDir) {
        final String subject = "restart-thing-value";
        final int id;
        final long firstPid;
        try (ApicurioRegistry registry = ApicurioRegistry.builder().dataDir(dataDir).build().start()) {
            firstPid = registry.pid();
            id = new RestSchemaRegistryClient(registry.ccompatUrl()).register(subject, SchemaRegistryIT.V1);
        }
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive)).as("first registry process").isNotEqualTo(
            java.util.Optional.of(true));

        try (ApicurioRegistry restarted = ApicurioRegistry.builder().dataDir(dataDir).build().start()) {
            final RestSchemaRegistryClient client = new RestSchemaRegistryClient(restarted.ccompatUrl());
            assertThat(client.schemaById(id)).isEqualTo(SchemaRegistryIT.V1);
            assertThat(client.register(subject, SchemaRegistryIT.V1)).isEqualTo(id);
            final Schema other = new Schema.Parser().parse("""
                {"type": "record", "name": "Other", "namespace": "io.trailwatch.it",
                 "fields": [{"name": "x", "type": "long"}]}""");
            assertThat(client.register("restart-other-value", other)).isNotEqualTo(id);
            // Compatibility still enforced after the restart.
            assertThat(client.isCompatible(subject, SchemaRegistryIT.V2_REQUIRED_FIELD)).isFalse();
        }
        assertThat(dataDir.resolve("registry.log")).isNotEmptyFile();
    }
}
