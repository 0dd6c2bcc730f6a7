package io.trailwatch.processors.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.processors.definitions.ConfigFile;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigFilePacksAndRulesTest {

    private static List<DefinitionEntry> parse(final String yaml) throws IOException {
        return ConfigFile.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void aPacksSectionLoadsThePacksDefinitions() throws IOException {
        final List<DefinitionEntry> entries = parse("packs: [cis]\n");

        assertThat(entries).hasSize(28).extracting(DefinitionEntry::key)
            .contains("metric-filter/CIS-CloudWatch.1-RootAccountUsage", "metric-alarm/CIS-CloudWatch.14-VPCChanges");
    }

    @Test
    void rulesAreDeclaredWithTheirPatternAsAMapping() throws IOException {
        final List<DefinitionEntry> entries = parse("""
            rules:
              - name: RootActivity
                eventPattern: {detail: {userIdentity: {type: [Root]}}}
                targetTopic: security.remediation
            """);

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.key()).isEqualTo("rule/RootActivity");
            assertThat(entry.definitionJson()).contains("\"EventPattern\":\"{\\\"detail\\\":{\\\"userIdentity\\\":"
                + "{\\\"type\\\":[\\\"Root\\\"]}}}\"", "\"TargetTopic\":\"security.remediation\"");
        });
    }

    @Test
    void anUnknownPackOrARejectedPatternFailsTheWholeFile() {
        assertThatThrownBy(() -> parse("packs: [nist]\n"))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).contains("unknown pack 'nist'"));
        assertThatThrownBy(() -> parse("""
            rules:
              - {name: Bad, eventPattern: '{"detail": {"eventName": "DeleteBucket"}}', targetTopic: t}
            """)).isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                assertThat(e.field()).isEqualTo("rules[0].EventPattern");
                assertThat(e.reason()).contains("\"eventName\" must be an object or an array");
            });
    }

    @Test
    void aPackDefinitionDefinedTwiceIsAnError() {
        assertThatThrownBy(() -> parse("packs: [cis, cis]\n")).hasMessageContaining("is defined twice");
    }
}
