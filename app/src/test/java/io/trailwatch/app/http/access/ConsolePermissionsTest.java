package io.trailwatch.app.http.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.identity.IdentityKey;
import io.trailwatch.identity.IdentityService;
import io.trailwatch.identity.Principal;
import io.trailwatch.identity.ResourceNames;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.identity.store.InMemoryIdentityRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsolePermissionsTest {

    private final IdentityService identities = new IdentityService(new InMemoryIdentityRepository(),
        IdentityKey.random(), "000000000000", Clock.systemUTC());
    private final ConsolePermissions permissions = new ConsolePermissions(identities,
        new ResourceNames("000000000000", "us-east-1"));

    @Test
    void anAdministratorMayUseEveryControlAndAReaderNoWritingOne() {
        assertThat(allowed(user("admin", ManagedPolicies.ADMINISTRATOR_ACCESS), null)).contains(
            "cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:SetAlarmState",
            "cloudwatch:PutAlarmMuteRule", "trailwatch:GetHealth");
        assertThat(allowed(user("reader", ManagedPolicies.READ_ONLY_ACCESS), null))
            .contains("logs:FilterLogEvents")
            .noneMatch(action -> action.matches(".*:(Put|Delete|Set).*"));
    }

    @Test
    void alarmActionsAreDecidedOnTheAlarmThePageIsAbout() {
        identities.createUser("oncall");
        identities.putUserPolicy("oncall", "prod-only", """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "cloudwatch:SetAlarmState",
              "Resource": "arn:aws:cloudwatch:*:*:alarm:Prod-*"}]}""");
        final Principal oncall = principal("oncall");

        assertThat(allowed(oncall, "Prod-Cpu")).containsExactly("cloudwatch:SetAlarmState");
        assertThat(allowed(oncall, "Test-Cpu")).isEmpty();
    }

    private Principal user(final String name, final String policyArn) {
        identities.createUser(name);
        identities.attachUserPolicy(name, policyArn);
        return principal(name);
    }

    private Principal principal(final String name) {
        return identities.principal(identities.createAccessKey(name).key().accessKeyId()).orElseThrow();
    }

    private List<String> allowed(final Principal principal, final String alarm) {
        final List<String> actions = new ArrayList<>();
        permissions.of(principal, alarm).path("AllowedActions").forEach(action -> actions.add(action.asText()));
        return actions;
    }
}
