package io.trailwatch.app.logs;

import io.javalin.config.RoutesConfig;
import io.trailwatch.app.aws.AwsApis;
import io.trailwatch.app.aws.AwsOperations;
import io.trailwatch.app.aws.TopicWriter;
import io.trailwatch.app.definitions.DefinitionStore;
import io.trailwatch.app.definitions.MetricFilters;
import io.trailwatch.app.definitions.TargetTopics;
import io.trailwatch.app.events.KafkaTargetArns;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.avro.LogEvent;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.processors.logs.insights.InsightsSettings;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Clock;

/**
 * CloudWatch Logs: log groups and streams, PutLogEvents, reading the kept events and Logs Insights queries, in
 * AWS's protocol and (the reads and queries) on the {@code /v1} API, over one {@link LogGroups}, one
 * {@link LogEventsService} and one {@link InsightsQueries}.
 */
public final class LogsFeature implements ApiRoutes, AwsOperations, AutoCloseable {

    private final LogsAwsOperations awsOperations;
    private final LogEventRoutes routes;
    private final InsightsQueries insights;
    private final InsightsRoutes insightsRoutes;
    private final LiveTailRoutes liveTails;
    private final SubscriptionFilterRoutes subscriptionRoutes;
    private final LogGroupRoutes groupRoutes;

    /**
     * @param events where PutLogEvents writes; closed by its owner
     * @param kafka  what live tails read the log topics with
     * @param topics creates subscription filters' destination topics
     */
    public LogsFeature(final ProcessorsRuntime runtime, final DefinitionStore definitions,
                       final MetricFilters metricFilters, final TopicWriter<String, LogEvent> events,
                       final ResourceNames names, final SerdeContext serdes, final InsightsSettings insightsSettings,
                       final KafkaAccess kafka, final TargetTopics topics, final Clock clock) {
        final LogGroups groups = new LogGroups(definitions, clock);
        final LogStoreRouter store = new LogStoreRouter(runtime, serdes);
        final LogEventsService reads = new LogEventsService(groups, store, names, clock);
        final InsightsRouter insightsRouter = new InsightsRouter(runtime, store, insightsSettings.timeout());
        this.insights = new InsightsQueries(groups, store, insightsRouter, new QueryHomes(runtime), names,
            insightsSettings, clock);
        final SubscriptionFilters subscriptions = new SubscriptionFilters(definitions, groups,
            new KafkaTargetArns(names.accountId(), names.region()), topics::ensure, clock);
        this.awsOperations = new LogsAwsOperations(groups, reads, insights, metricFilters, events, names,
            subscriptions, clock);
        this.routes = new LogEventRoutes(reads, store);
        this.insightsRoutes = new InsightsRoutes(insights, insightsRouter);
        this.subscriptionRoutes = new SubscriptionFilterRoutes(subscriptions);
        this.liveTails = new LiveTailRoutes(new LiveTails(kafka, new LogTopicSource(serdes, names.accountId()), groups,
            LiveTailSettings.DEFAULTS, clock), clock);
        this.groupRoutes = new LogGroupRoutes(awsOperations);
    }

    @Override
    public void close() {
        insights.close();
    }

    @Override
    public void register(final RoutesConfig config) {
        routes.register(config);
        insightsRoutes.register(config);
        liveTails.register(config);
        subscriptionRoutes.register(config);
        groupRoutes.register(config);
    }

    @Override
    public void addTo(final AwsApis apis) {
        awsOperations.addTo(apis);
    }
}
