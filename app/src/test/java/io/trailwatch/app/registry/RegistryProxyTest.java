package io.trailwatch.app.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.app.http.access.ApiCatalogue;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.serde.Subjects;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class RegistryProxyTest {

    @Test
    void everyProxiedRouteIsAnOperationOfTheSchemaRegistryInTheCatalogue() {
        final ApiCatalogue catalogue = new ApiCatalogue(new ResourceNames("000000000000", "us-east-1"));
        for (final String route : RegistryProxy.PATHS) {
            final String served = route.replaceFirst(" ", " " + ApiCatalogue.REGISTRY_PREFIX);
            assertThat(catalogue.lists(served)).as(served).isTrue();
            assertThat(catalogue.isSchemaRegistryRoute(served)).as(served).isTrue();
        }
        assertThat(catalogue.isSchemaRegistryRoute("GET /v1/alarms")).isFalse();
        assertThat(catalogue.isSchemaRegistryRoute("GET /v1/health")).isFalse();
    }

    @Test
    void aPathParameterStaysOneSegmentWhateverItHolds() {
        assertThat(RegistryProxy.encodeSegment("trailwatch.audit-value")).isEqualTo("trailwatch.audit-value");
        assertThat(RegistryProxy.encodeSegment("../../apis/registry/v2/admin"))
            .isEqualTo("..%2F..%2Fapis%2Fregistry%2Fv2%2Fadmin");
        assertThat(RegistryProxy.encodeSegment("a b?c#d%e:f")).isEqualTo("a%20b%3Fc%23d%25e%3Af");
        assertThat(RegistryProxy.encodeSegment("é")).isEqualTo("%C3%A9");
    }

    @Test
    void trailwatchsSubjectsAreEveryRegistryEncodedKeyAndValueOfItsTopicsWithTheirSchemas() {
        final var subjects = TrailwatchSubjects.schemas();
        for (final var topic : Topics.all()) {
            assertThat(subjects.containsKey(Subjects.topicName(topic.name(), true))).as(topic.name())
                .isEqualTo(topic.key().usesRegistry());
            assertThat(subjects.containsKey(Subjects.topicName(topic.name(), false))).as(topic.name())
                .isEqualTo(topic.value().usesRegistry());
        }
        assertThat(subjects.get("trailwatch.audit-key")).isEqualTo(Schema.create(Schema.Type.STRING));
        assertThat(subjects.get("trailwatch.audit-value")).isEqualTo(io.trailwatch.avro.AuditEvent.getClassSchema());
        assertThat(subjects.get("trailwatch.identity-value"))
            .isEqualTo(io.trailwatch.avro.IdentityEntry.getClassSchema());
    }
}
