package io.trailwatch.app.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class QueryHomesTest {

    private static final HostInfo SELF = new HostInfo("10.0.0.1", 8080);
    private static final HostInfo OTHER = new HostInfo("10.0.0.2", 8080);

    @Test
    void aQueryIdKeepsAUuidsShapeAndNamesTheInstanceThatStartedIt() {
        final String id = QueryHomes.newId(OTHER);
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(QueryHomes.newId(OTHER)).isNotEqualTo(id).startsWith(id.substring(0, 8));
        assertThat(QueryHomes.elsewhere(id, SELF, List.of(OTHER))).contains(OTHER);
        assertThat(QueryHomes.elsewhere(QueryHomes.newId(SELF), SELF, List.of(OTHER))).isEmpty();
    }

    @Test
    void anIdNamingNoCurrentInstanceIsLookedUpHereAndNeverSentElsewhere() {
        final String gone = QueryHomes.newId(new HostInfo("10.0.0.3", 8080));
        assertThat(QueryHomes.elsewhere(gone, SELF, List.of(OTHER))).isEmpty();
        assertThat(QueryHomes.elsewhere("short", SELF, List.of(OTHER))).isEmpty();
        assertThat(QueryHomes.elsewhere(UUID.randomUUID().toString(), SELF, List.of(OTHER))).isEmpty();
    }
}
