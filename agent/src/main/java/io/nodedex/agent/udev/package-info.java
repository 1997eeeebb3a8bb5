/**
 * The udev/sysfs source: {@link io.nodedex.agent.udev.SysfsSource} reads fc_host and scsi_host
 * ports from a sysfs tree and publishes snapshots and changes; {@link io.nodedex.agent.udev.UdevMonitor}
 * (JNA on libudev.so.1) wakes it on hot-plug when a udev daemon runs.
 */
package io.nodedex.agent.udev;
