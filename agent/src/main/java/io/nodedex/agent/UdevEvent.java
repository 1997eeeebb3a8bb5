package io.nodedex.agent;

/**
 * One uevent as udev delivered it.
 *
 * @param action {@code add}, {@code remove}, {@code change}, ...
 * @param subsystem {@code fc_host}, {@code scsi_host} or {@code fc_vports}
 * @param sysname the kernel name, e.g. {@code host7} or {@code vport-7:0-0}
 */
record UdevEvent(String action, String subsystem, String sysname) {
}
