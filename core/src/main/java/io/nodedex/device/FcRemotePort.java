package io.nodedex.device;

import java.util.Objects;

/** The {@code fc_remote_port} capability of a SCSI target reached over Fibre Channel. */
public record FcRemotePort(String rport, Wwn wwpn) implements Capability {

    public static final String TYPE = "fc_remote_port";

    public FcRemotePort {
        Objects.requireNonNull(rport, "rport");
        Objects.requireNonNull(wwpn, "wwpn");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
