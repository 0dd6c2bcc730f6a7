package io.trailwatch.app.alarms;

import io.javalin.config.RoutesConfig;
import io.trailwatch.app.definitions.DefinitionStore;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;

/** Alarms and alarm mute rules on the HTTP API, over this instance's processors and the config topic. */
public final class AlarmsFeature implements ApiRoutes, AutoCloseable {

    private final AlarmWrites writes;
    private final AlarmsApi alarms;
    private final AlarmMuteRulesApi muteRules;

    /** @param definitionStore the definitions every API shares; closed by its owner */
    public AlarmsFeature(final ProcessorsRuntime runtime, final DefinitionStore definitionStore,
                         final String bootstrapServers, final SerdeContext serdes) {
        this(runtime, definitionStore, KafkaAccess.plaintext(bootstrapServers), serdes);
    }

    public AlarmsFeature(final ProcessorsRuntime runtime, final DefinitionStore definitionStore,
                         final KafkaAccess kafka, final SerdeContext serdes) {
        final AlarmDefinitionsView definitions = new AlarmDefinitionsView(definitionStore);
        this.writes = new AlarmWrites(definitionStore, kafka, serdes);
        this.alarms = new AlarmsApi(definitions, new AlarmStatesView(runtime), new AlarmHistoryReader(runtime), writes);
        this.muteRules = new AlarmMuteRulesApi(definitions, writes);
    }

    @Override
    public void register(final RoutesConfig routes) {
        alarms.register(routes);
        muteRules.register(routes);
    }

    @Override
    public void close() {
        writes.close();
    }
}
