package io.trailwatch.processors.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParsedDefinitionsTest {

    private final List<String> parsedJson = new ArrayList<>();
    private final ParsedDefinitions<String> parsed = new ParsedDefinitions<>(json -> {
        if (json.isEmpty()) {
            throw new IllegalArgumentException("empty definition");
        }
        parsedJson.add(json);
        return json.toUpperCase();
    }, 2);

    @Test
    void parsesADefinitionOnceUntilItsJsonChanges() {
        assertThat(parsed.get("metric-alarm/a", "{\"v\":1}")).isEqualTo("{\"V\":1}");
        assertThat(parsed.get("metric-alarm/a", new String("{\"v\":1}"))).isEqualTo("{\"V\":1}");
        assertThat(parsed.get("metric-alarm/a", "{\"v\":2}")).as("put again since").isEqualTo("{\"V\":2}");
        assertThat(parsedJson).containsExactly("{\"v\":1}", "{\"v\":2}");
    }

    @Test
    void startsOverPastItsLimitAndLetsParseErrorsThrough() {
        parsed.get("a", "1");
        parsed.get("b", "2");
        parsed.get("c", "3");
        parsed.get("c", "3");
        parsed.get("a", "1");
        assertThat(parsedJson).containsExactly("1", "2", "3", "1");
        assertThatThrownBy(() -> parsed.get("d", "")).hasMessage("empty definition");
    }
}
