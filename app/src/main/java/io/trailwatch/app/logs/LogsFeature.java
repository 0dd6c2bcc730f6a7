package io.trailwatch.app.logs;

import io.javalin.config.RoutesConfig;
import io.trailwatch.app.aws.AwsApis;
import io.trailwatch.app.aws.AwsOperations;
import io.trailwatch.app.aws.TopicWriter;
import io.trailwatch.app.definitions.DefinitionStore;
import io.trailwatch.app.definitions.MetricFilters;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.avro.LogEvent;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Clock;

/**
 * CloudWatch Logs: log groups and streams, PutLogEvents, and reading the kept events, in AWS's protocol and (the
 * reads) on the {@code /v1} API, over one {@link LogGroups} and one {@link LogEventsService}.
 */
public final class LogsFeature implements ApiRoutes, AwsOperations {

    private final LogsAwsOperations awsOperations;
    private final LogEventRoutes routes;
    private final LogGroupRoutes groupRoutes;

    /** @param events where PutLogEvents writes; closed by its owner */
    public LogsFeature(final ProcessorsRuntime runtime, final DefinitionStore definitions,
                       final MetricFilters metricFilters, final TopicWriter<String, LogEvent> events,
                       final ResourceNames names, final SerdeContext serdes, final Clock clock) {
        final LogGroups groups = new LogGroups(definitions, clock);
        final LogStoreRouter store = new LogStoreRouter(runtime, serdes);
        final LogEventsService reads = new LogEventsService(groups, store, names, clock);
        this.awsOperations = new LogsAwsOperations(groups, reads, metricFilters, events, names, clock);
        this.routes = new LogEventRoutes(reads, store);
        this.groupRoutes = new LogGroupRoutes(awsOperations);
    }

    @Override
    public void register(final RoutesConfig config) {
        routes.register(config);
        groupRoutes.register(config);
    }

    @Override
    public void addTo(final AwsApis apis) {
        awsOperations.addTo(apis);
    }
}
