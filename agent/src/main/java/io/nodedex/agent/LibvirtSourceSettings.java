package io.nodedex.agent;

import java.util.Objects;

/**
 * How {@link LibvirtSource} talks to libvirt.
 *
 * @param uri the libvirt URI, e.g. {@code qemu:///system}
 * @param reconnect the pauses between connection attempts after a failure or loss
 * @param keepAliveIntervalSeconds keepalive probe interval on remote connections
 * @param keepAliveCount unanswered probes after which libvirt closes the connection
 */
public record LibvirtSourceSettings(String uri, Backoff reconnect, int keepAliveIntervalSeconds,
        int keepAliveCount) {

    /** The local system daemon, as a sysadmin expects. */
    public static final String DEFAULT_URI = "qemu:///system";

    public LibvirtSourceSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(reconnect, "reconnect");
        if (uri.isBlank()) {
            throw new IllegalArgumentException("the libvirt URI must not be blank");
        }
        if (keepAliveIntervalSeconds < 1 || keepAliveCount < 1) {
            throw new IllegalArgumentException("keepalive interval and count must be at least 1: "
                    + keepAliveIntervalSeconds + " s, " + keepAliveCount);
        }
    }

    /** {@code uri}, default backoff, a keepalive probe every 5 s, closed after 5 missed. */
    public static LibvirtSourceSettings of(String uri) {
        return new LibvirtSourceSettings(uri, Backoff.DEFAULT, 5, 5);
    }

    public LibvirtSourceSettings withReconnect(Backoff backoff) {
        return new LibvirtSourceSettings(uri, backoff, keepAliveIntervalSeconds, keepAliveCount);
    }
}
