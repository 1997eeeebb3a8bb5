/**
 * The simulated fleet: {@link io.nodedex.testkit.fleet.FleetGenerator#generate} makes a
 * {@link io.nodedex.testkit.fleet.Fleet} of hypervisors from a seed and a size, and
 * {@link io.nodedex.testkit.fleet.FleetFiles#write} writes each host twice, as libvirt sees it (a
 * test-driver host file) and as the kernel shows it (a sysfs tree). The same seed and size always
 * give byte-identical files. {@link io.nodedex.testkit.fleet.Showcase} records what was planted
 * whatever the seed, so tests and the all-in-one banner can name it.
 *
 * <p>Public: {@code FleetGenerator}, {@code Fleet}, {@code FleetFiles}, {@code SimulatedHost},
 * {@code PhysicalPort}, {@code VirtualPort}, {@code Chassis}, {@code HbaModel} and
 * {@code Showcase}; the writers of the two views are package-private.
 *
 * <p>Threading: generation is a pure function of its seed and size and starts no threads; the
 * values are immutable records. {@code FleetFiles.write} writes on the calling thread; two writes
 * must not share a directory.
 */
package io.nodedex.testkit.fleet;
