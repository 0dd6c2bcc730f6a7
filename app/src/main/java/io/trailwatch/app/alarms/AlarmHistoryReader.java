package io.trailwatch.app.alarms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.app.http.TimeParameter;
import io.trailwatch.processors.alarm.topology.AlarmHistory;
import io.trailwatch.processors.alarm.topology.AlarmHistoryItem;
import io.trailwatch.processors.common.InstanceRouter;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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

    /** Where an instance answers its part of the history of every alarm (instances only). */
    static final String ALL_ALARMS_PATH = "/v1/internal/alarm-history";

    private final ProcessorsRuntime runtime;

    AlarmHistoryReader(final ProcessorsRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * The response body: of one alarm, or of every alarm when {@code alarmName} is null (each instance's part asked
     * at once, merged in time order, then paged).
     */
    String describe(final String alarmName, final Map<String, List<String>> params) {
        QueryString.allowOnly(params, PARAMETERS);
        final Selection selection = Selection.of(params);
        final int maxRecords = DescribeAlarmsRequest.maxRecords(params);
        final int offset = offset(DescribeAlarmsRequest.first(params, DescribeAlarmsRequest.NEXT_TOKEN));
        final Map<String, List<String>> forwarded = new LinkedHashMap<>(params);
        forwarded.put(LOCAL, List.of("true"));
        final List<AlarmHistoryItem> items = new ArrayList<>();
        if (alarmName == null) {
            final List<CompletableFuture<List<AlarmHistoryItem>>> others = params.containsKey(LOCAL) ? List.of()
                : runtime.router().fromOthers(AlarmHistory.STORE, ALL_ALARMS_PATH + QueryString.of(forwarded),
                    (host, body) -> parse(body));
            items.addAll(selection.of(AlarmHistory.allItems(LocalStores.keyValue(runtime, AlarmHistory.STORE),
                selection.startMs(), selection.endMs())));
            InstanceRouter.joined(others).forEach(items::addAll);
            if (params.containsKey(LOCAL)) {
                return write(items, 0, items.size());
            }
        } else {
            // Checked before forwarding: the owner's 400 would come back as an unavailable instance.
            if (!params.containsKey(LOCAL)) {
                final Optional<String> owners = runtime.router().fromOwner(AlarmHistory.STORE, alarmName,
                    new StringSerializer(), "/v1/alarms/" + URLEncoder.encode(alarmName, StandardCharsets.UTF_8)
                        .replace("+", "%20") + "/history" + QueryString.of(forwarded));
                if (owners.isPresent()) {
                    return owners.get();
                }
            }
            items.addAll(selection.of(AlarmHistory.items(LocalStores.keyValue(runtime, AlarmHistory.STORE),
                alarmName, selection.startMs(), selection.endMs())));
        }
        items.sort(Comparator.comparingLong(AlarmHistoryItem::timestampMs));
        if (selection.descending()) {
            Collections.reverse(items);
        }
        return write(items, offset, maxRecords);
    }

    /** The items the parameters select, and their order. */
    private record Selection(Set<String> alarmTypes, String type, long startMs, long endMs, boolean descending) {

        static Selection of(final Map<String, List<String>> params) {
            final Set<String> alarmTypes = DescribeAlarmsRequest.checkedAlarmTypes(DescribeAlarmsRequest.list(params,
                "AlarmTypes"));
            final String type = DescribeAlarmsRequest.first(params, "HistoryItemType");
            if (type != null && !TYPES.contains(type)) {
                throw new ApiErrors.BadRequest("HistoryItemType", "must be StateUpdate, ConfigurationUpdate or "
                    + "Action, was '" + type + "'");
            }
            final String scanBy = Optional.ofNullable(DescribeAlarmsRequest.first(params, "ScanBy"))
                .orElse("TimestampDescending");
            if (!scanBy.equals("TimestampDescending") && !scanBy.equals("TimestampAscending")) {
                throw new ApiErrors.BadRequest("ScanBy", "must be TimestampDescending or TimestampAscending, was '"
                    + scanBy + "'");
            }
            return new Selection(alarmTypes, type, date(params, "StartDate", Instant.EPOCH).toEpochMilli(),
                date(params, "EndDate", Instant.ofEpochMilli(Long.MAX_VALUE / 2)).toEpochMilli(),
                scanBy.equals("TimestampDescending"));
        }

        List<AlarmHistoryItem> of(final List<AlarmHistoryItem> items) {
            return items.stream().filter(item -> (type == null || type.equals(item.historyItemType()))
                && (alarmTypes.isEmpty() || alarmTypes.contains(item.alarmType()))).toList();
        }
    }

    /** A page of the items, with the NextToken of the next one. */
    private static String write(final List<AlarmHistoryItem> items, final int offset, final int maxRecords) {
        final ObjectNode body = JSON.createObjectNode();
        final ArrayNode array = body.putArray("AlarmHistoryItems");
        final int last = (int) Math.min(items.size(), (long) offset + maxRecords);
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

    /** Another instance's items, as {@link #write} wrote them. */
    private static List<AlarmHistoryItem> parse(final String body) {
        final List<AlarmHistoryItem> items = new ArrayList<>();
        try {
            for (final JsonNode item : JSON.readTree(body).path("AlarmHistoryItems")) {
                items.add(new AlarmHistoryItem(item.path("AlarmName").asText(), item.path("AlarmType").asText(),
                    Instant.parse(item.path("Timestamp").asText()).toEpochMilli(),
                    item.path("HistoryItemType").asText(), item.path("HistorySummary").asText(),
                    item.path("HistoryData").asText()));
            }
        } catch (final java.io.IOException | java.time.DateTimeException e) {
            throw new InstanceRouter.UnavailableException("an instance's alarm history could not be read: "
                + e.getMessage());
        }
        return items;
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
