package io.trailwatch.processors.metrics.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatisticsQueryTest {

    private static Map<String, List<String>> valid() {
        final Map<String, List<String>> params = new HashMap<>();
        params.put("namespace", List.of("AWS-Like/EC2"));
        params.put("metricName", List.of("CPUUtilization"));
        params.put("dimensions", List.of("InstanceId=i-abc123"));
        params.put("startTime", List.of("2026-11-21T10:00:00Z"));
        params.put("endTime", List.of("2026-11-21T11:00:00Z"));
        params.put("period", List.of("60"));
        params.put("statistics", List.of("Average,Maximum"));
        params.put("extendedStatistics", List.of("p99"));
        return params;
    }

    private static void rejects(final String parameter, final List<String> value, final String reason) {
        final Map<String, List<String>> params = valid();
        if (value == null) {
            params.remove(parameter);
        } else {
            params.put(parameter, value);
        }
        assertThatThrownBy(() -> StatisticsQuery.parse(params)).isInstanceOfSatisfying(InvalidRecordException.class,
            e -> {
                assertThat(e.field()).isEqualTo(parameter);
                assertThat(e.getMessage()).contains(reason);
            });
    }

    @Test
    void parsesAValidRequest() {
        final StatisticsQuery query = StatisticsQuery.parse(valid());

        assertThat(query.dimensions()).containsEntry("InstanceId", "i-abc123");
        assertThat(query.statistics()).containsExactly("Average", "Maximum");
        assertThat(query.extendedStatistics()).containsExactly("p99");
        assertThat(StatisticsQuery.parse(queryParams(query.toQueryString()))).isEqualTo(query);
    }

    @Test
    void namesTheParameterOfEveryInvalidRequest() {
        rejects("namespace", null, "field 'namespace': is required");
        rejects("startTime", List.of("yesterday"), "field 'startTime': must be a time, ISO 8601");
        rejects("period", List.of("45"), "field 'period': must be 1, 5, 10, 20, 30 or a multiple of 60");
        rejects("period", List.of("1"), "field 'period': the range would return 3600 datapoints; at most 1440");
        rejects("endTime", List.of("2026-11-21T09:00:00Z"), "field 'endTime': must be after startTime");
        rejects("statistics", List.of("Median"), "field 'statistics': 'Median' is not one of");
        rejects("statistics", List.of("Sum,Sum,Sum,Sum,Sum,Sum"), "field 'statistics': at most 5");
        rejects("extendedStatistics", List.of("q99"), "field 'extendedStatistics': 'q99' is not a percentile");
        rejects("dimensions", List.of("InstanceId"), "field 'dimensions': each must be Name=Value");
    }

    @Test
    void requiresSomeStatistic() {
        final Map<String, List<String>> params = valid();
        params.remove("statistics");
        params.remove("extendedStatistics");

        assertThatThrownBy(() -> StatisticsQuery.parse(params)).hasMessageContaining("give statistics or extendedStatistics");
    }

    @Test
    void buildsLongerPeriodsFromTheLongestKeptPeriodThatDividesThem() {
        assertThat(MetricQueries.sourcePeriod(60)).isEqualTo(60);
        assertThat(MetricQueries.sourcePeriod(120)).isEqualTo(60);
        assertThat(MetricQueries.sourcePeriod(900)).isEqualTo(300);
        assertThat(MetricQueries.sourcePeriod(86_400)).isEqualTo(3600);
        assertThat(MetricQueries.sourcePeriod(5)).isEqualTo(1);
        assertThat(MetricQueries.sourcePeriod(20)).isEqualTo(20);
    }

    static Map<String, List<String>> queryParams(final String queryString) {
        final Map<String, List<String>> params = new HashMap<>();
        for (final String pair : queryString.substring(1).split("&")) {
            final String[] nameValue = pair.split("=", 2);
            params.computeIfAbsent(nameValue[0], k -> new java.util.ArrayList<>())
                .add(java.net.URLDecoder.decode(nameValue[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return params;
    }
}
