/**
 * NPIV parent resolution: which vport-capable fc_host of one host should a new vHBA hang off.
 *
 * <p>Build an {@link io.nodedex.npiv.NpivRequest} (from raw query or command-line strings with
 * {@link io.nodedex.npiv.NpivRequest#of}), then call
 * {@link io.nodedex.npiv.NpivResolver#resolve}. The {@link io.nodedex.npiv.NpivAnswer} names the
 * chosen parent and every candidate with the one reason it was accepted or rejected. The answer is
 * a pure function of the host's devices and the request: the order in which devices are given
 * never changes it (docs/design.md, "Order never changes the answer"). Every type here is
 * immutable and safe to share between threads.
 */
package io.nodedex.npiv;
