package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.agent.NodeDeviceEvent.Kind;
import io.nodedex.testkit.TestDriverXml;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Node device events on {@code test:///default}. Its test driver creates every vHBA by cloning
 * {@code scsi_host11} into {@code scsi_host12} (keeping scsi_host11's parent, taking our WWNs)
 * and emits CREATED / DELETED to every connection of the process.
 */
class NodeDeviceEventsTest {

    private static final String URI = "test:///default";
    private static final String VHBA_NAME = "scsi_host12";
    private static final String WWNN = "2001001b32a9da4e";
    private static final String WWPN = "2101001b32a9da4e";

    private final List<LibvirtConnection> connections = new ArrayList<>();

    @BeforeEach
    void noVhbaLeftOver() {
        assertThat(open().listNodeDeviceNames()).doesNotContain(VHBA_NAME);
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        LibvirtConnection cleaner = open();
        if (cleaner.listNodeDeviceNames().contains(VHBA_NAME)) {
            LibvirtDevices.destroySettled(cleaner, VHBA_NAME);
        }
        connections.forEach(LibvirtConnection::close);
    }

    @Test
    void aVhbaCreatedAndDestroyedElsewhereArrivesAsCreatedThenDeleted() throws Exception {
        LibvirtConnection watcher = open();
        LibvirtConnection operator = open();
        Handoff<NodeDeviceEvent> events = new Handoff<>();
        watcher.subscribeNodeDeviceEvents(events);

        String created = operator.createNodeDevice(TestDriverXml.vhbaRequest("scsi_host2", WWNN, WWPN));
        NodeDeviceEvent first = events.next();
        String xmlOnCreated = watcher.nodeDeviceXml(first.deviceName());
        operator.destroyNodeDevice(created);
        NodeDeviceEvent second = events.next();

        assertThat(created).isEqualTo(VHBA_NAME);
        assertThat(first).isEqualTo(new NodeDeviceEvent(VHBA_NAME, Kind.CREATED));
        assertThat(second).isEqualTo(new NodeDeviceEvent(VHBA_NAME, Kind.DELETED));
        assertThat(DeviceXml.text(xmlOnCreated, "/device/name")).isEqualTo(VHBA_NAME);
        assertThat(DeviceXml.text(xmlOnCreated, "/device/parent")).isEqualTo("scsi_host1");
        assertThat(DeviceXml.text(xmlOnCreated, "//capability[@type='fc_host']/wwnn"))
                .isEqualTo(WWNN);
        assertThat(DeviceXml.text(xmlOnCreated, "//capability[@type='fc_host']/wwpn"))
                .isEqualTo(WWPN);
        assertThat(watcher.listNodeDeviceNames()).doesNotContain(VHBA_NAME);
    }

    @Test
    void eventsRunOnTheEventLoopThread() throws Exception {
        Handoff<String> threads = new Handoff<>();
        open().subscribeNodeDeviceEvents(event -> threads.accept(Thread.currentThread().getName()));

        open().createNodeDevice(TestDriverXml.vhbaRequest("scsi_host1", WWNN, WWPN));

        assertThat(threads.next()).isEqualTo(LibvirtEventLoop.THREAD_NAME);
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() throws Exception {
        LibvirtConnection watcher = open();
        List<NodeDeviceEvent> closedOnes = new CopyOnWriteArrayList<>();
        Subscription closed = watcher.subscribeNodeDeviceEvents(closedOnes::add);
        closed.close();
        // Registered after the closed one: libvirt dispatches each event to callbacks in
        // registration order, so once this one has the event the closed one had its chance.
        Handoff<NodeDeviceEvent> later = new Handoff<>();
        watcher.subscribeNodeDeviceEvents(later);

        open().createNodeDevice(TestDriverXml.vhbaRequest("scsi_host1", WWNN, WWPN));

        assertThat(later.next().kind()).isEqualTo(Kind.CREATED);
        assertThat(closedOnes).isEmpty();
    }

    @Test
    void closingASubscriptionTwiceIsHarmless() {
        LibvirtConnection watcher = open();
        Subscription subscription = watcher.subscribeNodeDeviceEvents(event -> { });

        subscription.close();
        subscription.close();

        assertThat(watcher.subscriptionCount()).isZero();
    }

    @Test
    void libvirtCallbacksAreRegisteredWhileAnySubscriptionIsOpen() {
        LibvirtConnection watcher = open();
        assertThat(watcher.nodeDeviceCallbacksRegistered()).isFalse();

        Subscription first = watcher.subscribeNodeDeviceEvents(event -> { });
        Subscription second = watcher.subscribeNodeDeviceEvents(event -> { });
        first.close();
        assertThat(watcher.nodeDeviceCallbacksRegistered()).isTrue();
        second.close();

        assertThat(watcher.nodeDeviceCallbacksRegistered()).isFalse();
        watcher.subscribeNodeDeviceEvents(event -> { });
        assertThat(watcher.nodeDeviceCallbacksRegistered()).isTrue();
    }

    @Test
    void everySubscriptionOfAConnectionGetsEachEvent() throws Exception {
        LibvirtConnection watcher = open();
        Handoff<NodeDeviceEvent> first = new Handoff<>();
        Handoff<NodeDeviceEvent> second = new Handoff<>();
        watcher.subscribeNodeDeviceEvents(first);
        watcher.subscribeNodeDeviceEvents(second);

        open().createNodeDevice(TestDriverXml.vhbaRequest("scsi_host1", WWNN, WWPN));

        NodeDeviceEvent created = new NodeDeviceEvent(VHBA_NAME, Kind.CREATED);
        assertThat(first.next()).isEqualTo(created);
        assertThat(second.next()).isEqualTo(created);
    }

    @Test
    void closingTheConnectionDeregistersItsLiveSubscriptions() throws Exception {
        LibvirtConnection closing = open();
        List<NodeDeviceEvent> afterClose = new CopyOnWriteArrayList<>();
        Subscription live = closing.subscribeNodeDeviceEvents(afterClose::add);
        Handoff<NodeDeviceEvent> later = new Handoff<>();
        open().subscribeNodeDeviceEvents(later);

        closing.close();
        open().createNodeDevice(TestDriverXml.vhbaRequest("scsi_host1", WWNN, WWPN));

        assertThat(later.next().kind()).isEqualTo(Kind.CREATED);
        assertThat(afterClose).isEmpty();
        assertThat(closing.subscriptionCount()).isZero();
        assertThat(closing.nodeDeviceCallbacksRegistered()).isFalse();
        live.close(); // after its connection closed: a no-op
    }

    @Test
    void aThrowingConsumerDoesNotStopDeliveryToOthers() throws Exception {
        LibvirtConnection watcher = open();
        watcher.subscribeNodeDeviceEvents(event -> {
            throw new IllegalStateException("consumer bug");
        });
        Handoff<NodeDeviceEvent> healthy = new Handoff<>();
        watcher.subscribeNodeDeviceEvents(healthy);

        String name = open().createNodeDevice(TestDriverXml.vhbaRequest("scsi_host1", WWNN, WWPN));
        open().destroyNodeDevice(name);

        assertThat(healthy.next().kind()).isEqualTo(Kind.CREATED);
        assertThat(healthy.next().kind()).isEqualTo(Kind.DELETED);
    }

    private LibvirtConnection open() {
        LibvirtConnection connection = LibvirtConnection.open(URI);
        connections.add(connection);
        return connection;
    }
}
