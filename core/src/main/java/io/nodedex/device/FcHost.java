package io.nodedex.device;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code fc_host} capability of a Fibre Channel port: its node and port names, the fabric it
 * is logged into, and, where the source reports them (sysfs does, libvirt's XML does not), its
 * port state ({@code Online}, {@code Linkdown}, ...) and speed ({@code 8 Gbit}).
 */
public record FcHost(Wwn wwnn, Wwn wwpn, Optional<Wwn> fabricWwn, Optional<String> portState,
        Optional<String> speed) implements Capability {

    public static final String TYPE = "fc_host";

    /** The kernel's word for a port that is up and logged in. */
    public static final String ONLINE = "Online";

    public FcHost {
        Objects.requireNonNull(wwnn, "wwnn");
        Objects.requireNonNull(wwpn, "wwpn");
        Objects.requireNonNull(fabricWwn, "fabricWwn");
        Objects.requireNonNull(portState, "portState");
        Objects.requireNonNull(speed, "speed");
    }

    /** An fc_host with only the names libvirt's XML carries. */
    public static FcHost of(Wwn wwnn, Wwn wwpn, Optional<Wwn> fabricWwn) {
        return new FcHost(wwnn, wwpn, fabricWwn, Optional.empty(), Optional.empty());
    }

    @Override
    public String type() {
        return TYPE;
    }
}
