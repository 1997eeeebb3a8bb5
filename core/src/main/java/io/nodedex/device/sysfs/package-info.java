/**
 * Reading SCSI hosts and Fibre Channel HBAs straight from sysfs
 * ({@link io.nodedex.device.sysfs.SysfsTree}), named and shaped as libvirt's node devices.
 */
package io.nodedex.device.sysfs;
