package io.trailwatch.app.cli.alarms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.cli.ApiCall;
import io.trailwatch.app.cli.ApiCommand;
import io.trailwatch.app.cli.Shorthand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The alarm mute rule commands: put, get, list and delete, as the AWS CLI's. */
public final class AlarmMuteRuleCommands {

    private AlarmMuteRuleCommands() {
    }

    /** {@code trailwatch put-alarm-mute-rule}. */
    @Command(name = "put-alarm-mute-rule", mixinStandardHelpOptions = true,
        description = {"Create or update an alarm mute rule: while one of its windows is open, the targeted alarms "
            + "keep evaluating and their history goes on, but notifications are held back; a transition still "
            + "current when the window closes is notified then.",
            "Example: --rule '{\"Schedule\":{\"Expression\":\"cron(0 2 * * *)\",\"Duration\":\"PT2H\","
                + "\"Timezone\":\"Europe/Paris\"}}' --mute-targets AlarmNames=CpuHigh,DiskFull"})
    public static final class Put extends ApiCommand {

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The rule's name.")
        String name;

        @Option(names = "--description", paramLabel = "TEXT", description = "What the rule is for.")
        String description;

        @Option(names = "--rule", required = true, paramLabel = "JSON",
            description = "{\"Schedule\":{\"Expression\":\"cron(m h dom mon dow)|at(yyyy-MM-ddThh:mm)\","
                + "\"Duration\":\"PT1M..P15D\",\"Timezone\":\"...\"}}")
        String rule;

        @Option(names = "--mute-targets", required = true, paramLabel = "AlarmNames=a,b",
            description = "The muted alarms: AlarmNames=a,b or {\"AlarmNames\":[...]}.")
        String muteTargets;

        @Option(names = "--start-date", paramLabel = "TIME", description = "No mute before this time: ISO 8601 or epoch seconds.")
        String startDate;

        @Option(names = "--expire-date", paramLabel = "TIME", description = "No mute from this time on: ISO 8601 or epoch seconds.")
        String expireDate;

        @Override
        public Integer call() {
            final ApiCall api = api("PutAlarmMuteRule");
            final ObjectNode body = ApiCall.JSON.createObjectNode().put("Name", name);
            if (description != null) {
                body.put("Description", description);
            }
            try {
                body.set("Rule", Shorthand.json("--rule", rule));
                final ObjectNode targets = Shorthand.structure("--mute-targets", muteTargets);
                if (targets.path("AlarmNames").isTextual()) {
                    final String only = targets.path("AlarmNames").asText();
                    targets.putArray("AlarmNames").add(only);
                }
                body.set("MuteTargets", targets);
            } catch (final Shorthand.InvalidException e) {
                return api.invalid(e.getMessage());
            }
            if (startDate != null) {
                body.put("StartDate", startDate);
            }
            if (expireDate != null) {
                body.put("ExpireDate", expireDate);
            }
            return api.put("/v1/alarm-mute-rules/" + ApiCall.segment(name), body).exitCode();
        }
    }

    /** {@code trailwatch get-alarm-mute-rule}. */
    @Command(name = "get-alarm-mute-rule", mixinStandardHelpOptions = true,
        description = "Print an alarm mute rule with its status (SCHEDULED, ACTIVE or EXPIRED).")
    public static final class Get extends OneRule {

        @Override
        public Integer call() {
            final ApiCall api = api("GetAlarmMuteRule");
            return api.print(api.get(path()));
        }
    }

    /** {@code trailwatch list-alarm-mute-rules}. */
    @Command(name = "list-alarm-mute-rules", mixinStandardHelpOptions = true,
        description = "Print the alarm mute rules as {\"AlarmMuteRuleSummaries\":[...]}.")
    public static final class ListAll extends ApiCommand {

        @Override
        public Integer call() {
            final ApiCall api = api("ListAlarmMuteRules");
            return api.print(api.get("/v1/alarm-mute-rules"));
        }
    }

    /** {@code trailwatch delete-alarm-mute-rule}. */
    @Command(name = "delete-alarm-mute-rule", mixinStandardHelpOptions = true,
        description = "Delete an alarm mute rule: its mutes end, and transitions it held back are notified.")
    public static final class Delete extends OneRule {

        @Override
        public Integer call() {
            return api("DeleteAlarmMuteRule").delete(path()).exitCode();
        }
    }

    /** A command on one rule, named by {@code --alarm-mute-rule-name}. */
    abstract static class OneRule extends ApiCommand {

        @Option(names = "--alarm-mute-rule-name", required = true, paramLabel = "NAME", description = "The rule.")
        String name;

        String path() {
            return "/v1/alarm-mute-rules/" + ApiCall.segment(name);
        }
    }
}
