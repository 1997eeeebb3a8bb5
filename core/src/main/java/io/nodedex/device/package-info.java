/**
 * The device model: {@link io.nodedex.device.Device} and its
 * {@link io.nodedex.device.Capability capabilities}, {@link io.nodedex.device.Wwn WWNs}, and the
 * {@link io.nodedex.device.NaturalOrder natural order} of device names. All values are immutable
 * and safe to share between threads.
 */
package io.nodedex.device;
