package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Opening, closing and using connections across threads. */
class ConnectionLifecycleTest {

    @Test
    void aReadOnlyConnectionReadsAndSubscribesButLibvirtRefusesItsWrites() {
        try (LibvirtConnection connection = LibvirtConnection.openReadOnly("test:///default")) {
            assertThat(connection.listNodeDeviceNames()).contains("scsi_host1", "scsi_host11");
            assertThat(connection.nodeDeviceXml("scsi_host1")).contains("<name>scsi_host1</name>");
            connection.subscribeNodeDeviceEvents(event -> { }).close();

            assertThatThrownBy(() -> connection.destroyNodeDevice("scsi_host11"))
                    .isInstanceOf(LibvirtException.class).hasMessageContaining("read only access prevents");
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        LibvirtConnection connection = LibvirtConnection.open("test:///default");

        connection.close();
        connection.close();

        assertThat(connection.isAlive()).isFalse();
    }

    @Test
    void aClosedConnectionRefusesWorkNamingItsUri() {
        LibvirtConnection connection = LibvirtConnection.open("test:///default");
        connection.close();

        assertThatThrownBy(connection::listNodeDeviceNames)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test:///default");
        assertThatThrownBy(() -> connection.nodeDeviceXml("scsi_host1"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connection.subscribeNodeDeviceEvents(event -> { }))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connection.onClose(reason -> { }))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingReleasesEveryCallbackHandler() {
        int closeHandlers = NativeCallbacks.CLOSE_HANDLERS.size();
        int nodeDeviceHandlers = NativeCallbacks.NODE_DEVICE_HANDLERS.size();
        LibvirtConnection connection = LibvirtConnection.open("test:///default");
        Subscription listener = connection.onClose(reason -> { });
        connection.subscribeNodeDeviceEvents(event -> { });

        connection.close();
        listener.close();
        listener.close();

        assertThat(NativeCallbacks.CLOSE_HANDLERS.size()).isEqualTo(closeHandlers);
        assertThat(NativeCallbacks.NODE_DEVICE_HANDLERS.size()).isEqualTo(nodeDeviceHandlers);
    }

    @Test
    void aConnectionServesManyThreadsAndClosesUnderThem() throws Exception {
        LibvirtConnection connection = LibvirtConnection.open("test:///default");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch working = new CountDownLatch(4);
        List<Future<Integer>> workers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                workers.add(pool.submit(() -> {
                    int calls = 0;
                    try {
                        while (true) {
                            assertThat(connection.nodeDeviceXml("scsi_host1")).contains("scsi_host1");
                            assertThat(connection.listNodeDeviceNames()).contains("scsi_host2");
                            if (++calls == 20) {
                                working.countDown();
                            }
                        }
                    } catch (IllegalStateException closed) {
                        return calls;
                    }
                }));
            }
            assertThat(working.await(Handoff.DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

            connection.close();

            for (Future<Integer> worker : workers) {
                assertThat(worker.get(Handoff.DEADLINE.toSeconds(), TimeUnit.SECONDS))
                        .isGreaterThanOrEqualTo(20);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
