package io.nodedex.indexer;

import io.nodedex.audit.DeviceRef;
import java.util.List;
import java.util.Objects;

/**
 * The fc_hosts datacenter-wide with one port name, read from one snapshot: every one of them by
 * identity (more than one is a conflict for the caller to report), and one page of them in full.
 * Immutable.
 *
 * @param all every fc_host with the WWPN, by host id, then natural name
 * @param page the requested page of them, in {@link HostDevice#ORDER}
 */
public record WwpnMatches(List<DeviceRef> all, Page<HostDevice> page) {

    public WwpnMatches {
        all = List.copyOf(all);
        Objects.requireNonNull(page, "page");
    }
}
