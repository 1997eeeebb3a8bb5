package io.nodedex.api;

import io.nodedex.device.Device;
import io.nodedex.event.Event;
import io.nodedex.event.Source;
import io.nodedex.testkit.Devices;
import io.nodedex.testkit.Events;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmarks' fleet (built from testkit's {@link Devices} and {@link Events}) and HTTP helpers: host {@code n} is {@code bench-0000n} with a computer,
 * a PCI device, {@value #HBAS} live HBAs ({@code scsi_host0..3}, on 2 fabrics) and 2 vHBAs under
 * the first two, plus the loopback requests the harnesses make.
 */
final class BenchFleet {

    /** Vport-capable HBAs per host, named {@code scsi_host0} to {@code scsi_host3}. */
    static final int HBAS = 4;

    private static final Instant OBSERVED_AT = Instant.parse("2026-11-21T12:00:00Z");

    private BenchFleet() {
    }

    /** Host {@code host}'s devices, its HBAs with {@code maxVports} and 1 (HBAs 0, 1) or 0 vports. */
    static List<Device> host(int host, int maxVports) {
        List<Device> devices = new ArrayList<>();
        devices.add(Devices.computer());
        devices.add(Devices.pci("pci_0000_05_00_0"));
        for (int port = 0; port < HBAS; port++) {
            devices.add(hba(host, port, maxVports, port < 2 ? 1 : 0));
        }
        for (int v = 0; v < 2; v++) {
            long id = (long) host << 8 | v;
            devices.add(Devices.vhba("scsi_host" + (10 + v), "scsi_host" + v, 0x2001_0000_0000_0000L | id,
                    0x1001_0000_0000_0000L | id, fabric(v % 2)));
        }
        return devices;
    }

    /** HBA {@code port} of host {@code host} ({@code scsi_host<port>}) with the given vport counts. */
    static Device hba(int host, int port, int maxVports, int vports) {
        long wwpn = wwpn(host, port);
        return Devices.liveHba(hbaName(port), wwpn | 0x1000_0000_0000_0000L, wwpn, fabric(port % 2), maxVports,
                vports);
    }

    static String hbaName(int port) {
        return "scsi_host" + port;
    }

    /** One snapshot event per host, as an agent's first publication (incarnation 1, sequence 0). */
    static List<Event> snapshots(int hosts, int maxVports) {
        List<Event> events = new ArrayList<>();
        for (int host = 0; host < hosts; host++) {
            events.add(Events.of(hostId(host), Source.UDEV).observedAt(OBSERVED_AT).snapshot(host(host, maxVports)));
        }
        return events;
    }

    static String hostId(int host) {
        return String.format("bench-%05d", host);
    }

    static long wwpn(int host, int port) {
        return 0x1000_0090_fa00_0000L | (long) host << 4 | port;
    }

    static long fabric(int fabric) {
        return 0x1000_0005_1e9a_0b00L + fabric;
    }

    static String hex(long wwn) {
        return String.format("%016x", wwn);
    }

    /** Waits (at most 5 minutes) until {@code GET /readyz} answers 200. */
    static void awaitReady(InetSocketAddress api) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (client.send(request(api, "/readyz"), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replica did not catch up within 5 minutes");
            }
            Thread.sleep(100);
        }
    }

    /** A GET of {@code path} on the loopback server {@code api}. */
    static HttpRequest request(InetSocketAddress api, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.getPort() + path)).build();
    }
}
