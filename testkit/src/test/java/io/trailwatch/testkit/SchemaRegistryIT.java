package io.trailwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.schemas.registry.RestSchemaRegistryClient;
import io.trailwatch.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry client against real Apicurio, whose global compatibility the stack sets to BACKWARD. */
@ExtendWith(RealInfrastructure.class)
class SchemaRegistryIT {

    static final Schema V1 = parse("""
        {"type": "record", "name": "Thing", "namespace": "io.trailwatch.it",
         "fields": [{"name": "id", "type": "string"}]}""");
    /** Adds a field with a default: a reader on V2 can read V1 data. */
    static final Schema V2_WITH_DEFAULT = parse("""
        {"type": "record", "name": "Thing", "namespace": "io.trailwatch.it",
         "fields": [{"name": "id", "type": "string"},
                    {"name": "note", "type": ["null", "string"], "default": null}]}""");
    /** Adds a required field: a reader on this schema cannot read V1 data. */
    static final Schema V2_REQUIRED_FIELD = parse("""
        {"type": "record", "name": "Thing", "namespace": "io.trailwatch.it",
         "fields": [{"name": "id", "type": "string"}, {"name": "owner", "type": "string"}]}""");

    @Test
    void registeringTheSameSchemaAgainReturnsTheSameId(final TestInfrastructure infra) {
        final String subject = UniqueNames.of("thing") + "-value";

        // Separate clients: each caches ids, so only a fresh one really asks the registry again.
        final int first = client(infra).register(subject, V1);
        final int second = client(infra).register(subject, V1);

        assertThat(second).isEqualTo(first);
        assertThat(client(infra).idOf(subject, V1)).isEqualTo(first);
    }

    @Test
    void aSchemaIsFoundByItsId(final TestInfrastructure infra) {
        final int id = client(infra).register(UniqueNames.of("thing") + "-value", V1);

        assertThat(client(infra).schemaById(id)).isEqualTo(V1);
    }

    @Test
    void anIncompatibleChangeIsRejectedUnderBackwardCompatibility(final TestInfrastructure infra) {
        final String subject = UniqueNames.of("thing") + "-value";
        client(infra).register(subject, V1);

        assertThat(client(infra).isCompatible(subject, V2_REQUIRED_FIELD)).isFalse();
        assertThatThrownBy(() -> client(infra).register(subject, V2_REQUIRED_FIELD))
            .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(409));
    }

    @Test
    void addingAFieldWithADefaultIsAcceptedAsANewVersion(final TestInfrastructure infra) {
        final String subject = UniqueNames.of("thing") + "-value";
        final int v1 = client(infra).register(subject, V1);

        assertThat(client(infra).isCompatible(subject, V2_WITH_DEFAULT)).isTrue();
        final int v2 = client(infra).register(subject, V2_WITH_DEFAULT);

        assertThat(v2).isNotEqualTo(v1);
        assertThat(client(infra).schemaById(v2)).isEqualTo(V2_WITH_DEFAULT);
    }

    private static RestSchemaRegistryClient client(final TestInfrastructure infra) {
        return new RestSchemaRegistryClient(infra.registryUrl());
    }

    private static Schema parse(final String json) {
        return new Schema.Parser().parse(json);
    }
}
