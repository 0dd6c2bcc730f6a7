package io.trailwatch.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's files, from this jar: the pages under {@code /console/} and the chart library under
 * {@code /console/lib/}. Only the files listed here are served, so a request can never name another resource of the
 * class path; each is answered with the headers that keep a browser from running anything else.
 */
public final class ConsoleAssets {

    /** Scripts and styles from this origin only, no inline script, no framing: event fields cannot become code. */
    public static final Map<String, String> SECURITY_HEADERS = Map.of(
        "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        "X-Content-Type-Options", "nosniff",
        "Referrer-Policy", "no-referrer",
        "X-Frame-Options", "DENY",
        "Cache-Control", "no-cache");

    private static final String PAGES = "/io/trailwatch/console/static/";
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";

    /** Served name to class-path location. */
    private static final Map<String, String> FILES = Map.ofEntries(
        Map.entry("index.html", PAGES + "index.html"),
        Map.entry("console.js", PAGES + "console.js"),
        Map.entry("alarms.js", PAGES + "alarms.js"),
        Map.entry("logs.js", PAGES + "logs.js"),
        Map.entry("console.css", PAGES + "console.css"),
        Map.entry("dashboards.js", PAGES + "dashboards.js"),
        Map.entry("dashboards.css", PAGES + "dashboards.css"),
        Map.entry("lib/uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js"),
        Map.entry("lib/uPlot.min.css", UPLOT + "uPlot.min.css"));

    private final Map<String, Asset> loaded = new ConcurrentHashMap<>();

    /** A file's bytes and media type. */
    public record Asset(byte[] bytes, String contentType) {
    }

    /** The file served under {@code /console/<name>}; empty for any name not listed. */
    public Optional<Asset> find(final String name) {
        final String location = FILES.get(name);
        return location == null ? Optional.empty() : Optional.of(loaded.computeIfAbsent(name, n -> load(location)));
    }

    private static Asset load(final String location) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + location + " is missing from the class path");
            }
            return new Asset(in.readAllBytes(), contentType(location));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(final String location) {
        if (location.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (location.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return "text/css; charset=utf-8";
    }
}
