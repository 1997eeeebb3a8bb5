package io.nodedex.event.codec;

import io.nodedex.device.Attribute;
import io.nodedex.device.Capability;
import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.FcRemotePort;
import io.nodedex.device.GenericCapability;
import io.nodedex.device.ScsiHost;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.HostEnrolled;
import io.nodedex.event.HostReset;
import io.nodedex.event.VhbaCommand;
import io.nodedex.event.VhbaDeleteRequested;
import io.nodedex.event.VhbaOutcome;
import io.nodedex.event.VhbaRequestExpired;
import io.nodedex.event.VhbaRequested;
import io.nodedex.npiv.Criteria;
import io.nodedex.npiv.ParentPolicy;
import java.time.Duration;
import io.nodedex.event.HostRetired;
import io.nodedex.event.signing.PublicSigningKey;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Events as agents publish them, for tests and benchmarks. schemas keeps its own fixtures
 * (this class and {@link RandomEvents}): its tests cannot use the testkit module, which depends on
 * schemas; every other module's tests build events with testkit's {@code Events}.
 */
public final class SampleEvents {

    public static final Instant OBSERVED_AT = Instant.parse("2025-03-14T09:26:53.589793Z");

    private SampleEvents() {
    }

    public static Event event(Payload payload) {
        return new Event(new EventHeader("host-a.dc1", 1_741_944_413L, 42, Source.UDEV, OBSERVED_AT), payload);
    }

    /** A vport-capable HBA port as sysfs reports it, with every optional field present. */
    public static Device hba(int host, long wwpn) {
        return new Device("scsi_host" + host, Optional.of("pci_0000_05_00_" + host % 8),
                Optional.of("/sys/devices/pci0000:00/0000:00:02.0/0000:05:00." + host % 8 + "/host" + host),
                Optional.of("lpfc"), List.of(),
                List.of(new ScsiHost(host, OptionalInt.of(host + 1)),
                        new FcHost(new Wwn(wwpn | 0x1000_0000_0000_0000L), new Wwn(wwpn),
                                Optional.of(Wwn.parse("0x100000051e9a0b01")), Optional.of(FcHost.ONLINE),
                                Optional.of("16 Gbit")),
                        new VportOps(255, 2)));
    }

    /** A vHBA as libvirt's XML describes it: no vport_ops, no port state or speed. */
    public static Device vhba(int host, String parent, long wwpn) {
        return new Device("scsi_host" + host, Optional.of(parent), Optional.empty(), Optional.empty(), List.of(),
                List.of(new ScsiHost(host, OptionalInt.empty()),
                        FcHost.of(new Wwn(wwpn | 0x2000_0000_0000_0000L), new Wwn(wwpn),
                                Optional.of(Wwn.parse("0x100000051e9a0b01")))));
    }

    /** A device with one capability of every type, every optional field present. */
    public static Device everyCapability() {
        return new Device("scsi_host7", Optional.of("pci_0000_05_00_0"), Optional.of("/sys/devices/x/host7"),
                Optional.of("qla2xxx"), List.of(new Attribute("devnode", "/dev/x")),
                List.of(new ScsiHost(7, OptionalInt.of(3)),
                        new FcHost(Wwn.parse("20000090fa1c2d3e"), Wwn.parse("10000090fa1c2d3e"),
                                Optional.of(Wwn.parse("100000051e9a0b01")), Optional.of("Online"),
                                Optional.of("8 Gbit")),
                        new VportOps(255, 2),
                        new FcRemotePort("rport-7:0-1", Wwn.parse("50060e8016d3c4a1")),
                        new GenericCapability("pci", List.of(new Attribute("class", "0x0c0400")))));
    }

    /**
     * A typical host as the udev source sees it: 100 devices, among them 4 vport-capable HBA
     * ports, 6 vHBAs and their remote ports, PCI functions, NICs and disks.
     */
    public static HostSnapshot typicalHost() {
        List<Device> devices = new ArrayList<>();
        devices.add(generic("computer", Optional.empty(), "system",
                List.of(new Attribute("hardware/vendor", "Dell Inc."), new Attribute("hardware/serial", "7XQ2KM3"))));
        for (int i = 0; i < 20; i++) {
            String name = String.format("pci_0000_%02x_00_%d", 5 + i / 8, i % 8);
            devices.add(generic(name, Optional.of("computer"), "pci", List.of(
                    new Attribute("class", "0x0c0400"), new Attribute("domain", "0"),
                    new Attribute("bus", Integer.toString(5 + i / 8)), new Attribute("slot", "0"),
                    new Attribute("function", Integer.toString(i % 8)),
                    new Attribute("product@id", "0xe300"), new Attribute("product", "Lancer Gen6: LPe32000"),
                    new Attribute("vendor@id", "0x10df"), new Attribute("vendor", "Emulex Corporation"),
                    new Attribute("iommuGroup@number", Integer.toString(40 + i)))));
        }
        for (int i = 0; i < 4; i++) {
            devices.add(hba(i + 1, 0x1000_0090_fa1c_2d30L + i));
        }
        for (int i = 0; i < 6; i++) {
            devices.add(vhba(20 + i, "scsi_host" + (i % 4 + 1), 0x2101_0090_fa00_0000L + i));
        }
        for (int i = 0; i < 24; i++) {
            devices.add(new Device("scsi_target" + (i % 4 + 1) + "_0_" + i, Optional.of("scsi_host" + (i % 4 + 1)),
                    Optional.empty(), Optional.empty(), List.of(),
                    List.of(new FcRemotePort("rport-" + (i % 4 + 1) + ":0-" + i, new Wwn(0x5006_0e80_16d3_c400L + i)),
                            new GenericCapability("scsi_target", List.of(new Attribute("target", "target1:0:" + i))))));
        }
        for (int i = 0; i < 8; i++) {
            String name = "net_eno" + i + "_b0_26_28_7e_0" + i;
            devices.add(generic(name, Optional.of("pci_0000_05_00_" + i), "net", List.of(
                    new Attribute("interface", "eno" + i), new Attribute("address", "b0:26:28:7e:00:0" + i),
                    new Attribute("link@speed", "25000"), new Attribute("link@state", "up"),
                    new Attribute("feature@name", "rx"), new Attribute("feature@name", "tx"),
                    new Attribute("capability@type", "80203"))));
        }
        while (devices.size() < 100) {
            int i = devices.size();
            devices.add(generic("block_sd" + (char) ('a' + i % 26) + "_" + i, Optional.of("scsi_target1_0_" + i % 24),
                    "storage", List.of(
                    new Attribute("block", "/dev/sd" + (char) ('a' + i % 26)), new Attribute("bus", "fc"),
                    new Attribute("drive_type", "disk"), new Attribute("model", "OPEN-V"),
                    new Attribute("vendor", "HITACHI"), new Attribute("serial", "60060e80" + i),
                    new Attribute("size", "107374182400"), new Attribute("logical_block_size", "512"))));
        }
        return new HostSnapshot(devices);
    }

    private static Device generic(String name, Optional<String> parent, String type, List<Attribute> attributes) {
        List<Capability> capabilities = List.of(new GenericCapability(type, attributes));
        return new Device(name, parent, Optional.of("/sys/devices/virtual/" + name), Optional.empty(), List.of(),
                capabilities);
    }

    /** One event of each payload type. */
    public static List<Event> everyPayload() {
        return List.of(event(new DeviceUpserted(everyCapability())), event(new DeviceRemoved("scsi_host7")),
                event(typicalHost()), event(new Heartbeat()), event(new HostRetired()),
                event(new HostEnrolled(PublicSigningKey.ofBase64("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="))),
                event(new HostReset()),
                event(new VhbaRequested("req-1", Criteria.byFabric(new Wwn(0x2000000043214321L)), ParentPolicy.MOST_FREE,
                        Optional.empty(), Optional.of(new Wwn(0x5001a4aabbccdd01L)))),
                event(new VhbaRequested("req-2", Criteria.byWwnPair(new Wwn(0x2000000012341234L),
                        new Wwn(0x1000000012341234L)), ParentPolicy.LOWEST_WWPN, Optional.of(new Wwn(0x5001a4aabbccdd00L)),
                        Optional.empty())),
                event(new VhbaRequested("req-3", Criteria.byName("scsi_host1"), ParentPolicy.LOWEST_WWPN,
                        Optional.empty(), Optional.empty())),
                event(new VhbaRequested("req-4", Criteria.any(), ParentPolicy.LOWEST_WWPN, Optional.empty(),
                        Optional.empty())),
                event(new VhbaDeleteRequested("req-5", "scsi_host12")),
                event(new VhbaOutcome("req-1", VhbaOutcome.Result.DONE, Optional.of("scsi_host12"), "created")),
                event(new VhbaOutcome("req-6", VhbaOutcome.Result.FAILED, Optional.empty(),
                        "Node device error: no such parent")),
                event(new VhbaRequestExpired("req-7", Duration.ofMinutes(2))),
                event(new VhbaCommand("req-1", VhbaCommand.Action.CREATE, "scsi_host1",
                        Optional.of(new Wwn(0x3000000000000001L)), Optional.of(new Wwn(0x3000000000000002L)),
                        Instant.parse("2024-05-01T10:00:00.123456Z"))),
                event(new VhbaCommand("req-5", VhbaCommand.Action.DESTROY, "scsi_host12", Optional.empty(),
                        Optional.empty(), Instant.parse("2024-05-01T10:00:00Z"))));
    }
}
