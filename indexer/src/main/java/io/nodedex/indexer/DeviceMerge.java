package io.nodedex.indexer;

import io.nodedex.device.Capability;
import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.VportOps;
import io.nodedex.event.Source;
import java.util.List;
import java.util.Optional;

/**
 * Merges what the two sources of one host say about one device into the one view the indexer
 * stores and indexes. A pure, deterministic function of its two inputs.
 *
 * <p>Precedence:
 * <ul>
 *   <li>Only one source reports the device: that source's device, unchanged.</li>
 *   <li>Both report it: {@link Source#LIBVIRT}'s device is the base: name, parent, sysfs path,
 *       driver, attributes, and which capabilities the device has, in libvirt's order. Into it
 *       go the live fc_host values that only sysfs knows, from {@link Source#UDEV}:
 *       <ul>
 *         <li>fc_host {@code portState} and {@code speed}: libvirt's when it has them (its XML
 *             never carries them), else UDEV's; WWNs and fabric stay libvirt's;</li>
 *         <li>vport_ops counts ({@code maxVports}, {@code vports}): UDEV's whenever UDEV reports
 *             vport_ops (libvirt's test driver always reports 0).</li>
 *       </ul>
 *       A capability UDEV reports but libvirt does not is not added.</li>
 *   <li>Neither: the device is absent. A device is present while any source reports it.</li>
 * </ul>
 */
final class DeviceMerge {

    private DeviceMerge() {
    }

    static Optional<Device> merge(Optional<Device> libvirt, Optional<Device> udev) {
        if (libvirt.isEmpty()) {
            return udev;
        }
        if (udev.isEmpty()) {
            return libvirt;
        }
        return Optional.of(overlay(libvirt.get(), udev.get()));
    }

    /**
     * {@link #merge} with stored forms: a device that is one source's, unchanged, keeps that
     * source's stored form; a device made anew is encoded when its stored form is asked for.
     */
    static Optional<StoredDevice> mergeStored(Optional<StoredDevice> libvirt, Optional<StoredDevice> udev) {
        Optional<Device> merged = merge(StoredDevice.deviceOf(libvirt), StoredDevice.deviceOf(udev));
        if (merged.isEmpty()) {
            return Optional.empty();
        }
        if (libvirt.isPresent() && libvirt.get().device() == merged.get()) {
            return libvirt;
        }
        if (udev.isPresent() && udev.get().device() == merged.get()) {
            return udev;
        }
        return Optional.of(StoredDevice.made(merged.get()));
    }

    private static Device overlay(Device base, Device live) {
        Optional<FcHost> liveFc = live.fcHost();
        Optional<VportOps> liveOps = live.vportOps();
        List<Capability> capabilities = base.capabilities().stream()
                .map(capability -> overlay(capability, liveFc, liveOps))
                .toList();
        return new Device(base.name(), base.parent(), base.sysfsPath(), base.driver(),
                base.attributes(), capabilities);
    }

    private static Capability overlay(Capability capability, Optional<FcHost> liveFc, Optional<VportOps> liveOps) {
        if (capability instanceof FcHost fc && liveFc.isPresent()) {
            FcHost live = liveFc.get();
            return new FcHost(fc.wwnn(), fc.wwpn(), fc.fabricWwn(),
                    fc.portState().or(live::portState), fc.speed().or(live::speed));
        }
        if (capability instanceof VportOps && liveOps.isPresent()) {
            return liveOps.get();
        }
        return capability;
    }
}
