package io.trailwatch.app.alarms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.app.http.TimeParameter;
import io.trailwatch.processors.alarm.topology.AlarmHistory;
import io.trailwatch.processors.alarm.topology.AlarmHistoryItem;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * DescribeAlarmHistory for one alarm: its items from the history store, on the instance that holds the alarm's
 * partition (asked over HTTP when it is another one). Parameters, as query parameters (also the form in which a
 * request is forwarded to the owner): AlarmTypes, HistoryItemType, StartDate, EndDate, MaxRecords (1-100), ScanBy
 * (TimestampDescending, the default, or TimestampAscending) and NextToken; any other is a 400 naming it
 * ({@value #LOCAL} is what an instance adds when it forwards the request to the owner).
 */
final class AlarmHistoryReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TYPES = Set.of(AlarmHistoryItem.STATE_UPDATE,
        AlarmHistoryItem.CONFIGURATION_UPDATE, AlarmHistoryItem.ACTION);
    /** Set on a request forwarded to the owner, which answers from its own store whatever its metadata says. */
    private static final String LOCAL = "local";
    static final Set<String> PARAMETERS = Set.of("AlarmTypes", "HistoryItemType", "StartDate", "EndDate",
        "MaxRecords", "ScanBy", DescribeAlarmsRequest.NEXT_TOKEN, LOCAL);

    private final ProcessorsRuntime runtime;

    AlarmHistoryReader(final ProcessorsRuntime runtime) {
        this.runtime = runtime;
    }

    /** The response body. */
    String describe(final String alarmName, final Map<String, List<String>> params) {
        QueryString.allowOnly(params, PARAMETERS);
        final Set<String> alarmTypes = DescribeAlarmsRequest.checkedAlarmTypes(DescribeAlarmsRequest.list(params,
            "AlarmTypes"));
        final String type = DescribeAlarmsRequest.first(params, "HistoryItemType");
        if (type != null && !TYPES.contains(type)) {
            throw new ApiErrors.BadRequest("HistoryItemType", "must be StateUpdate, ConfigurationUpdate or Action, "
                + "was '" + type + "'");
        }
        final Instant start = date(params, "StartDate", Instant.EPOCH);
        final Instant end = date(params, "EndDate", Instant.ofEpochMilli(Long.MAX_VALUE / 2));
        final String scanBy = Optional.ofNullable(DescribeAlarmsRequest.first(params, "ScanBy"))
            .orElse("TimestampDescending");
        if (!scanBy.equals("TimestampDescending") && !scanBy.equals("TimestampAscending")) {
            throw new ApiErrors.BadRequest("ScanBy", "must be TimestampDescending or TimestampAscending, was '"
                + scanBy + "'");
        }
        final int maxRecords = DescribeAlarmsRequest.maxRecords(params);
        final int offset = offset(DescribeAlarmsRequest.first(params, DescribeAlarmsRequest.NEXT_TOKEN));
        // Checked before forwarding: the owner's 400 would come back as an unavailable instance.
        if (!params.containsKey(LOCAL)) {
            final Map<String, List<String>> forwarded = new LinkedHashMap<>(params);
            forwarded.put(LOCAL, List.of("true"));
            final Optional<String> owners = runtime.router().fromOwner(AlarmHistory.STORE, alarmName,
                new StringSerializer(), "/v1/alarms/" + URLEncoder.encode(alarmName, StandardCharsets.UTF_8)
                    .replace("+", "%20") + "/history" + QueryString.of(forwarded));
            if (owners.isPresent()) {
                return owners.get();
            }
        }

        final List<AlarmHistoryItem> items = new ArrayList<>();
        for (final AlarmHistoryItem item : AlarmHistory.items(LocalStores.keyValue(runtime, AlarmHistory.STORE),
            alarmName, start.toEpochMilli(), end.toEpochMilli())) {
            if ((type == null || type.equals(item.historyItemType()))
                && (alarmTypes.isEmpty() || alarmTypes.contains(item.alarmType()))) {
                items.add(item);
            }
        }
        if (scanBy.equals("TimestampDescending")) {
            Collections.reverse(items);
        }
        final ObjectNode body = JSON.createObjectNode();
        final ArrayNode array = body.putArray("AlarmHistoryItems");
        final int last = Math.min(items.size(), offset + maxRecords);
        for (final AlarmHistoryItem item : items.subList(Math.min(offset, last), last)) {
            array.addObject()
                .put("AlarmName", item.alarmName())
                .put("AlarmType", item.alarmType())
                .put("Timestamp", Instant.ofEpochMilli(item.timestampMs()).toString())
                .put("HistoryItemType", item.historyItemType())
                .put("HistorySummary", item.historySummary())
                .put("HistoryData", item.historyData());
        }
        if (last < items.size()) {
            body.put("NextToken", DescribeAlarmsRequest.token(DescribeAlarmsRequest.HISTORY_TOKEN,
                Integer.toString(last)));
        }
        return body.toString();
    }

    private static Instant date(final Map<String, List<String>> params, final String parameter,
                                final Instant otherwise) {
        final String text = DescribeAlarmsRequest.first(params, parameter);
        return text == null ? otherwise : TimeParameter.parse(parameter, text);
    }

    /** Where the page starts: 0 without a token; a token this API did not return is a 400. */
    static int offset(final String token) {
        final String decoded = DescribeAlarmsRequest.position(DescribeAlarmsRequest.HISTORY_TOKEN, token);
        if (decoded == null) {
            return 0;
        }
        try {
            final int offset = Integer.parseInt(decoded);
            if (offset >= 0) {
                return offset;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new ApiErrors.BadRequest(DescribeAlarmsRequest.NEXT_TOKEN, "cannot be decoded: it is not a NextToken "
            + "this API returned");
    }
}
