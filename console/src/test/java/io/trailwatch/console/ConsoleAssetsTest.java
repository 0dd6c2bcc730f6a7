package io.trailwatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleAssetsTest {

    private final ConsoleAssets assets = new ConsoleAssets();

    @Test
    void servesThePagesAndTheChartLibraryFromTheJar() {
        assertThat(assets.find("index.html")).hasValueSatisfying(page -> {
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(new String(page.bytes(), StandardCharsets.UTF_8)).contains("console.js");
        });
        assertThat(assets.find("lib/uPlot.iife.min.js")).hasValueSatisfying(script ->
            assertThat(script.bytes().length).isGreaterThan(10_000));
    }

    @Test
    void servesEveryFileThePageLoads() {
        final String page = new String(assets.find("index.html").orElseThrow().bytes(), StandardCharsets.UTF_8);
        final java.util.regex.Matcher loaded = java.util.regex.Pattern.compile("(?:src|href)=\"/console/([^\"]+)\"")
            .matcher(page);
        int files = 0;
        while (loaded.find()) {
            assertThat(assets.find(loaded.group(1))).as(loaded.group(1)).isPresent();
            files++;
        }
        assertThat(files).isGreaterThanOrEqualTo(4);
    }

    @Test
    void servesNothingElseOfTheClassPath() {
        assertThat(assets.find("../../../logback.xml")).isEmpty();
        assertThat(assets.find("ConsoleAssets.class")).isEmpty();
        assertThat(assets.find("lib/../index.html")).isEmpty();
    }
}
