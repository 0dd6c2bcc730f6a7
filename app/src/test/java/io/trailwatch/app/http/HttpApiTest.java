package io.trailwatch.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HttpApiTest {

    /**
     * Javalin 7 sets up its per-request configuration on the first request without a lock, so two clients racing
     * to be first can get a 500 (seen once in the lookup benchmark's four clients). A server that has served a
     * request before anyone can reach it leaves no first request to race for.
     */
    @Test
    void aServerHasServedItsFirstRequestBeforeClientsCanReachIt() {
        final AtomicInteger served = new AtomicInteger();
        final ApiRoutes countsRequests = routes -> routes.before(ctx -> served.incrementAndGet());

        try (HttpApi api = HttpApi.startWithoutAccessControl("127.0.0.1", 0, List.of(), List.of(countsRequests))) {
            assertThat(api.port()).isPositive();
            assertThat(served).hasValueGreaterThanOrEqualTo(1);
        }
    }
}
