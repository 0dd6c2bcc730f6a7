package io.trailwatch.app.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.junit.jupiter.api.Test;

/** What the cluster says the principal may do there, as the one line up and doctor print. */
class ClusterPreflightTest {

    private static final String CLUSTER = "kafka-1:9093";

    @Test
    void aPrincipalAllowedEverythingTrailwatchDoesPasses() {
        assertThat(ClusterPreflight.accessProblem(EnumSet.of(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS,
            AclOperation.CREATE, AclOperation.ALTER, AclOperation.ALTER_CONFIGS), CLUSTER)).isNull();
    }

    @Test
    void aClusterThatDoesNotSayIsNotAProblem() {
        assertThat(ClusterPreflight.accessProblem(null, CLUSTER)).isNull();
    }

    @Test
    void eachMissingOperationIsNamedOnOneLineWithHowToGrantIt() {
        final String line = ClusterPreflight.accessProblem(Set.of(AclOperation.DESCRIBE), CLUSTER);

        assertThat(line).startsWith("Kafka at " + CLUSTER + " does not allow the principal Trailwatch logs in as "
            + "DESCRIBE_CONFIGS, CREATE, ALTER on the cluster").contains("super.users")
            .contains("kafka-acls --add --allow-principal User:<name> --operation All --cluster").doesNotContain("\n");
    }
}
