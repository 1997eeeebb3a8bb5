package io.nodedex.indexer;

import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The secondary-index rows derived from one merged device: a pure function, so that the rows a
 * device had can always be recomputed and removed exactly
 * (docs/design.md, "No stale index entries").
 *
 * <ul>
 *   <li>every fc_host (HBA or vHBA): {@link Table#BY_WWPN}, {@link Table#BY_WWNN_WWPN}, and
 *       {@link Table#BY_FABRIC} when it reports a fabric;</li>
 *   <li>{@link Device#isVportCapable()}: {@link Table#VPORT_PARENTS};</li>
 *   <li>{@link Device#isVhba()}: {@link Table#VHBAS}, valued with its parent's name.</li>
 * </ul>
 */
final class IndexEntries {

    private IndexEntries() {
    }

    /** The rows of {@code device} of host {@code hostId}, whose host key is {@code hostKey}. */
    static Set<IndexEntry> of(long hostKey, String hostId, Device device) {
        Optional<FcHost> fcHost = device.fcHost();
        if (fcHost.isEmpty()) {
            return Set.of(); // every index row is of an fc_host
        }
        Set<IndexEntry> entries = new HashSet<>();
        String name = device.name();
        addFcHost(entries, hostId, name, fcHost.get());
        if (device.isVportCapable()) {
            entries.add(IndexEntry.keyOnly(Table.VPORT_PARENTS, Keys.device(hostKey, name)));
        }
        if (device.isVhba()) {
            entries.add(new IndexEntry(Table.VHBAS, Keys.hostDevice(hostId, name),
                    Keys.utf8(device.parent().orElse(""))));
        }
        return entries;
    }

    private static void addFcHost(Set<IndexEntry> entries, String hostId, String name, FcHost fc) {
        long wwpn = fc.wwpn().value();
        entries.add(IndexEntry.keyOnly(Table.BY_WWPN, Keys.byWwn(wwpn, hostId, name)));
        entries.add(IndexEntry.keyOnly(Table.BY_WWNN_WWPN, Keys.byWwnPair(fc.wwnn().value(), wwpn, hostId, name)));
        fc.fabricWwn().ifPresent(fabric ->
                entries.add(IndexEntry.keyOnly(Table.BY_FABRIC, Keys.byWwn(fabric.value(), hostId, name))));
    }
}
