package io.nodedex.agent;

import io.nodedex.device.InvalidInputException;
import io.nodedex.event.signing.SigningKey;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The host's own Ed25519 key, which signs every record its agent publishes (docs/design.md, "Who
 * may publish what"): {@value #PRIVATE_FILE} in the state directory, readable by the agent's user
 * only, and beside it {@value #PUBLIC_FILE}, the public key an administrator enrols. Created on
 * the first start, then kept: a new key would have to be enrolled again.
 */
final class HostKey {

    static final String PRIVATE_FILE = "host-key.pem";
    static final String PUBLIC_FILE = "host-key.pub.pem";

    private HostKey() {
    }

    /**
     * The key kept in {@code stateDirectory}, created there if missing.
     *
     * @throws InvalidInputException naming the file when the key cannot be read or created
     */
    static SigningKey in(Path stateDirectory) {
        try {
            return SigningKey.readOrCreate(stateDirectory.resolve(PRIVATE_FILE), stateDirectory.resolve(PUBLIC_FILE));
        } catch (UncheckedIOException e) {
            throw new InvalidInputException("the agent cannot keep its signing key in " + stateDirectory + ": "
                    + e.getMessage() + "; give it a writable --state-dir");
        }
    }
}
