package io.nodedex.event;

/** Where an agent observed a device. The two sources of one host are tracked separately. */
public enum Source {
    /** libvirt's node-device API. */
    LIBVIRT,
    /** udev and sysfs ({@code /sys/class/fc_host}, {@code /sys/class/scsi_host}). */
    UDEV
}
