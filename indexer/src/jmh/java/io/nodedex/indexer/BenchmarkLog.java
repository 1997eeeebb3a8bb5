package io.nodedex.indexer;

import io.nodedex.device.Attribute;
import io.nodedex.device.Capability;
import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.GenericCapability;
import io.nodedex.device.ScsiHost;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import io.nodedex.testkit.Events;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A realistic fleet log for the benchmark: every host first snapshots about 100 devices from
 * libvirt (PCI functions, four NPIV-capable HBAs and two vHBAs, SCSI targets and disks, NICs,
 * USB) and its fc/scsi hosts from udev; then, in random host order, device churn: vHBAs created
 * and deleted (both sources), devices changed, heartbeats.
 */
final class BenchmarkLog {

    private final int hosts;
    private final int churnPerHost;
    private final Random random = new Random(42);
    private final Events[][] streams;

    BenchmarkLog(int hosts, int churnPerHost) {
        this.hosts = hosts;
        this.churnPerHost = churnPerHost;
        this.streams = new Events[hosts][Source.values().length];
        for (int host = 0; host < hosts; host++) {
            for (Source source : Source.values()) {
                streams[host][source.ordinal()] = Events.of(hostId(host), source);
            }
        }
    }

    /** Generates the whole log in order, handing each event over as it is made. */
    void generate(Consumer<Event> sink) {
        for (int host = 0; host < hosts; host++) {
            sink.accept(event(host, Source.LIBVIRT, new HostSnapshot(libvirtDevices(host))));
            sink.accept(event(host, Source.UDEV, new HostSnapshot(udevDevices(host))));
        }
        for (long i = 0; i < (long) hosts * churnPerHost; i++) {
            int host = random.nextInt(hosts);
            int vhba = 20 + random.nextInt(8);
            switch (random.nextInt(5)) {
                case 0:
                case 1:
                    Device created = vhba(host, vhba, random.nextInt(4));
                    sink.accept(event(host, Source.LIBVIRT, new DeviceUpserted(created)));
                    sink.accept(event(host, Source.UDEV, new DeviceUpserted(created)));
                    break;
                case 2:
                    sink.accept(event(host, Source.LIBVIRT, new DeviceRemoved("scsi_host" + vhba)));
                    sink.accept(event(host, Source.UDEV, new DeviceRemoved("scsi_host" + vhba)));
                    break;
                case 3:
                    sink.accept(event(host, Source.LIBVIRT, new DeviceUpserted(storage(host, random.nextInt(30),
                            random.nextInt(1000)))));
                    break;
                default:
                    sink.accept(event(host, Source.UDEV, new Heartbeat()));
            }
        }
    }

    /**
     * One round of an idle fleet: every source of every host re-sends its full state, unchanged
     * (as an agent does every re-send interval), then a heartbeat.
     */
    void idleRound(Consumer<Event> sink) {
        for (int host = 0; host < hosts; host++) {
            sink.accept(event(host, Source.LIBVIRT, new HostSnapshot(libvirtDevices(host))));
            sink.accept(event(host, Source.UDEV, new HostSnapshot(udevDevices(host))));
            sink.accept(event(host, Source.LIBVIRT, new Heartbeat()));
            sink.accept(event(host, Source.UDEV, new Heartbeat()));
        }
    }

    /** The next event of the host's source: incarnation 1, numbered and clocked as testkit's {@link Events}. */
    private Event event(int host, Source source, Payload payload) {
        return streams[host][source.ordinal()].next(payload);
    }

    /** A typical stored device: a PCI function with its attributes. */
    static Device sampleDevice() {
        return pci(3);
    }

    static String hostId(int host) {
        return String.format("host-%05d.dc1.example.net", host);
    }

    private static List<Device> libvirtDevices(int host) {
        List<Device> devices = new ArrayList<>();
        devices.add(device("computer", Optional.empty(), generic("system", "product", "ProLiant DL380 Gen10",
                "hardware/vendor", "HPE", "firmware/version", "U30")));
        for (int f = 0; f < 20; f++) {
            devices.add(pci(f));
        }
        for (int port = 0; port < 4; port++) {
            devices.add(hba(host, port, Source.LIBVIRT));
        }
        devices.add(vhba(host, 10, 0));
        devices.add(vhba(host, 11, 1));
        for (int target = 0; target < 30; target++) {
            devices.add(scsiTarget(host, target));
            devices.add(storage(host, target, 0));
        }
        for (int nic = 0; nic < 8; nic++) {
            devices.add(device("net_eth" + nic + "_3c_ec_ef_0" + nic + "_aa_" + nic, Optional.of(pciName(nic)),
                    generic("net", "interface", "eth" + nic, "address", "3c:ec:ef:0" + nic + ":aa:0" + nic,
                            "link@speed", "25000", "link@state", "up")));
        }
        for (int usb = 0; usb < 5; usb++) {
            devices.add(device("usb_" + (usb + 1) + "_" + (usb + 2), Optional.of("usb_usb1"),
                    generic("usb_device", "bus", "1", "device", Integer.toString(usb + 2), "product@id", "0x0024",
                            "vendor@id", "0x8087")));
        }
        return devices;
    }

    private static List<Device> udevDevices(int host) {
        List<Device> devices = new ArrayList<>();
        for (int port = 0; port < 4; port++) {
            devices.add(hba(host, port, Source.UDEV));
        }
        devices.add(vhba(host, 10, 0));
        devices.add(vhba(host, 11, 1));
        return devices;
    }

    private static Device pci(int function) {
        return device(pciName(function), Optional.of("computer"), generic("pci", "class", "0x020000",
                "domain", "0", "bus", "5", "slot", "0", "function", Integer.toString(function),
                "product@id", "0x1017", "product", "MT27800 Family [ConnectX-5]", "vendor@id", "0x15b3",
                "vendor", "Mellanox Technologies", "iommuGroup@number", Integer.toString(40 + function)));
    }

    private static String pciName(int function) {
        return "pci_0000_05_00_" + function;
    }

    private static Device hba(int host, int port, Source source) {
        long wwpn = 0x1000_0090_fa00_0000L | ((long) host << 4) | port;
        long wwnn = 0x2000_0090_fa00_0000L | ((long) host << 4) | port;
        Optional<Wwn> fabric = Optional.of(new Wwn(0x1000_0005_1e9a_0b00L + port % 2));
        FcHost fc = source == Source.UDEV
                ? new FcHost(new Wwn(wwnn), new Wwn(wwpn), fabric, Optional.of(FcHost.ONLINE), Optional.of("16 Gbit"))
                : FcHost.of(new Wwn(wwnn), new Wwn(wwpn), fabric);
        return device("scsi_host" + port, Optional.of(pciName(port)), new ScsiHost(port, OptionalInt.of(port + 1)), fc,
                new VportOps(source == Source.UDEV ? 255 : 0, source == Source.UDEV ? 2 : 0));
    }

    private static Device vhba(int host, int number, int parentPort) {
        long wwpn = 0x1001_0090_fa00_0000L | ((long) host << 8) | number;
        long wwnn = 0x2001_0090_fa00_0000L | ((long) host << 8) | number;
        return device("scsi_host" + number, Optional.of("scsi_host" + parentPort),
                new ScsiHost(number, OptionalInt.empty()),
                FcHost.of(new Wwn(wwnn), new Wwn(wwpn), Optional.of(new Wwn(0x1000_0005_1e9a_0b00L + parentPort % 2))));
    }

    private static Device scsiTarget(int host, int target) {
        return device("scsi_target0_0_" + target, Optional.of("scsi_host0"),
                generic("scsi_target", "target", "target0:0:" + target));
    }

    private static Device storage(int host, int target, int variant) {
        return device("block_sd" + (char) ('a' + target % 26) + target + "_3600508b1001c" + Integer.toHexString(host)
                + target, Optional.of("scsi_0_0_" + target + "_0"),
                generic("storage", "block", "/dev/sd" + (char) ('a' + target % 26), "bus", "scsi",
                        "drive_type", "disk", "model", "LOGICAL VOLUME", "vendor", "HP", "serial",
                        "3600508b1001c" + Integer.toHexString(host) + target + "v" + variant, "size", "960197124096",
                        "logical_block_size", "512", "num_blocks", "1875385008"));
    }

    private static Device device(String name, Optional<String> parent, Capability... capabilities) {
        return new Device(name, parent, Optional.of("/sys/devices/pci0000:00/0000:00:03.0/" + name),
                Optional.of("drv"), List.of(new Attribute("devnode@type", "dev")), List.of(capabilities));
    }

    private static GenericCapability generic(String type, String... keyValues) {
        List<Attribute> attributes = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            attributes.add(new Attribute(keyValues[i], keyValues[i + 1]));
        }
        return new GenericCapability(type, attributes);
    }
}
