package io.trailwatch.app;

import io.trailwatch.app.cli.DashboardCommands;
import io.trailwatch.app.cli.DeleteMetricFilterCommand;
import io.trailwatch.app.cli.DeleteRuleCommand;
import io.trailwatch.app.cli.DemoCommand;
import io.trailwatch.app.cli.DescribeMetricFiltersCommand;
import io.trailwatch.app.cli.DescribeRuleCommand;
import io.trailwatch.app.cli.ListRulesCommand;
import io.trailwatch.app.cli.GetMetricStatisticsCommand;
import io.trailwatch.app.cli.IamCommands;
import io.trailwatch.app.cli.ListMetricsCommand;
import io.trailwatch.app.cli.LogsCommand;
import io.trailwatch.app.cli.LookupEventsCommand;
import io.trailwatch.app.cli.PublishCommand;
import io.trailwatch.app.cli.PutMetricFilterCommand;
import io.trailwatch.app.cli.PutRuleCommand;
import io.trailwatch.app.cli.TailCommand;
import io.trailwatch.app.cli.TestMetricFilterCommand;
import io.trailwatch.app.cli.UpCommand;
import io.trailwatch.app.cli.ValidateLogsCommand;
import io.trailwatch.app.cli.alarms.AlarmMuteRuleCommands;
import io.trailwatch.app.cli.alarms.DeleteAlarmsCommand;
import io.trailwatch.app.cli.alarms.DescribeAlarmHistoryCommand;
import io.trailwatch.app.cli.alarms.DescribeAlarmsCommand;
import io.trailwatch.app.cli.alarms.PutCompositeAlarmCommand;
import io.trailwatch.app.cli.alarms.PutMetricAlarmCommand;
import io.trailwatch.app.cli.alarms.SetAlarmStateCommand;
import io.trailwatch.app.cli.sns.SnsCommands;
import io.trailwatch.app.cli.ConfigCommand;
import io.trailwatch.app.cli.DoctorCommand;
import io.trailwatch.app.config.SettingsDefaults;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code trailwatch} command. */
@Command(name = "trailwatch", mixinStandardHelpOptions = true, version = "trailwatch 0.1.0",
    description = "Kafka-native audit trail and monitoring: CloudTrail and CloudWatch semantics on your own Kafka.",
    subcommands = {UpCommand.class, DemoCommand.class, PublishCommand.class, TailCommand.class,
        PutMetricFilterCommand.class, DescribeMetricFiltersCommand.class, DeleteMetricFilterCommand.class,
        TestMetricFilterCommand.class, PutRuleCommand.class, DescribeRuleCommand.class, ListRulesCommand.class,
        DeleteRuleCommand.class,
        GetMetricStatisticsCommand.class, ListMetricsCommand.class, LookupEventsCommand.class, ValidateLogsCommand.class,
        LogsCommand.class,
        PutMetricAlarmCommand.class, PutCompositeAlarmCommand.class, DescribeAlarmsCommand.class,
        DeleteAlarmsCommand.class, SetAlarmStateCommand.class, DescribeAlarmHistoryCommand.class,
        AlarmMuteRuleCommands.Put.class, AlarmMuteRuleCommands.Get.class, AlarmMuteRuleCommands.ListAll.class,
        AlarmMuteRuleCommands.Delete.class,
        DashboardCommands.Put.class, DashboardCommands.Get.class, DashboardCommands.ListAll.class,
        DashboardCommands.Delete.class,
        SnsCommands.CreateTopic.class, SnsCommands.DeleteTopic.class, SnsCommands.ListTopics.class,
        SnsCommands.Subscribe.class, SnsCommands.ConfirmSubscription.class, SnsCommands.Unsubscribe.class,
        SnsCommands.ListSubscriptionsByTopic.class,
        IamCommands.CreateUser.class, IamCommands.DeleteUser.class, IamCommands.ListUsers.class,
        IamCommands.CreateAccessKey.class, IamCommands.ListAccessKeys.class, IamCommands.DeleteAccessKey.class,
        IamCommands.PutUserPolicy.class, IamCommands.AttachUserPolicy.class, IamCommands.DetachUserPolicy.class,
        ConfigCommand.class, DoctorCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run it in-process. */
    public static CommandLine commandLine() {
        // Options of up and doctor not given take their environment variable or config file setting; which file
        // is known only from the arguments, read before picocli applies the defaults.
        final SettingsDefaults defaults = new SettingsDefaults(System.getenv());
        final CommandLine commandLine = new CommandLine(new Main()) {
            @Override
            public int execute(final String... args) {
                defaults.readConfigOf(args);
                return super.execute(args);
            }
        }.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.getSubcommands().get("up").setDefaultValueProvider(defaults);
        commandLine.getSubcommands().get("doctor").setDefaultValueProvider(defaults);
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
