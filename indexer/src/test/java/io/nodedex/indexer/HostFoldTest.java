package io.nodedex.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.event.Event;
import io.nodedex.event.Source;
import io.nodedex.testkit.Events;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of folding a poll host by host, each host on a thread of its own ({@link PollFold#host}). */
class HostFoldTest {

    @TempDir
    Path directory;
    private Store store;
    private Workers workers;
    private PollFold poll;

    @BeforeEach
    void open() {
        store = Store.open(directory, false);
        workers = new Workers(2);
        poll = new PollFold(store, HostKeys.FARM_HASH, workers, new Admission(Optional.empty(), Duration.ofHours(1)),
                IndexerConfig.DEFAULT_HISTORY_RETENTION);
    }

    @AfterEach
    void close() {
        poll.close();
        workers.close();
        store.close();
    }

    @Test
    void aHostFoldsOnlyTheEventsOfItsOwnHostKey() {
        PollFold.HostFold hostA = poll.host(HostKeys.FARM_HASH.keyOf("host-a"));

        assertThatThrownBy(() -> hostA.apply(heartbeat("host-b"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host 'host-b' does not have key");
    }

    @Test
    void aPollTakesOnlyHostsWhoseRowsAreWorkedOut() {
        PollFold.HostFold hostA = poll.host(HostKeys.FARM_HASH.keyOf("host-a"));
        hostA.apply(heartbeat("host-a"), List.of());

        assertThatThrownBy(() -> poll.add(List.of(hostA)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("are not worked out");
        poll.add(List.of(hostA.work()));
        assertThat(poll.hostKeys()).containsExactly(HostKeys.FARM_HASH.keyOf("host-a"));
        assertThat(poll.commit().applied).isEqualTo(1);
    }

    @Test
    void nothingIsFoldedIntoAHostOnceItsRowsAreWorkedOutNorIntoAFinishedPoll() {
        PollFold.HostFold hostA = poll.host(HostKeys.FARM_HASH.keyOf("host-a")).work();

        assertThatThrownBy(() -> hostA.apply(heartbeat("host-a"), List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("worked out");
        poll.finish();
        assertThatThrownBy(() -> poll.host(HostKeys.FARM_HASH.keyOf("host-a")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("finished");
        assertThatThrownBy(() -> poll.apply(heartbeat("host-a"), List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("finished");
    }

    @Test
    void noHostJoinsAPollOnceItsRowsOverAllHostsAreReadAhead() {
        PollFold.HostFold hostA = poll.host(HostKeys.FARM_HASH.keyOf("host-a"));
        hostA.apply(heartbeat("host-a"), List.of());
        poll.add(List.of(hostA.work()));

        poll.readAhead(Set.of());

        assertThatThrownBy(() -> poll.apply(heartbeat("host-b"), List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read ahead");
        assertThatThrownBy(() -> poll.host(HostKeys.FARM_HASH.keyOf("host-b")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read ahead");
        assertThat(poll.commit().applied).as("the hosts folded before").isEqualTo(1);
    }

    private static Received heartbeat(String hostId) {
        Event event = Events.of(hostId, Source.LIBVIRT).heartbeat();
        return new Received(event, Optional.empty(), Optional.empty(), new LogPosition(0, 0));
    }
}
