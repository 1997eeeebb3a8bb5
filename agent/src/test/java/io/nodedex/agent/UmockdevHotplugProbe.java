package io.nodedex.agent;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.nodedex.device.Device;
import io.nodedex.device.VportOps;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Payload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Run by {@link UdevHotplugTest} in a child JVM under umockdev's preload library
 * ({@code LD_PRELOAD=libumockdev-preload.so.0}): builds an emulated {@code /sys} with an NPIV
 * port, runs the real {@link SysfsSource} with its udev monitor on it (rescans only hourly, so
 * only uevents can make it rescan), then plugs and unplugs a vHBA with uevents and prints, after
 * each step, the host as the source's publications describe it.
 */
public final class UmockdevHotplugProbe {

    private static final String PORT = "/sys/devices/pci0000:00/0000:05:00.0/host7";
    private static final String VPORT = PORT + "/vport-7:0-0";
    private static final String VHBA = VPORT + "/host9";

    /** libumockdev's testbed API (umockdev.h). */
    interface Umockdev extends Library {
        Pointer umockdev_testbed_new();

        boolean umockdev_testbed_add_from_string(Pointer testbed, String description, PointerByReference error);

        void umockdev_testbed_set_attribute(Pointer testbed, String devpath, String name, String value);

        void umockdev_testbed_remove_device(Pointer testbed, String syspath);

        void umockdev_testbed_uevent(Pointer testbed, String devpath, String action);
    }

    private UmockdevHotplugProbe() {
    }

    public static void main(String[] args) throws Exception {
        Umockdev umockdev = Native.load("libumockdev.so.0", Umockdev.class);
        Pointer testbed = umockdev.umockdev_testbed_new();
        add(umockdev, testbed, device(PORT, "scsi", "")
                + device(PORT + "/scsi_host/host7", "scsi_host", "A: proc_name=lpfc\\n\nA: unique_id=7\\n\n")
                + device(PORT + "/fc_host/host7", "fc_host", fcHost("0x20000090fa1c2d3e", "0x10000090fa1c2d3e")
                        + "A: max_npiv_vports=255\\n\nA: npiv_vports_inuse=0\\n\nA: vport_create=\nA: vport_delete=\n"));
        RecordingOutlet outlet = new RecordingOutlet();
        Map<String, Device> view = new TreeMap<>();
        Path noDaemon = Files.createTempFile("udev-control", "");
        try (SysfsSource source = new SysfsSource(new SysfsSourceSettings(Path.of("/sys"), Duration.ofHours(1), true),
                () -> UdevMonitor.open(UdevMonitor.HBA_SUBSYSTEMS, noDaemon))) {
            source.start(outlet);
            awaitView(outlet, view, v -> v.size() == 1);
            System.out.println("hotplug " + source.hotplugActive());

            add(umockdev, testbed, device(VPORT + "/fc_vports/vport-7:0-0", "fc_vports", "")
                    + device(VHBA, "scsi", "")
                    + device(VHBA + "/scsi_host/host9", "scsi_host", "A: unique_id=9\\n\n")
                    + device(VHBA + "/fc_host/host9", "fc_host", fcHost("0x2001001b32a9da4e", "0x2101001b32a9da4e")));
            umockdev.umockdev_testbed_set_attribute(testbed, PORT + "/fc_host/host7", "npiv_vports_inuse", "1\n");
            umockdev.umockdev_testbed_uevent(testbed, VHBA + "/fc_host/host9", "add");
            // udev reports each device of the vHBA as it appears: rescans may see it half made, later ones whole
            awaitView(outlet, view, v -> v.size() == 2 && vports(v.get("scsi_host7")) == 1 && v.get("scsi_host9").isVhba());

            for (String gone : List.of(VHBA + "/fc_host/host9", VHBA + "/scsi_host/host9", VHBA,
                    VPORT + "/fc_vports/vport-7:0-0")) {
                umockdev.umockdev_testbed_remove_device(testbed, gone);
            }
            umockdev.umockdev_testbed_set_attribute(testbed, PORT + "/fc_host/host7", "npiv_vports_inuse", "0\n");
            umockdev.umockdev_testbed_uevent(testbed, PORT + "/fc_host/host7", "change");
            awaitView(outlet, view, v -> v.size() == 1 && vports(v.get("scsi_host7")) == 0);
        }
    }

    /**
     * Applies what the source publishes to {@code view} until {@code reached} holds (as many
     * rescans as the uevents cause), then prints the view, one device a line.
     */
    private static void awaitView(RecordingOutlet outlet, Map<String, Device> view, Predicate<Map<String, Device>> reached)
            throws InterruptedException {
        while (!reached.test(view)) {
            Payload payload = outlet.next().payload();
            if (payload instanceof HostSnapshot snapshot) {
                view.clear();
                snapshot.devices().forEach(d -> view.put(d.name(), d));
            } else if (payload instanceof DeviceUpserted upserted) {
                view.put(upserted.device().name(), upserted.device());
            } else if (payload instanceof DeviceRemoved removed) {
                view.remove(removed.name());
            }
        }
        System.out.println("view " + view.values().stream().map(UmockdevHotplugProbe::describe).toList());
    }

    private static int vports(Device device) {
        return device.vportOps().map(VportOps::vports).orElse(-1);
    }

    private static void add(Umockdev umockdev, Pointer testbed, String description) {
        if (!umockdev.umockdev_testbed_add_from_string(testbed, description, new PointerByReference())) {
            throw new IllegalStateException("umockdev refused " + description);
        }
    }

    /** One device in umockdev-record's format: its path below /sys, its subsystem, its attributes. */
    private static String device(String syspath, String subsystem, String attributes) {
        return "P: " + syspath.substring("/sys".length()) + "\nE: SUBSYSTEM=" + subsystem + "\n" + attributes + "\n";
    }

    private static String fcHost(String nodeName, String portName) {
        return "A: node_name=" + nodeName + "\\n\nA: port_name=" + portName + "\\n\nA: port_state=Online\\n\n";
    }

    private static String describe(Device device) {
        return device.name() + " parent=" + device.parent().orElse("-") + " vportCapable=" + device.isVportCapable()
                + " vhba=" + device.isVhba() + " wwpn=" + device.fcHost().map(fc -> fc.wwpn().toString()).orElse("-")
                + " vports=" + device.vportOps().map(o -> Integer.toString(o.vports())).orElse("-");
    }
}
