package io.nodedex.indexer;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * Maps a host id to its fixed-width key. Different ids may, very rarely, share a key: the
 * indexer detects that against the stored host record and refuses the second host.
 */
@FunctionalInterface
interface HostKeys {

    /**
     * FarmHash Fingerprint64 of the UTF-8 id: its output is frozen by Guava across releases, so
     * keys stay valid over upgrades.
     */
    HostKeys FARM_HASH = hostId -> Hashing.farmHashFingerprint64()
            .hashString(hostId, StandardCharsets.UTF_8).asLong();

    long keyOf(String hostId);
}
