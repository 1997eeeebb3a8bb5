package io.nodedex.device;

import java.util.OptionalInt;

/** The {@code scsi_host} capability: the kernel's SCSI host number and its unique id. */
public record ScsiHost(int host, OptionalInt uniqueId) implements Capability {

    public static final String TYPE = "scsi_host";

    public ScsiHost {
        if (host < 0) {
            throw new InvalidInputException("scsi_host number must not be negative: " + host);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
