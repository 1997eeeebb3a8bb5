/**
 * libvirt's node device API, mapped with JNA onto {@code libvirt.so.0} (package libvirt0).
 *
 * <p>Public surface: {@link io.nodedex.agent.libvirt.LibvirtConnection} (list, XML, create,
 * destroy, events, keepalive, close callback), {@link io.nodedex.agent.libvirt.LibvirtEventLoop}
 * (the one event loop thread of the process), the values
 * {@link io.nodedex.agent.libvirt.NodeDeviceEvent} and {@link io.nodedex.agent.libvirt.CloseReason},
 * {@link io.nodedex.agent.libvirt.Subscription}, and
 * {@link io.nodedex.agent.libvirt.LibvirtException} with
 * {@link io.nodedex.agent.libvirt.LibvirtErrorCode}.
 *
 * <p>Rules this package keeps, learnt from libvirt's sources and behaviour:
 * <ul>
 *   <li>{@code virEventRegisterDefaultImpl} once, before the first connection; the loop runs on
 *       its own daemon thread, and every callback runs there (close callbacks may also run on a
 *       thread inside a libvirt call): callbacks only hand off.</li>
 *   <li>Native callbacks are static objects, so JNA never frees a trampoline libvirt still
 *       holds; per-registration state sits behind the {@code opaque} token.</li>
 *   <li>libvirt refuses a second registration of the same callback for the same connection and
 *       event ("event callback already tracked"), so each connection registers once and fans
 *       events out to its subscriptions.</li>
 *   <li>Errors are per thread: copied right after the failing call, converted, reset. A silent
 *       error function keeps libvirt from printing them on stderr.</li>
 *   <li>Strings libvirt allocates for us (XML descriptions) and the device array of
 *       {@code virConnectListAllNodeDevices} are released with {@code free()}; device objects
 *       with {@code virNodeDeviceFree}.</li>
 * </ul>
 */
package io.nodedex.agent.libvirt;
