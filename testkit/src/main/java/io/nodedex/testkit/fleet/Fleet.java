package io.nodedex.testkit.fleet;

import io.nodedex.device.Wwn;
import java.util.List;
import java.util.Objects;

/**
 * A generated fleet of hypervisors: a pure function of its seed and size
 * ({@link FleetGenerator#generate}).
 *
 * @param seed the seed it was generated from
 * @param hosts the hosts, sorted by id ({@code hv01}, {@code hv02}, ...)
 * @param fabrics the datacenter's fabrics (every host is cabled to two or three of them)
 * @param showcase what was planted for the examples and the audit
 */
public record Fleet(long seed, List<SimulatedHost> hosts, List<Wwn> fabrics, Showcase showcase) {

    public Fleet {
        hosts = List.copyOf(hosts);
        fabrics = List.copyOf(fabrics);
        Objects.requireNonNull(showcase, "showcase");
    }

    /** Physical FC ports over every host. */
    public int portCount() {
        return hosts.stream().mapToInt(host -> host.ports().size()).sum();
    }

    /** vHBAs over every host. */
    public int vhbaCount() {
        return hosts.stream().mapToInt(host -> host.vhbas().size()).sum();
    }
}
