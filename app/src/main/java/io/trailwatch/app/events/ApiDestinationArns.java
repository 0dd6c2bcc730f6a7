package io.trailwatch.app.events;

import io.trailwatch.identity.ResourceNames;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.Optional;

/**
 * The ARNs of connections and API destinations ({@link ResourceNames}), and the names they carry: AWS's own ARNs end
 * with {@code /<name>/<uuid>}, Trailwatch's with {@code /<name>}; both are read.
 */
public final class ApiDestinationArns {

    private final ResourceNames names;

    public ApiDestinationArns(final ResourceNames names) {
        this.names = names;
    }

    public String connection(final String name) {
        return names.connection(name);
    }

    public String apiDestination(final String name) {
        return names.apiDestination(name);
    }

    /** The connection an ARN names; a refusal naming the member when it names none of this deployment. */
    public String connectionName(final String member, final String arn) {
        return nameIn(arn, names.connection("")).orElseThrow(() -> new InvalidRecordException(member,
            "must be a connection's ARN, " + names.connection("<name>") + ", was '" + arn + "'"));
    }

    /** The API destination an ARN names, or empty when it is not one of this deployment. */
    public Optional<String> apiDestinationName(final String arn) {
        return nameIn(arn, names.apiDestination(""));
    }

    private static Optional<String> nameIn(final String arn, final String prefix) {
        if (arn == null || !arn.startsWith(prefix) || arn.length() == prefix.length()) {
            return Optional.empty();
        }
        final String rest = arn.substring(prefix.length());
        final int slash = rest.indexOf('/');
        return Optional.of(slash < 0 ? rest : rest.substring(0, slash)).filter(name -> !name.isEmpty());
    }
}
