package io.trailwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The AWS CLI's shorthand and JSON forms of structures, as --dimensions and --mute-targets take them. */
class ShorthandTest {

    @Test
    void readsShorthandStructuresOnePerValue() {
        assertThat(Shorthand.structures("--dimensions", List.of("Name=InstanceId,Value=i-1", "Name=Env,Value=prod"))
            .toString()).isEqualTo("[{\"Name\":\"InstanceId\",\"Value\":\"i-1\"},{\"Name\":\"Env\",\"Value\":\"prod\"}]");
    }

    @Test
    void readsAJsonArray() {
        assertThat(Shorthand.structures("--dimensions", List.of("[{\"Name\":\"InstanceId\",\"Value\":\"i-1\"}]"))
            .toString()).isEqualTo("[{\"Name\":\"InstanceId\",\"Value\":\"i-1\"}]");
    }

    @Test
    void aShorthandValueMayListItems() {
        assertThat(Shorthand.structure("--mute-targets", "AlarmNames=CpuHigh,DiskFull,Latency").toString())
            .isEqualTo("{\"AlarmNames\":[\"CpuHigh\",\"DiskFull\",\"Latency\"]}");
    }

    @Test
    void namesTheOptionOfWhatItCannotRead() {
        assertThatThrownBy(() -> Shorthand.structures("--dimensions", List.of("InstanceId")))
            .isInstanceOf(Shorthand.InvalidException.class)
            .hasMessage("--dimensions: expected Key=value,... or JSON, was 'InstanceId'");
        assertThatThrownBy(() -> Shorthand.structures("--dimensions", List.of("[{\"Name\":")))
            .isInstanceOf(Shorthand.InvalidException.class).hasMessageStartingWith("--dimensions: invalid JSON");
    }
}
