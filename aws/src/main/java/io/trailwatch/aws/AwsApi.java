package io.trailwatch.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.identity.AwsService;
import io.trailwatch.identity.Operation;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One AWS service as its clients address it: the SigV4 signing name in the credential scope ({@code monitoring}),
 * the target prefix of its JSON and CBOR protocols ({@code GraniteServiceVersion20100801}), its query version and
 * XML namespace, the protocols it speaks, the members whose wire type JSON does not carry, and its operations.
 * Features add their operations ({@link #operation}); the endpoint only decodes, dispatches and encodes.
 */
public final class AwsApi {

    private final String signingName;
    private final AwsService service;
    private final String targetPrefix;
    private final String smithyNamespace;
    private final String queryVersion;
    private final String xmlNamespace;
    private final Set<AwsProtocol> protocols;
    private final boolean queryCompatible;
    /** Types by member name alone. */
    private final Map<String, MemberType> memberTypes;
    /** Types by container, then member name: looked up without building a key for every member of every input. */
    private final Map<String, Map<String, MemberType>> qualifiedTypes;
    private final Map<String, AwsOperation> operations = new LinkedHashMap<>();
    private final Map<String, String> restRoutes = new LinkedHashMap<>();
    private final Map<String, Integer> maxRequestBytes = new LinkedHashMap<>();
    private Function<RuntimeException, Optional<AwsError>> errors = e -> Optional.empty();

    private AwsApi(final Builder builder) {
        this.signingName = Objects.requireNonNull(builder.signingName);
        this.service = Objects.requireNonNull(builder.service);
        this.targetPrefix = builder.targetPrefix;
        this.smithyNamespace = builder.smithyNamespace;
        this.queryVersion = builder.queryVersion;
        this.xmlNamespace = builder.xmlNamespace;
        this.protocols = Collections.unmodifiableSet(EnumSet.copyOf(builder.protocols));
        this.queryCompatible = builder.queryCompatible;
        final Map<String, MemberType> plain = new LinkedHashMap<>();
        final Map<String, Map<String, MemberType>> qualified = new LinkedHashMap<>();
        builder.memberTypes.forEach((name, type) -> {
            final int dot = name.indexOf('.');
            if (dot < 0) {
                plain.put(name, type);
            } else {
                qualified.computeIfAbsent(name.substring(0, dot), c -> new LinkedHashMap<>())
                    .put(name.substring(dot + 1), type);
            }
        });
        this.memberTypes = Map.copyOf(plain);
        this.qualifiedTypes = qualified.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
            Map.Entry::getKey, entry -> Map.copyOf(entry.getValue())));
    }

    public static Builder builder(final String signingName, final AwsService service) {
        return new Builder(signingName, service);
    }

    /**
     * Adds an operation answered by {@code handler}, on {@code *} (no resource-level permissions).
     *
     * @return this
     */
    public AwsApi operation(final Operation iam, final AwsOperation.Handler handler) {
        return operation(iam, input -> Optional.empty(), handler);
    }

    /** Adds an operation that acts on the resource its input names. */
    public AwsApi operation(final Operation iam, final Function<ObjectNode, Optional<AwsOperation.Resource>> resource,
                            final AwsOperation.Handler handler) {
        if (iam.service() != service) {
            throw new IllegalArgumentException(iam.iamAction() + " is not an operation of " + signingName);
        }
        if (operations.putIfAbsent(iam.name(), new AwsOperation(iam.name(), iam, resource, handler)) != null) {
            throw new IllegalArgumentException(iam.name() + " is defined twice for " + signingName);
        }
        return this;
    }

    /**
     * The largest request an operation takes, counted as its (decompressed) body, as AWS counts PutMetricData's
     * 1 MB; a larger one is refused before it is decoded.
     */
    public AwsApi maxRequestBytes(final String operationName, final int bytes) {
        maxRequestBytes.put(operationName, bytes);
        return this;
    }

    /** The limit {@link #maxRequestBytes(String, int)} set, if any. */
    public Optional<Integer> maxRequestBytes(final String operationName) {
        return Optional.ofNullable(maxRequestBytes.get(operationName));
    }

    /** Serves an operation of a restJson1 service at {@code POST <path>}. */
    public AwsApi restRoute(final String path, final String operationName) {
        restRoutes.put(path, operationName);
        return this;
    }

    /**
     * How the exceptions of the services behind this API read in its protocol (a /v1 service's "bad request" is
     * this service's {@code InvalidParameterValueException}); an exception it does not translate is an internal
     * failure.
     */
    public AwsApi errors(final Function<RuntimeException, Optional<AwsError>> translator) {
        this.errors = Objects.requireNonNull(translator);
        return this;
    }

    public String signingName() {
        return signingName;
    }

    public AwsService service() {
        return service;
    }

    public String targetPrefix() {
        return targetPrefix;
    }

    public String smithyNamespace() {
        return smithyNamespace;
    }

    public String queryVersion() {
        return queryVersion;
    }

    public String xmlNamespace() {
        return xmlNamespace;
    }

    public boolean speaks(final AwsProtocol protocol) {
        return protocols.contains(protocol);
    }

    /** Whether JSON and CBOR errors carry the query protocol's code too ({@code x-amzn-query-error}). */
    public boolean queryCompatible() {
        return queryCompatible;
    }

    public Optional<AwsOperation> operation(final String name) {
        return Optional.ofNullable(operations.get(name));
    }

    public Map<String, AwsOperation> operations() {
        return Collections.unmodifiableMap(operations);
    }

    public Map<String, String> restRoutes() {
        return Collections.unmodifiableMap(restRoutes);
    }

    /**
     * The wire type of a member that JSON does not carry: looked up as {@code <container>.<member>} first (the
     * {@code Value} of a {@code MetricData} entry is a double, of a {@code Dimensions} entry text), then as the
     * member's name alone; empty for text, structures and lists.
     */
    public Optional<MemberType> memberType(final String container, final String member) {
        final Map<String, MemberType> inContainer = container == null ? null : qualifiedTypes.get(container);
        final MemberType qualified = inContainer == null ? null : inContainer.get(member);
        return Optional.ofNullable(qualified != null ? qualified : memberTypes.get(member));
    }

    /** Whether any member needs typing beyond what JSON carries (CloudWatch Logs' members do not). */
    public boolean typesMembers() {
        return !memberTypes.isEmpty() || !qualifiedTypes.isEmpty();
    }

    Optional<AwsError> translate(final RuntimeException e) {
        return errors.apply(e);
    }

    /** What an {@link AwsApi} is, before its operations are added. */
    public static final class Builder {
        private final String signingName;
        private final AwsService service;
        private String targetPrefix;
        private String smithyNamespace;
        private String queryVersion;
        private String xmlNamespace;
        private final Set<AwsProtocol> protocols = EnumSet.noneOf(AwsProtocol.class);
        private boolean queryCompatible;
        private final Map<String, MemberType> memberTypes = new LinkedHashMap<>();

        private Builder(final String signingName, final AwsService service) {
            this.signingName = signingName;
            this.service = service;
        }

        /** JSON over {@code X-Amz-Target: <prefix>.<Operation>} (and CBOR at {@code /service/<prefix>/...}). */
        public Builder json(final AwsProtocol version, final String prefix, final String namespace) {
            this.targetPrefix = prefix;
            this.smithyNamespace = namespace;
            protocols.add(version);
            return this;
        }

        public Builder cbor() {
            protocols.add(AwsProtocol.RPC_V2_CBOR);
            return this;
        }

        /** The query protocol ({@code Version=<version>}), answering in XML under {@code namespace}. */
        public Builder query(final String version, final String namespace) {
            this.queryVersion = version;
            this.xmlNamespace = namespace;
            this.queryCompatible = true;
            protocols.add(AwsProtocol.AWS_QUERY);
            return this;
        }

        public Builder restJson() {
            protocols.add(AwsProtocol.REST_JSON_1);
            return this;
        }

        /** A member's wire type, by name ({@code Timestamp}) or container and name ({@code MetricData.Value}). */
        public Builder member(final String name, final MemberType type) {
            memberTypes.put(name, type);
            return this;
        }

        public AwsApi build() {
            if (protocols.isEmpty()) {
                throw new IllegalStateException(signingName + " speaks no protocol");
            }
            return new AwsApi(this);
        }
    }
}
