/**
 * Shared test fixtures: what the other modules' tests and benchmarks build their inputs from,
 * one class per kind of fixture.
 *
 * <p>Public:
 * <ul>
 *   <li>{@link io.nodedex.testkit.Devices}: device values shaped as libvirt and sysfs report them;</li>
 *   <li>{@link io.nodedex.testkit.Events}: the numbered event stream of one agent source;</li>
 *   <li>{@link io.nodedex.testkit.ChurningFleet}: a seeded fleet's event log with churn and restarts;</li>
 *   <li>{@link io.nodedex.testkit.KernelSysfs}: sysfs trees in the kernel's layout, under any root;</li>
 *   <li>{@link io.nodedex.testkit.TestDriverXml}: libvirt test-driver host files and node-device XML;</li>
 *   <li>{@link io.nodedex.testkit.TestCertificates}: a certificate authority and a server certificate
 *       it signed, as PEM files, for TLS tests (BouncyCastle, an optional dependency);</li>
 *   <li>{@link io.nodedex.testkit.fleet}: the simulated fleet that {@code nodedex all-in-one} runs.</li>
 * </ul>
 *
 * <p>Threading: everything here is a pure function or a builder used by one thread; nothing
 * starts a thread or keeps state between calls. Returned devices and events are immutable.
 * Files are written only where the caller says, and an I/O failure is an
 * {@link java.io.UncheckedIOException} naming the file.
 *
 * <p>core's and schemas' own tests cannot use this module (it depends on them), so they keep the
 * few fixtures they need under their own {@code src/test}.
 */
package io.nodedex.testkit;
