package io.trailwatch.app.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.stack.ConnectCredentials;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How {@code --connect-url} and its credentials name a secured Connect cluster. */
class ConnectorHostClusterTest {

    @Test
    void userInfoInTheUrlGivesTheCredentialsAndIsTakenOutOfTheUrl() {
        final ConnectorHost.Cluster cluster = ConnectorHost.Cluster.of("http://admin:p%40ss%3Aw+rd@connect:8083/", null,
            null, null);

        assertThat(cluster.url()).isEqualTo("http://connect:8083");
        assertThat(cluster.credentials()).isEqualTo(new ConnectCredentials("admin", "p@ss:w+rd"));
        assertThat(cluster.secretsFile()).isNull();
    }

    @Test
    void theOptionsWinOverTheUrl() {
        final ConnectorHost.Cluster cluster = ConnectorHost.Cluster.of("https://old:old@connect.example:8443/connect",
            "trailwatch", "new", Path.of("/shared/connector-secrets.properties"));

        assertThat(cluster.url()).isEqualTo("https://connect.example:8443/connect");
        assertThat(cluster.credentials()).isEqualTo(new ConnectCredentials("trailwatch", "new"));
        assertThat(cluster.secretsFile()).isEqualTo(Path.of("/shared/connector-secrets.properties"));
    }

    @Test
    void noCredentialsForAnOpenCluster() {
        assertThat(ConnectorHost.Cluster.of("http://connect:8083", null, null, null).credentials()).isNull();
    }

    @Test
    void aUserWithoutAPasswordOrAnythingButAnHttpUrlIsRefused() {
        assertThatThrownBy(() -> ConnectorHost.Cluster.of("http://connect:8083", "admin", null, null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--connect-password");
        assertThatThrownBy(() -> ConnectorHost.Cluster.of("http://admin@connect:8083", null, null, null))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectorHost.Cluster.of("connect:8083", null, null, null))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSecretSettingsOfTrailwatchsConnectors() {
        // The notifier's own Kafka login (its record of delivered transitions) is a secret too on a secured broker,
        // and so are the registry's credentials the connectors' converters read it with.
        assertThat(ConnectorHost.SECRET_KEYS).containsExactlyInAnyOrder("s3.secret.access.key", "webhook.url",
            "pagerduty.routing.key", "delivered.client.sasl.jaas.config", "basic.auth.user.info", "bearer.auth.token",
            "schema.registry.ssl.truststore.password");
    }
}
