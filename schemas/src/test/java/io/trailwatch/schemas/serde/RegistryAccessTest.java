package io.trailwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Credentials registered for a registry URL reach every client of that URL in the process. */
class RegistryAccessTest {

    private HttpServer registry;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void fakeRegistry() throws Exception {
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            final byte[] body = "{\"schema\":\"\\\"string\\\"\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
    }

    @AfterEach
    void stop() {
        registry.stop(0);
    }

    private String url(final String path) {
        return "http://127.0.0.1:" + registry.getAddress().getPort() + path;
    }

    @Test
    void aBearerTokenRegisteredForTheUrlIsSentByItsClients() {
        SerdeContext.registerAccess(url("/bearer"), Map.of(AvroSerdeConfig.BEARER_AUTH_TOKEN, "tok-123"));

        SerdeContext.forRegistry(url("/bearer")).registry().schemaById(1);

        assertThat(authorizations).containsExactly("Bearer tok-123");
    }

    @Test
    void basicCredentialsRegisteredForTheUrlAreSentByItsClients() {
        SerdeContext.registerAccess(url("/basic"), Map.of(AvroSerdeConfig.BASIC_AUTH_USER_INFO, "reg:secret"));

        SerdeContext.forRegistry(url("/basic")).registry().schemaById(2);

        assertThat(authorizations).containsExactly("Basic cmVnOnNlY3JldA==");
    }

    @Test
    void registeredAccessIsGivenAsTextForConfigurationsThatLeaveTheProcess() {
        SerdeContext.registerAccess(url("/connectors"), Map.of(AvroSerdeConfig.BASIC_AUTH_USER_INFO,
            new org.apache.kafka.common.config.types.Password("reg:secret"), AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION,
            "/etc/trailwatch/registry.p12"));

        assertThat(SerdeContext.registeredAccess(url("/connectors"))).containsExactlyInAnyOrderEntriesOf(Map.of(
            AvroSerdeConfig.BASIC_AUTH_USER_INFO, "reg:secret",
            AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, "/etc/trailwatch/registry.p12"));
        assertThat(SerdeContext.registeredAccess(url("/elsewhere"))).isEmpty();
    }

    @Test
    void anotherUrlGetsNone() {
        SerdeContext.forRegistry(url("/open")).registry().schemaById(3);

        assertThat(authorizations).containsExactly("null");
    }
}
