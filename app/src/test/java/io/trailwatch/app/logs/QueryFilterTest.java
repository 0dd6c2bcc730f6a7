package io.trailwatch.app.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.aws.AwsInput;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryFilterTest {

    private static AwsInput input(final String json) throws Exception {
        return AwsInput.of(Definitions.MAPPER.readTree(json));
    }

    @Test
    void theFilterCheckedWhereTheCallArrivesIsWhatTheOtherInstancesAreAsked() throws Exception {
        final QueryFilter filter = QueryFilter.of(input("{\"logGroupName\": \"/app/a b\", \"status\": \"Complete\", "
            + "\"maxResults\": 20}"));
        assertThat(filter.parameters()).isEqualTo(Map.of("logGroupName", List.of("/app/a b"), "status",
            List.of("Complete"), "maxResults", List.of("20")));
        assertThat(QueryFilter.of(input("{}")).parameters()).isEqualTo(Map.of("maxResults", List.of("1000")));
    }

    @Test
    void aStatusOrMaximumAwsDoesNotTakeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> QueryFilter.of(input("{\"status\": \"Done\"}")))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.field()).isEqualTo("status"));
        for (final int max : new int[] {0, 1001}) {
            assertThatThrownBy(() -> QueryFilter.of(input("{\"maxResults\": " + max + "}")))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                    e -> assertThat(e.field()).isEqualTo("maxResults"));
        }
    }
}
