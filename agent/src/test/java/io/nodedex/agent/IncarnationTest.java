package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncarnationTest {

    @TempDir
    Path dir;

    @Test
    void theFirstIncarnationIsTheClockInMillisecondsAndIsPersisted() throws Exception {
        Path state = dir.resolve("state/agent");

        long incarnation = Incarnation.next(state, clockAt(1_718_000_000_000L));

        assertThat(incarnation).isEqualTo(1_718_000_000_000L);
        assertThat(Files.readString(state.resolve(Incarnation.FILE_NAME)).strip()).isEqualTo("1718000000000");
    }

    @Test
    void everyStartIsLargerThanTheLastEvenWhenTheClockStandsStillOrGoesBack() {
        long first = Incarnation.next(dir, clockAt(5_000));
        long sameMillisecond = Incarnation.next(dir, clockAt(5_000));
        long clockWentBack = Incarnation.next(dir, clockAt(1_000));
        long clockMovedOn = Incarnation.next(dir, clockAt(9_000));

        assertThat(first).isEqualTo(5_000);
        assertThat(sameMillisecond).isEqualTo(5_001);
        assertThat(clockWentBack).isEqualTo(5_002);
        assertThat(clockMovedOn).isEqualTo(9_000);
    }

    @Test
    void anUnwritableStateDirectoryFallsBackToTheClock() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");

        assertThat(Incarnation.next(notADirectory.resolve("agent"), clockAt(42_000))).isEqualTo(42_000);
    }

    @Test
    void aCorruptStateFileIsAnErrorNamingTheFileAndItsContent() throws Exception {
        Files.writeString(dir.resolve(Incarnation.FILE_NAME), "twelve\n");

        assertThatThrownBy(() -> Incarnation.next(dir, clockAt(1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(dir.resolve(Incarnation.FILE_NAME).toString())
                .hasMessageContaining("'twelve'");
    }

    private static Clock clockAt(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }
}
