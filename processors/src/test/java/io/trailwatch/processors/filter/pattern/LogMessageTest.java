package io.trailwatch.processors.filter.pattern;

import static io.trailwatch.processors.filter.pattern.PatternAssertions.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One message shared by filters of every kind. */
class LogMessageTest {

    private static final List<FilterPattern> FILTERS = List.of(
        FilterPattern.parse("{ $.errorCode = \"AccessDenied*\" }"),
        FilterPattern.parse("AccessDenied"),
        FilterPattern.parse("[first, ...]"),
        FilterPattern.parse("{ $.eventName = GetObject }"));

    @Test
    void sharedMessageGivesTheSameResultsAsTheDirectOverloads() {
        final ObjectNode record = CloudTrailRecords.denied("s3.amazonaws.com", "GetObject", "AccessDenied");
        final LogMessage fromTree = LogMessage.of(record);
        final LogMessage fromText = LogMessage.of(record.toString());
        for (final FilterPattern filter : FILTERS) {
            assertThat(filter.match(fromTree)).as(filter.text()).isEqualTo(filter.match(record)).isPresent();
            assertThat(filter.match(fromText)).as(filter.text()).isEqualTo(filter.match(record.toString()));
        }
    }

    @Test
    void treeIsSerialisedOnceForAllTextFilters() {
        final LogMessage message = LogMessage.of(tree("{\"msg\":\"AccessDenied here\"}"));
        for (int i = 0; i < 10; i++) {
            assertThat(FilterPattern.parse("AccessDenied").match(message)).isPresent();
        }
        assertThat(message.text()).isEqualTo("{\"msg\":\"AccessDenied here\"}").isSameAs(message.text());
    }

    @Test
    void textIsParsedOnceForAllJsonFilters() {
        final LogMessage message = LogMessage.of("{\"a\":1}");
        final JsonNode first = message.tree();
        assertThat(message.tree()).isSameAs(first);
        assertThat(FilterPattern.parse("{ $.a = 1 }").match(message).orElseThrow().event()).isSameAs(first);
    }

    @Test
    void nonJsonTextHasNoTree() {
        final LogMessage message = LogMessage.of("plain");
        assertThat(message.tree()).isNull();
        assertThat(FilterPattern.parse("{ $.a NOT EXISTS }").match(message)).isEmpty();
        assertThat(FilterPattern.parse("plain").match(message)).isPresent();
    }

    @Test
    void jsonStringNodeStandsForItsText() {
        assertThat(LogMessage.of(tree("\"ERROR here\"")).text()).isEqualTo("ERROR here");
    }

    @Test
    void nullsAreRejected() {
        assertThatNullPointerException().isThrownBy(() -> LogMessage.of((String) null));
        assertThatNullPointerException().isThrownBy(() -> LogMessage.of((JsonNode) null));
        assertThatNullPointerException().isThrownBy(() -> FILTERS.get(0).match((LogMessage) null));
        assertThatNullPointerException().isThrownBy(() -> FILTERS.get(0).match((String) null));
        assertThatNullPointerException().isThrownBy(() -> FILTERS.get(0).match((JsonNode) null));
    }
}
