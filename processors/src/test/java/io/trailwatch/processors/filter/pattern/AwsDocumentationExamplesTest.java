package io.trailwatch.processors.filter.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (pattern, event, expected) example of the AWS page "Filter pattern syntax for metric filters, subscription
 * filters, filter log events, and Live Tail" (FPS, current version unless marked 2019 for the older "Filter and
 * Pattern Syntax" page), of the AWS CLI test-metric-filter example, and of the Lightsail filterPattern reference.
 */
class AwsDocumentationExamplesTest {

    private static final String E400 = "[ERROR 400] BAD REQUEST";
    private static final String E401 = "[ERROR 401] UNAUTHORIZED REQUEST";
    private static final String E419 = "[ERROR 419] MISSING ARGUMENTS";
    private static final String E420 = "[ERROR 420] INVALID ARGUMENTS";
    private static final String E500 = "[ERROR 500] INTERNAL SERVER ERROR";

    private static final String JSON_EVENT = "{\"eventType\":\"UpdateTrail\",\"sourceIPAddress\":\"111.111.111.111\","
        + "\"arrayKey\":[\"value\",\"another value\"],\"objectList\":[{\"name\":\"a\",\"id\":1},{\"name\":\"b\","
        + "\"id\":2}],\"SomeObject\":null,\"cluster.name\":\"c\",\"ThisFlag\":true}";
    private static final String COMPOUND_EVENT = "{\"user\":{\"id\":1,\"email\":\"John.Stiles@example.com\"},"
        + "\"users\":[{\"id\":2,\"email\":\"John.Doe@example.com\"},{\"id\":3,\"email\":\"Jane.Doe@example.com\"}],"
        + "\"actions\":[\"GET\",\"PUT\",\"DELETE\"],\"coordinates\":[[0,1,2],[4,5,6],[7,8,9]]}";
    private static final String NUMBERS_EVENT = "{\"bandwidth\":80,\"latency\":20,\"refreshRate\":60,"
        + "\"responseTime\":5,\"errorCode\":400,\"number\":[1000,0.0001],\"numbers\":[0.001],"
        + "\"processes\":[{},{},{},{},{\"averageRuntime\":55.5}]}";

    private static final String APACHE =
        "127.0.0.1 Prod frank [10/Oct/2000:13:25:15 -0700] \"GET /index.html HTTP/1.0\" 404 1534";
    private static final String L1 = "INFO 09/25/2014 12:00:00 GET /service/resource/67 1200";
    private static final String L2 = "INFO 09/25/2014 12:00:01 POST /service/resource/67/part/111 1310";
    private static final String L3 = "WARNING 09/25/2014 12:00:02 Invalid user request";
    private static final String L4 = "ERROR 09/25/2014 12:00:02 Failed to process request";

    static Stream<Arguments> examples() {
        final List<Arguments> rows = new ArrayList<>();
        // FPS: matching terms with a regex.
        add(rows, "FPS regex", "%AUTHORIZED%", E401, true);
        add(rows, "FPS regex", "%AUTHORIZED%", "[SUCCESS 200] AUTHORIZED REQUEST", true);
        add(rows, "FPS regex", "%AUTHORIZED%", E400, false);
        // FPS: unstructured log events.
        for (final String event : List.of(E400, E401, E419, E420)) {
            add(rows, "FPS single term", "ERROR", event, true);
            add(rows, "FPS optional terms", "?ERROR ?ARGUMENTS", event, true);
        }
        add(rows, "FPS multiple terms", "ERROR ARGUMENTS", E419, true);
        add(rows, "FPS multiple terms", "ERROR ARGUMENTS", E420, true);
        add(rows, "FPS multiple terms", "ERROR ARGUMENTS", E400, false);
        add(rows, "FPS multiple terms", "ERROR ARGUMENTS", E401, false);
        add(rows, "FPS optional terms ignored", "?ERROR ?ARGUMENTS REQUEST", "[INFO] REQUEST FAILED", true);
        add(rows, "FPS optional terms ignored", "?ERROR ?ARGUMENTS REQUEST", "[WARN] UNAUTHORIZED REQUEST", true);
        add(rows, "FPS optional terms ignored", "?ERROR ?ARGUMENTS REQUEST", "[ERROR] 400 BAD REQUEST", true);
        add(rows, "FPS optional terms ignored", "?ERROR ?ARGUMENTS REQUEST", E419, false);
        add(rows, "FPS exact phrase", "\"INTERNAL SERVER ERROR\"", E500, true);
        add(rows, "FPS exact phrase", "\"INTERNAL SERVER ERROR\"", E400, false);
        add(rows, "FPS include and exclude", "ERROR -ARGUMENTS", E400, true);
        add(rows, "FPS include and exclude", "ERROR -ARGUMENTS", E401, true);
        add(rows, "FPS include and exclude", "ERROR -ARGUMENTS", E419, false);
        add(rows, "FPS include and exclude", "ERROR -ARGUMENTS", E420, false);
        add(rows, "FPS match everything", "\" \"", E400, true);
        add(rows, "FPS match everything", "\" \"", "no spaces", true);
        // FPS 2019: terms.
        add(rows, "FPS 2019 match everything", "\"\"", "anything", true);
        add(rows, "FPS 2019 single term", "ERROR", "[ERROR] A fatal exception has occurred", true);
        add(rows, "FPS 2019 single term", "ERROR", "Exiting with ERRORCODE: -1", true);
        add(rows, "FPS 2019 exclude", "ERROR -Exiting", "Exiting with ERRORCODE: -1", false);
        add(rows, "FPS 2019 exclude", "ERROR -Exiting", "[ERROR] A fatal exception has occurred", true);
        add(rows, "FPS 2019 multiple terms", "ERROR Exception", "[ERROR] Caught IllegalArgumentException", true);
        add(rows, "FPS 2019 multiple terms", "ERROR Exception", "[ERROR] Unhandled Exception", true);
        add(rows, "FPS 2019 multiple terms", "Failed to process the request", "[WARN] Failed to process the request",
            true);
        add(rows, "FPS 2019 multiple terms", "Failed to process the request",
            "[ERROR] Unable to continue: Failed to process the request", true);
        add(rows, "FPS 2019 OR", "ERROR", "ERROR WARN message", true);
        add(rows, "FPS 2019 OR", "ERROR", "WARN message", false);
        add(rows, "FPS 2019 OR", "?ERROR ?WARN", "ERROR WARN message", true);
        add(rows, "FPS 2019 OR", "?ERROR ?WARN", "ERROR message", true);
        add(rows, "FPS 2019 OR", "?ERROR ?WARN", "WARN message", true);
        add(rows, "FPS 2019 OR", "ERROR WARN", "ERROR WARN message", true);
        add(rows, "FPS 2019 OR", "ERROR WARN", "ERROR message", false);
        add(rows, "FPS 2019 OR", "ERROR -WARN", "ERROR message", true);
        add(rows, "FPS 2019 OR", "ERROR -WARN", "ERROR WARN message", false);
        add(rows, "FPS 2019 OR", "{$.foo = bar}", "{\"foo\": \"bar\"}", true);
        add(rows, "FPS 2019 OR", "{$.foo = baz }", "{\"foo\": \"bar\"}", false);
        add(rows, "FPS 2019 OR", "{$.foo = baz }", "{\"foo\": \"baz\"}", true);
        add(rows, "FPS 2019 OR", "{$.foo = bar || $.foo = baz }", "{\"foo\": \"bar\"}", true);
        add(rows, "FPS 2019 OR", "{$.foo = bar || $.foo = baz }", "{\"foo\": \"baz\"}", true);
        add(rows, "Lightsail GetContainerLog", "-ERROR", "INFO started", true);
        add(rows, "Lightsail GetContainerLog", "-ERROR", "ERROR failed", false);
        add(rows, "Lightsail GetContainerLog", "?ERROR ?Exception", "NullPointerException", true);
        add(rows, "CLI test-metric-filter", "ERROR", "[ERROR] 400 BAD REQUEST", true);
        add(rows, "CLI test-metric-filter", "ERROR", "[INFO] 200 OK", false);
        // FPS: JSON log events.
        add(rows, "FPS JSON string", "{ $.eventType = \"UpdateTrail\" }", JSON_EVENT, true);
        add(rows, "FPS JSON IP address", "{ $.sourceIPAddress != 123.123.* }", JSON_EVENT, true);
        add(rows, "FPS JSON array element", "{ $.arrayKey[0] = \"value\" }", JSON_EVENT, true);
        add(rows, "FPS JSON regex", "{ $.eventType = %Trail% }", JSON_EVENT, true);
        add(rows, "FPS JSON wildcard regex", "{ $.arrayKey[*] = %val.{2}% }", JSON_EVENT, true);
        add(rows, "FPS JSON wildcard IP", "{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }", JSON_EVENT, true);
        add(rows, "FPS JSON period in key", "{ $.['cluster.name'] = \"c\" }", JSON_EVENT, true);
        add(rows, "FPS JSON IS NULL", "{ $.SomeObject IS NULL }", JSON_EVENT, true);
        add(rows, "FPS JSON NOT EXISTS", "{ $.SomeOtherObject NOT EXISTS }", JSON_EVENT, true);
        add(rows, "FPS 2019 JSON object in array", "{ $.objectList[1].id = 2 }", JSON_EVENT, true);
        add(rows, "FPS 2019 JSON IS TRUE", "{ $.ThisFlag IS TRUE }", JSON_EVENT, true);
        add(rows, "FPS 2019 JSON not an array", "{ $.eventType[0] = \"UpdateTrail\" }", JSON_EVENT, false);
        add(rows, "FPS 2019 JSON value nodes only", "{$.users = 1}", "{\"users\": [1, 2, 3]}", false);
        add(rows, "FPS 2019 JSON value nodes only", "{$.users != 1}", "{\"users\": [1, 2, 3]}", false);
        add(rows, "FPS 2019 dimensions", "{ $.eventType = \"*\" && $.sourceIPAddress != 123.123.* }", JSON_EVENT,
            true);
        add(rows, "FPS 2019 wildcard prefix", "{ $.name = *Event }", "{\"name\":\"PutEvent\"}", true);
        add(rows, "FPS 2019 wildcard suffix", "{ $.name = Event* }", "{\"name\":\"EventId\"}", true);
        add(rows, "FPS 2019 metric value", "{ $.latency = * }", "{\"latency\": 50, \"requestType\": \"GET\"}", true);
        add(rows, "FPS JSON numbers", "{ $.bandwidth > 75 }", NUMBERS_EVENT, true);
        add(rows, "FPS JSON numbers", "{ $.latency < 50 }", NUMBERS_EVENT, true);
        add(rows, "FPS JSON numbers", "{ $.refreshRate >= 60 }", NUMBERS_EVENT, true);
        add(rows, "FPS JSON numbers", "{ $.responseTime <= 5 }", NUMBERS_EVENT, true);
        add(rows, "FPS JSON numbers", "{ $.errorCode = 400}", NUMBERS_EVENT, true);
        add(rows, "FPS JSON numbers", "{ $.errorCode != 500 }", NUMBERS_EVENT, true);
        add(rows, "FPS JSON numbers", "{ $.number[0] = 1e+3 }", NUMBERS_EVENT, true);
        add(rows, "FPS JSON numbers", "{ $.number[0] != 1e-3 }", NUMBERS_EVENT, true);
        add(rows, "FPS 2019 JSON numbers", "{ $.latency >= 500 }", NUMBERS_EVENT, false);
        add(rows, "FPS 2019 JSON numbers", "{ $.numbers[0] < 10e3 }", NUMBERS_EVENT, true);
        add(rows, "FPS 2019 JSON numbers", "{ $.numbers[0] < 10e-3 }", NUMBERS_EVENT, true);
        add(rows, "FPS 2019 JSON numbers", "{ $.processes[4].averageRuntime <= 55.5 }", NUMBERS_EVENT, true);
        add(rows, "FPS 2019 JSON numbers", "{ $.latency > +1000 }", NUMBERS_EVENT, false);
        // FPS: JSON compound expressions.
        add(rows, "FPS compound AND", "{ ($.user.id = 1) && ($.users[0].email = \"John.Doe@example.com\") }",
            COMPOUND_EVENT, true);
        add(rows, "FPS compound OR", "{ $.user.email = \"John.Stiles@example.com\" || $.coordinates[0][1] = "
            + "\"nonmatch\" && $.actions[2] = \"nonmatch\" }", COMPOUND_EVENT, true);
        add(rows, "FPS compound AND no match", "{ ($.user.email = \"John.Stiles@example.com\" || "
            + "$.coordinates[0][1] = \"nonmatch\") && $.actions[2] = \"nonmatch\" }", COMPOUND_EVENT, false);
        add(rows, "FPS compound OR no match", "{ ($.user.id = 2 && $.users[0].email = \"nonmatch\") || "
            + "$.actions[2] = \"GET\" }", COMPOUND_EVENT, false);
        add(rows, "FPS 2019 compound unquoted", "{ $.user.email = \"John.Stiles@example.com\" || "
            + "$.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }", COMPOUND_EVENT, true);
        add(rows, "FPS 2019 compound unquoted", "{ ($.user.email = \"John.Stiles@example.com\" || "
            + "$.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }", COMPOUND_EVENT, false);
        // FPS: space-delimited log events.
        add(rows, "FPS space-delimited", "[ip=%127\\.0\\.0\\.[1-9]%, user, username, timestamp, request =*.html*, "
            + "status_code = 4*, bytes]", APACHE, true);
        add(rows, "FPS space-delimited ellipsis", "[..., request =*.html*, status_code = 4*, bytes]", APACHE, true);
        add(rows, "FPS space-delimited OR", "[ip, user, username, timestamp, request =*.html*, status_code = 404 || "
            + "status_code = 410, bytes]", APACHE, true);
        add(rows, "FPS space-delimited OR", "[ip, user, username, timestamp, request =*.html*, status_code = 404 || "
            + "status_code = 410, bytes]", APACHE.replace(" 404 ", " 410 "), true);
        add(rows, "FPS space-delimited OR", "[ip, user, username, timestamp, request =*.html*, status_code = 404 || "
            + "status_code = 410, bytes]", APACHE.replace(" 404 ", " 500 "), false);
        add(rows, "FPS 2019 space-delimited", "[ip, user, username, timestamp, request, status_code, bytes > 1000]",
            APACHE, true);
        add(rows, "FPS 2019 space-delimited", "[ip, user, username, timestamp, request, status_code = 200, bytes]",
            APACHE, false);
        add(rows, "FPS 2019 space-delimited", "[ip, user, username, timestamp, request = *html*, status_code = 4*, "
            + "bytes]", APACHE, true);
        add(rows, "FPS 2019 space-delimited", "[ip, user, username, timestamp, request, status_code = 4* && "
            + "status_code != 403, bytes]", APACHE, true);
        add(rows, "FPS 2019 space-delimited", "[ip, user, ..., status_code, bytes]", APACHE, true);
        add(rows, "FPS 2019 space-delimited", "[ip, user, ...]", APACHE, true);
        for (final String event : List.of(L1, L2, L3, L4)) {
            add(rows, "FPS match terms in order", "[w1=ERROR, w2]", event, event.equals(L4));
            add(rows, "FPS AND and OR", "[w1=ERROR || w1=WARNING, w2]", event,
                event.equals(L3) || event.equals(L4));
            add(rows, "FPS exclude terms", "[w1!=ERROR && w1!=WARNING, w2]", event,
                event.equals(L1) || event.equals(L2));
            add(rows, "FPS top level URI", "[logLevel, date, time, method, url=%/service/resource/[0-9]+$%, "
                + "response_time]", event, event.equals(L1));
            add(rows, "FPS child level URI", "[logLevel, date, time, method, "
                + "url=%/service/resource/[0-9]+/part/[0-9]+$%, response_time]", event, event.equals(L2));
        }
        return rows.stream();
    }

    private static void add(final List<Arguments> rows, final String source, final String pattern,
                            final String event, final boolean expected) {
        rows.add(Arguments.of(source, pattern, event, expected));
    }

    @ParameterizedTest(name = "[{0}] {1} on {2} -> {3}")
    @MethodSource("examples")
    void documentedExample(final String source, final String pattern, final String event, final boolean expected) {
        assertThat(FilterPattern.parse(pattern).match(event).isPresent()).isEqualTo(expected);
    }

    @Test
    void documentedExtractedValuesForTheSevenNamedFields() {
        assertThat(FilterPattern.parse("[ip, user, username, timestamp, request =*.html*, status_code = 4*, bytes]")
            .match(APACHE).orElseThrow().extractedValues()).isEqualTo(Map.of(
                "$bytes", "1534", "$status_code", "404", "$request", "GET /index.html HTTP/1.0",
                "$timestamp", "10/Oct/2000:13:25:15 -0700", "$username", "frank", "$user", "Prod",
                "$ip", "127.0.0.1"));
    }

    @Test
    void documentedExtractedValuesForEllipsisAndUnnamedField() {
        final String event = "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /index.html HTTP/1.0\" 404 1534";
        assertThat(FilterPattern.parse("[..., request=*.html*, status_code=4*,]").match(event).orElseThrow()
            .extractedValues()).isEqualTo(Map.of("$status_code", "404", "$request", "GET /index.html HTTP/1.0",
                "$7", "1534", "$4", "10/Oct/2000:13:25:15 -0700", "$3", "frank", "$2", "-", "$1", "127.0.0.1"));
    }

    @Test
    void documentedDimensionsAndMetricValues() {
        assertThat(FilterPattern.parse("[ip, server, username, timestamp, request, status_code, bytes > 1000]")
            .match(APACHE).orElseThrow().resolve("$server")).contains("Prod");
        assertThat(FilterPattern.parse("{ $.eventType = \"*\" && $.sourceIPAddress != 123.123.* }").match(JSON_EVENT)
            .orElseThrow().resolve("$.eventType")).contains("UpdateTrail");
        assertThat(FilterPattern.parse("{ $.latency = * }").match("{\"latency\": 50, \"requestType\": \"GET\"}")
            .orElseThrow().resolve("$.latency")).contains("50");
        assertThat(FilterPattern.parse("ERROR").match("[ERROR] 400 BAD REQUEST").orElseThrow().extractedValues())
            .as("CLI test-metric-filter output").isEmpty();
    }
}
