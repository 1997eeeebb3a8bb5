package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceInboxTest {

    private final SourceInbox inbox = new SourceInbox();

    @Test
    void aNewConnectionAsksForASnapshotThatCoversEveryChangeBeforeIt() throws Exception {
        inbox.deviceChanged("scsi_host12");
        inbox.connected();

        SourceInbox.Work work = inbox.take();

        assertThat(work.snapshot()).isTrue();
        assertThat(work.changedDevices()).isEmpty();
    }

    @Test
    void changesOfTheSameDeviceAreCoalescedInArrivalOrder() throws Exception {
        inbox.connected();
        inbox.take();

        inbox.deviceChanged("scsi_host12");
        inbox.deviceChanged("scsi_host13");
        inbox.deviceChanged("scsi_host12");

        assertThat(inbox.take().changedDevices()).isEqualTo(List.of("scsi_host12", "scsi_host13"));
    }

    @Test
    void aLossReportedForAnEarlierConnectionIsIgnored() throws Exception {
        long first = inbox.connected();
        inbox.take();
        inbox.connected();
        inbox.take();

        inbox.connectionLost(first, CloseReason.EOF);
        inbox.deviceChanged("scsi_host12");

        assertThat(inbox.take().connectionLost()).isEmpty();
    }

    @Test
    void aLossOfTheCurrentConnectionIsReportedWithItsReasonUntilReconnected() throws Exception {
        long current = inbox.connected();
        inbox.take();

        inbox.connectionLost(current, CloseReason.KEEPALIVE);

        assertThat(inbox.take().connectionLost()).isEqualTo(Optional.of(CloseReason.KEEPALIVE));
        inbox.connected();
        assertThat(inbox.take().connectionLost()).isEmpty();
    }

    @Test
    void closingWakesTheWorkerAndEndsPauses() throws Exception {
        inbox.close();

        assertThat(inbox.take().closed()).isTrue();
        assertThat(inbox.pause(60_000)).isFalse();
    }
}
