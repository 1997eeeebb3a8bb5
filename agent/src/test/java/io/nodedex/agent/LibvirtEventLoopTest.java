package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.testkit.TestDriverXml;
import org.junit.jupiter.api.Test;

/** The process-wide event loop thread. */
class LibvirtEventLoopTest {

    @Test
    void openingAConnectionStartsTheLoop() {
        try (LibvirtConnection connection = LibvirtConnection.open("test:///default")) {
            assertThat(connection.isAlive()).isTrue();
            assertThat(LibvirtEventLoop.isRunning()).isTrue();
            assertThat(loopThreads()).isEqualTo(1);
        }
    }

    @Test
    void stopWakesTheLoopAndEndsItsThreadAndTheNextOpenRestartsIt() throws Exception {
        LibvirtEventLoop.ensureStarted();

        LibvirtEventLoop.stop();
        LibvirtEventLoop.stop();

        assertThat(LibvirtEventLoop.isRunning()).isFalse();
        assertThat(loopThreads()).isZero();
        try (LibvirtConnection watcher = LibvirtConnection.open("test:///default");
             LibvirtConnection operator = LibvirtConnection.open("test:///default")) {
            Handoff<NodeDeviceEvent> events = new Handoff<>();
            watcher.subscribeNodeDeviceEvents(events);
            String vhba = operator.createNodeDevice(
                    TestDriverXml.vhbaRequest("scsi_host1", "2001001b32a9da4f", "2101001b32a9da4f"));
            try {
                assertThat(events.next()).isEqualTo(
                        new NodeDeviceEvent(vhba, NodeDeviceEvent.Kind.CREATED));
            } finally {
                LibvirtDevices.destroySettled(operator, vhba);
            }
        }
        assertThat(loopThreads()).isEqualTo(1);
    }

    private static long loopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(LibvirtEventLoop.THREAD_NAME))
                .filter(Thread::isAlive)
                .count();
    }
}
