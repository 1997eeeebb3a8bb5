package io.nodedex.testkit;

import io.nodedex.device.Device;
import io.nodedex.event.Event;
import io.nodedex.event.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A simulated fleet's event log: per host and source, what its agent publishes. Each host has
 * four HBAs (vport capable), a vHBA and PCI devices; both sources snapshot it, then churn: vHBAs
 * created and deleted, an HBA moving fabric, vport counts changing, heartbeats, and agent
 * restarts (a new incarnation starting with a snapshot). A pure function of its arguments.
 */
public final class ChurningFleet {

    private ChurningFleet() {
    }

    /**
     * Per (host, source), its events in publish order ({@link Events}); hosts {@code host-000}
     * onwards, each with a {@code LIBVIRT} then a {@code UDEV} stream of 1 + {@code churnPerSource}
     * events. The same arguments give the same events.
     */
    public static List<List<Event>> streams(int hosts, int churnPerSource, long seed) {
        Random random = new Random(seed);
        List<List<Event>> streams = new ArrayList<>();
        for (int host = 0; host < hosts; host++) {
            String hostId = String.format("host-%03d", host);
            for (Source source : Source.values()) {
                streams.add(stream(new Events(hostId, source, 1), host, source, churnPerSource, random));
            }
        }
        return streams;
    }

    private static List<Event> stream(Events events, int host, Source source, int churn, Random random) {
        List<Event> published = new ArrayList<>();
        published.add(events.snapshot(baseline(host, source, 0)));
        for (int i = 0; i < churn; i++) {
            int vhba = 20 + random.nextInt(6);
            switch (random.nextInt(6)) {
                case 0:
                    published.add(events.upsert(vhba(host, vhba, random.nextInt(4))));
                    break;
                case 1:
                    published.add(events.remove("scsi_host" + vhba));
                    break;
                case 2:
                    published.add(events.upsert(hba(host, random.nextInt(4), source, random.nextInt(3))));
                    break;
                case 3:
                    published.add(events.heartbeat());
                    break;
                case 4:
                    published.add(events.restart().snapshot(baseline(host, source, random.nextInt(3))));
                    break;
                default:
                    published.add(events.remove("scsi_host" + random.nextInt(4)));
            }
        }
        return published;
    }

    private static Device[] baseline(int host, Source source, int variant) {
        List<Device> devices = new ArrayList<>();
        devices.add(Devices.pci("pci_0000_05_00_0"));
        devices.add(Devices.pci("pci_0000_05_00_1"));
        for (int port = 0; port < 4; port++) {
            devices.add(hba(host, port, source, variant));
        }
        devices.add(vhba(host, 10, variant % 2));
        return devices.toArray(Device[]::new);
    }

    /**
     * HBA {@code port} (0 to 3, {@code scsi_host<port>}) of host number {@code host} as
     * {@code source} reports it; the variant (0 to 2) moves it to another fabric and changes its
     * vport count; sysfs reports variant 2 Linkdown.
     */
    public static Device hba(int host, int port, Source source, int variant) {
        long wwpn = 0x1000_0000_0000_0000L | ((long) host << 16) | port;
        long wwnn = 0x2000_0000_0000_0000L | ((long) host << 16) | port;
        long fabric = 0x1000_0005_1e9a_0000L + (port + variant) % 3;
        String name = "scsi_host" + port;
        return source == Source.LIBVIRT
                ? Devices.hba(name, wwnn, wwpn, fabric)
                : Devices.liveHba(name, wwnn, wwpn, fabric, variant == 2 ? "Linkdown" : "Online", 255, variant);
    }

    /** vHBA {@code scsi_host<number>} of host number {@code host} under HBA {@code parentPort}, on that HBA's fabric. */
    public static Device vhba(int host, int number, int parentPort) {
        long wwpn = 0x1001_0000_0000_0000L | ((long) host << 16) | number;
        long wwnn = 0x2001_0000_0000_0000L | ((long) host << 16) | number;
        return Devices.vhba("scsi_host" + number, "scsi_host" + parentPort, wwnn, wwpn,
                0x1000_0005_1e9a_0000L + parentPort % 3);
    }
}
