package io.trailwatch.app.stack;

import io.trailwatch.app.alarms.AlarmsFeature;
import io.trailwatch.app.aws.AwsRoutes;
import io.trailwatch.app.aws.TopicWriter;
import io.trailwatch.app.cloudtraildata.AuditEventsIngest;
import io.trailwatch.app.cloudtraildata.CloudTrailDataAwsOperations;
import io.trailwatch.app.console.ConsoleRoutes;
import io.trailwatch.app.dashboards.DashboardRoutes;
import io.trailwatch.app.dashboards.DashboardStore;
import io.trailwatch.app.dashboards.Dashboards;
import io.trailwatch.app.dashboards.DashboardsAwsOperations;
import io.trailwatch.app.definitions.DefinitionStore;
import io.trailwatch.app.definitions.MetricFilterRoutes;
import io.trailwatch.app.definitions.MetricFilters;
import io.trailwatch.app.definitions.RuleJson;
import io.trailwatch.app.definitions.RuleRoutes;
import io.trailwatch.app.definitions.Rules;
import io.trailwatch.app.definitions.TargetTopics;
import io.trailwatch.app.events.ApiDestinationArns;
import io.trailwatch.app.events.ApiDestinationAwsOperations;
import io.trailwatch.app.events.ApiDestinationRoutes;
import io.trailwatch.app.events.ApiDestinations;
import io.trailwatch.app.events.Connections;
import io.trailwatch.app.events.CustomEvents;
import io.trailwatch.app.events.DefaultEventBus;
import io.trailwatch.app.events.EventBridgeAwsOperations;
import io.trailwatch.app.events.KafkaTargetArns;
import io.trailwatch.app.history.EventHistory;
import io.trailwatch.app.history.EventHistoryRoutes;
import io.trailwatch.app.history.LookupEventsOperation;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.MetricRoutes;
import io.trailwatch.app.http.access.AccessControl;
import io.trailwatch.app.logs.LogsFeature;
import io.trailwatch.app.logs.MetricFilterAwsOperations;
import io.trailwatch.app.metrics.MetricPublisher;
import io.trailwatch.app.metrics.MetricsAwsOperations;
import io.trailwatch.app.notify.NotificationTopics;
import io.trailwatch.app.notify.SnsOperations;
import io.trailwatch.app.notify.SubscriptionConfirmations;
import io.trailwatch.app.notify.SubscriptionDeliveries;
import io.trailwatch.app.notify.TopicArns;
import io.trailwatch.app.notify.TopicRoutes;
import io.trailwatch.app.selfmetrics.SelfMetrics;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.processors.definitions.DefinitionWriter;
import io.trailwatch.processors.metrics.query.MetricQueries;
import io.trailwatch.processors.notify.NotificationTopicArns;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * Every feature's services over one instance's processors and topics, with their front ends: the {@code /v1} routes
 * and AWS's protocols ({@link AwsRoutes}), both calling the same services. Closing stops what the features started.
 */
public final class Features implements AutoCloseable {

    private final StartedResources started = new StartedResources();
    private final List<ApiRoutes> routes = new ArrayList<>();
    private SelfMetrics selfMetrics;

    private Features() {
    }

    /**
     * The features of an instance, their AWS routes listed in {@code access}'s catalogue.
     *
     * @param admin the admin client of {@code kafka} (rule targets are created with it)
     */
    public static Features start(final ProcessorsRuntime runtime, final ProcessorsConfig processors,
                                 final KafkaAccess kafka, final SerdeContext serdes, final Admin admin,
                                 final AccessControl access) {
        final Features features = new Features();
        try {
            final DefinitionStore definitions = features.owned(new DefinitionStore(runtime::configStore,
                new DefinitionWriter(kafka, serdes)));
            final AlarmsFeature alarms = features.owned(new AlarmsFeature(runtime, definitions, kafka, serdes));
            final MetricQueries metrics = new MetricQueries(runtime.streams(), runtime.router(), serdes);
            final MetricPublisher metricPublisher = features.owned(new MetricPublisher(kafka, serdes));
            features.selfMetrics = features.owned(SelfMetrics.start(runtime, processors, kafka, serdes, admin,
                datums -> metricPublisher.publish(datums, Instant.now())));
            final Rules rules = new Rules(definitions, new TargetTopics(admin));
            final RuleJson ruleJson = new RuleJson(processors.rulesAccount(), processors.rulesRegion());
            final DefaultEventBus bus = new DefaultEventBus(processors.rulesAccount(), processors.rulesRegion());
            final CustomEvents customEvents = features.owned(new CustomEvents(kafka, serdes,
                processors.eventEnvelopes(), bus));
            final EventHistory history = EventHistory.create(runtime, serdes, processors.history());
            final MetricFilters metricFilters = new MetricFilters(definitions);
            final ResourceNames names = new ResourceNames(processors.rulesAccount(), processors.rulesRegion());
            final Dashboards dashboards = new Dashboards(features.owned(DashboardStore.of(runtime.streams(), kafka,
                serdes)), names);
            features.routes.add(new DashboardRoutes(dashboards));
            features.routes.addAll(List.of(
                features.owned(new LogsFeature(runtime, definitions, metricFilters, features.owned(new TopicWriter<>(
                    kafka, serdes, Topics.LOGS, "trailwatch-put-log-events")), names, serdes, processors.insights(),
                    kafka, new TargetTopics(admin), Clock.systemUTC())),
                alarms,
                new MetricRoutes(metrics),
                new EventHistoryRoutes(history),
                new MetricFilterRoutes(metricFilters),
                new RuleRoutes(rules, ruleJson),
                new ConsoleRoutes(),
                features.selfMetrics));
            final List<Object> awsOperations = new ArrayList<>(features.routes);
            awsOperations.addAll(List.of(new MetricsAwsOperations(metrics), metricPublisher));
            awsOperations.add(new LookupEventsOperation(history));
            awsOperations.add(new DashboardsAwsOperations(dashboards, names));
            awsOperations.add(new MetricFilterAwsOperations(metricFilters, names));
            awsOperations.add(new CloudTrailDataAwsOperations(new AuditEventsIngest(kafka, serdes,
                processors.schemaRegistryUrl(), processors.rulesAccount(), processors.rulesRegion())));
            final Connections connections = new Connections(definitions);
            final ApiDestinations apiDestinations = new ApiDestinations(definitions, connections);
            final ApiDestinationArns destinationArns = new ApiDestinationArns(names);
            final ApiDestinationAwsOperations destinationOperations = new ApiDestinationAwsOperations(connections,
                apiDestinations, destinationArns, Clock.systemUTC());
            awsOperations.add(destinationOperations);
            features.routes.add(new ApiDestinationRoutes(destinationOperations));
            awsOperations.add(new EventBridgeAwsOperations(rules, ruleJson, new KafkaTargetArns(
                processors.rulesAccount(), processors.rulesRegion()), processors.eventEnvelopes().notificationTopics(),
                customEvents, bus, destinationArns, apiDestinations));
            final SubscriptionConfirmations confirmations = features.owned(new SubscriptionConfirmations(kafka, serdes,
                new NotificationTopicArns(processors.rulesAccount(), processors.rulesRegion()), Clock.systemUTC()));
            final SnsOperations sns = new SnsOperations(new NotificationTopics(definitions, confirmations::send,
                Clock.systemUTC()), names);
            features.owned(new SubscriptionDeliveries(kafka, serdes, definitions, new NotificationTopicArns(
                processors.rulesAccount(), processors.rulesRegion()), processors.delivery(), processors.smtp(),
                processors.pagerDutyEventsUrl()));
            features.routes.add(new TopicRoutes(sns, new TopicArns(names)));
            awsOperations.add(sns);
            features.routes.add(AwsRoutes.of(awsOperations).listIn(access));
            return features;
        } catch (final RuntimeException e) {
            features.close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T owned(final T closeable) {
        return started.owned(closeable);
    }

    /** Trailwatch's own metrics ({@code GET /metrics}, and CloudWatch's {@code Trailwatch/...} every minute). */
    public SelfMetrics selfMetrics() {
        return selfMetrics;
    }

    /** The routes of every feature, AWS's protocols included. */
    public List<ApiRoutes> routes() {
        return List.copyOf(routes);
    }

    @Override
    public void close() {
        started.close();
    }
}
