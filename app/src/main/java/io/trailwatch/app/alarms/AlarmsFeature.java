package io.trailwatch.app.alarms;

import io.javalin.config.RoutesConfig;
import io.trailwatch.app.aws.AwsApis;
import io.trailwatch.app.aws.AwsOperations;
import io.trailwatch.app.definitions.DefinitionStore;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;

/**
 * Alarms and alarm mute rules on the HTTP API and in AWS's protocols, over this instance's processors and the config
 * topic.
 */
public final class AlarmsFeature implements ApiRoutes, AwsOperations, AutoCloseable {

    private final AlarmWrites writes;
    private final AlarmsApi alarms;
    private final AlarmMuteRulesApi muteRules;
    private final AlarmsAwsOperations awsOperations;

    /** @param definitionStore the definitions every API shares; closed by its owner */
    public AlarmsFeature(final ProcessorsRuntime runtime, final DefinitionStore definitionStore,
                         final String bootstrapServers, final SerdeContext serdes) {
        this(runtime, definitionStore, KafkaAccess.plaintext(bootstrapServers), serdes);
    }

    public AlarmsFeature(final ProcessorsRuntime runtime, final DefinitionStore definitionStore,
                         final KafkaAccess kafka, final SerdeContext serdes) {
        final AlarmDefinitionsView definitions = new AlarmDefinitionsView(definitionStore);
        this.writes = new AlarmWrites(definitionStore, kafka, serdes);
        final AlarmStatesView states = new AlarmStatesView(runtime);
        final AlarmService service = new AlarmService(definitions, states, writes);
        final AlarmHistoryReader history = new AlarmHistoryReader(runtime);
        final AlarmMuteRules rules = new AlarmMuteRules(definitions, writes);
        this.alarms = new AlarmsApi(service, states, history);
        this.muteRules = new AlarmMuteRulesApi(rules);
        this.awsOperations = new AlarmsAwsOperations(service, history, rules);
    }

    @Override
    public void register(final RoutesConfig routes) {
        alarms.register(routes);
        muteRules.register(routes);
    }

    @Override
    public void addTo(final AwsApis apis) {
        awsOperations.addTo(apis);
    }

    @Override
    public void close() {
        writes.close();
    }
}
