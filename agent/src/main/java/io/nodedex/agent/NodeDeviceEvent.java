package io.nodedex.agent;

import java.util.Objects;
import java.util.Optional;

/**
 * A node device event from libvirt. libvirt only names the device: fetch its XML with
 * {@link LibvirtConnection#nodeDeviceXml(String)} (after {@link Kind#DELETED} there is none).
 *
 * @param deviceName libvirt's device name, e.g. {@code scsi_host12}
 * @param kind what happened
 */
record NodeDeviceEvent(String deviceName, Kind kind) {

    public NodeDeviceEvent {
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(kind, "kind");
    }

    /** What happened to the device. */
    public enum Kind {
        /** The device appeared (lifecycle event {@code VIR_NODE_DEVICE_EVENT_CREATED}). */
        CREATED,
        /** The device went away ({@code VIR_NODE_DEVICE_EVENT_DELETED}). */
        DELETED,
        /** A persistent definition was added ({@code VIR_NODE_DEVICE_EVENT_DEFINED}). */
        DEFINED,
        /** A persistent definition was removed ({@code VIR_NODE_DEVICE_EVENT_UNDEFINED}). */
        UNDEFINED,
        /** The device's configuration changed ({@code VIR_NODE_DEVICE_EVENT_ID_UPDATE}). */
        UPDATED;

        /** Maps a {@code virNodeDeviceEventLifecycleType}; empty for codes newer than this. */
        static Optional<Kind> fromLifecycle(int event) {
            return switch (event) {
                case 0 -> Optional.of(CREATED);
                case 1 -> Optional.of(DELETED);
                case 2 -> Optional.of(DEFINED);
                case 3 -> Optional.of(UNDEFINED);
                default -> Optional.empty();
            };
        }
    }
}
