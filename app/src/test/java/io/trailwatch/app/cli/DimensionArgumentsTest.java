package io.trailwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DimensionArgumentsTest {

    private static final CommandLine COMMAND = new CommandLine(CommandLine.Model.CommandSpec.create());

    @Test
    void shorthandAndJsonGiveTheSameDimensions() {
        final List<String> shorthand = DimensionArguments.toQuery(COMMAND,
            List.of("Name=InstanceId,Value=i-1", "Name=Env,Value=prod"), false);
        final List<String> json = DimensionArguments.toQuery(COMMAND,
            List.of("[{\"Name\":\"InstanceId\",\"Value\":\"i-1\"},{\"Name\":\"Env\",\"Value\":\"prod\"}]"), false);

        assertThat(shorthand).containsExactly("InstanceId=i-1", "Env=prod");
        assertThat(json).isEqualTo(shorthand);
        assertThat(DimensionArguments.toQuery(COMMAND, null, false)).isEmpty();
    }

    @Test
    void aNameAloneIsAFilterWhereTheCommandAllowsIt() {
        assertThat(DimensionArguments.toQuery(COMMAND, List.of("Name=InstanceId"), true)).containsExactly("InstanceId");
        assertThatThrownBy(() -> DimensionArguments.toQuery(COMMAND, List.of("Name=InstanceId"), false))
            .isInstanceOf(CommandLine.ParameterException.class)
            .hasMessage("--dimensions: expected Name=NAME,Value=VALUE, got 'Name=InstanceId'");
    }

    @Test
    void anythingElseIsAUsageErrorQuotingWhatWasGiven() {
        for (final String bad : List.of("InstanceId=i-1", "Name=Env,Value=a,b", "Name=Env,Value=x,Unit=Count")) {
            assertThatThrownBy(() -> DimensionArguments.toQuery(COMMAND, List.of(bad), false)).as(bad)
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("got '" + bad + "'");
        }
        assertThatThrownBy(() -> DimensionArguments.toQuery(COMMAND, List.of("[{\"Name\":"), false))
            .isInstanceOf(CommandLine.ParameterException.class).hasMessageStartingWith("--dimensions: invalid JSON");
        assertThatThrownBy(() -> DimensionArguments.toQuery(COMMAND, List.of("Value"), false))
            .isInstanceOf(CommandLine.ParameterException.class).hasMessageStartingWith("--dimensions: expected");
    }
}
