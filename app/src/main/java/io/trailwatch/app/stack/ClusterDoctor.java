package io.trailwatch.app.stack;

import io.trailwatch.processors.runtime.TopicCheck;
import io.trailwatch.processors.runtime.TopicPolicy;
import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.trailwatch.app.registry.RegistrySubjectsProbe;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SecurityDisabledException;

/**
 * {@code trailwatch doctor}'s checks of the services a deployment uses: the same checks {@code up} makes of a
 * cluster (login, topics) plus the ACLs, the schema registry and the object store. Each check adds problems, one
 * line each saying what to change, or a line to the OK summary.
 */
public final class ClusterDoctor {

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private final List<String> problems = new ArrayList<>();
    private final List<String> fine = new ArrayList<>();

    public List<String> problems() {
        return problems;
    }

    public List<String> fine() {
        return fine;
    }

    /** Login, topics and ACLs of the cluster. */
    public ClusterDoctor kafka(final KafkaAccess kafka, final TopicPolicy policy) {
        try (Admin admin = Admin.create(kafka.clientConfig(Map.of(AdminClientConfig.CLIENT_ID_CONFIG,
            "trailwatch-doctor", AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) ClusterPreflight.ANSWER_TIMEOUT.toMillis())))) {
            final String unreachable = ClusterPreflight.reachProblem(admin, kafka.bootstrapServers());
            if (unreachable != null) {
                problems.add(unreachable);
                return this;
            }
            fine.add("Kafka at " + kafka.bootstrapServers() + " answers (" + kafka + ")");
            topics(admin, policy);
            acls(admin);
        }
        return this;
    }

    private void topics(final Admin admin, final TopicPolicy policy) {
        try {
            final List<String> topicProblems = TopicCheck.problems(admin, Topics.all(), policy);
            problems.addAll(topicProblems);
            final Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            final List<String> missing = Topics.all().stream().map(Topic::name)
                .filter(name -> !existing.contains(name)).toList();
            if (topicProblems.isEmpty()) {
                fine.add("topics: " + (Topics.all().size() - missing.size()) + " as Trailwatch needs them"
                    + (missing.isEmpty() ? "" : ", " + missing.size() + " to be created by trailwatch up (needs "
                    + "CREATE on the cluster)"));
            }
        } catch (final RuntimeException | InterruptedException | ExecutionException | TimeoutException e) {
            problems.add("topics: " + message(e) + ": grant the principal DESCRIBE and DESCRIBE_CONFIGS on the "
                + "trailwatch.* topics");
        }
    }

    /** DescribeAcls where permitted; else what the topic checks above tried is the report. */
    private void acls(final Admin admin) {
        try {
            final Collection<?> bindings = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
            fine.add("ACLs: the cluster has " + bindings.size() + " bindings (DescribeAcls permitted)");
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof SecurityDisabledException) {
                fine.add("ACLs: the cluster has no authorizer");
            } else if (e.getCause() instanceof ClusterAuthorizationException) {
                fine.add("ACLs: DescribeAcls not permitted; the topic checks were tried instead");
            } else {
                problems.add("ACLs: " + message(e));
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final TimeoutException e) {
            problems.add("ACLs: DescribeAcls got no answer within 30 s");
        }
    }

    /** The registry answers GET /subjects with the credentials and trust store of its settings. */
    public ClusterDoctor registry(final String url, final Map<String, ?> access) {
        if (url == null) {
            return this;
        }
        final String where = "schema registry at " + url;
        try {
            final int status = new RegistrySubjectsProbe(url, access, HTTP_TIMEOUT).status();
            if (status == 401 || status == 403) {
                problems.add(where + " refused the credentials (HTTP " + status + "): set "
                    + "registry.basic.auth.user.info or registry.bearer.auth.token");
            } else if (status != 200) {
                problems.add(where + " answered HTTP " + status + " to GET /subjects: check trailwatch.schema."
                    + "registry.url (Confluent's API, e.g. Apicurio's /apis/ccompat/v7)");
            } else {
                fine.add(where + " answers");
            }
        } catch (final IOException | RuntimeException e) {
            problems.add(where + " unreachable: " + message(e));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return this;
    }

    /** Any HTTP answer of the endpoint (S3 answers 403 to an unsigned request) shows it is reachable. */
    public ClusterDoctor reachable(final String what, final String url) {
        if (url == null) {
            return this;
        }
        try {
            HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(HTTP_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.discarding());
            fine.add(what + " at " + url + " answers");
        } catch (final IOException | IllegalArgumentException e) {
            problems.add(what + " at " + url + " unreachable: " + message(e));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return this;
    }

    private static String message(final Throwable e) {
        final Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
