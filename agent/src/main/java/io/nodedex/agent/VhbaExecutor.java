package io.nodedex.agent;

import io.nodedex.device.Wwn;
import java.util.Objects;
import java.util.Optional;

/**
 * What carries out a host's vHBA commands ({@link CommandRunner}): creates a vHBA with given WWNs
 * under a parent, destroys one. Both must be idempotent, since a command carried out by an agent
 * killed before it could report is carried out again after the restart: a vHBA with that WWPN
 * already under that parent is a success naming it, and so is destroying a device that is gone.
 *
 * <p>Called from one thread ({@code nodedex-commands}).
 */
public interface VhbaExecutor {

    /** Creates a vHBA under {@code parent} with these WWNs. */
    Result create(String parent, Wwn wwnn, Wwn wwpn);

    /** Destroys the vHBA {@code name}. */
    Result destroy(String name);

    /**
     * Through libvirt ({@code virNodeDeviceCreateXML}, {@code virNodeDeviceDestroy}) on a
     * read-write connection to {@code uri}, opened per command. libvirt's test driver shares
     * {@code test:///default} within a process, and a daemon's ({@code test+unix://}) between its
     * clients, so the agent's libvirt source sees what this creates there; a {@code test:///file}
     * URI gives each connection private state, which no other connection sees.
     */
    static VhbaExecutor libvirt(String uri) {
        return new LibvirtVhbas(uri);
    }

    /**
     * How a command ended.
     *
     * @param done whether it was carried out
     * @param name the vHBA created or destroyed
     * @param message what happened; libvirt's own error message on failure
     */
    record Result(boolean done, Optional<String> name, String message) {

        public Result {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(message, "message");
        }

        public static Result done(String name, String message) {
            return new Result(true, Optional.of(name), message);
        }

        public static Result failed(String message) {
            return new Result(false, Optional.empty(), message);
        }
    }
}
