package io.nodedex.npiv;

import io.nodedex.device.Capability;
import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.ScsiHost;
import io.nodedex.device.VportOps;
import io.nodedex.device.Wwn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

/**
 * A reproducible benchmark host: 64 vport-capable HBAs on 4 fabrics (one in eight Linkdown, one in
 * eight full, one in eight of unknown capacity) and 256 vHBAs, 4 under each HBA on its fabric, in
 * a shuffled order.
 */
final class BenchmarkHost {

    static final int HBAS = 64;
    static final int VHBAS_PER_HBA = 4;
    private static final int FABRICS = 4;

    final List<Device> devices;
    final List<Device> hbas;

    BenchmarkHost(long seed) {
        Random random = new Random(seed);
        List<Wwn> fabrics = new ArrayList<>();
        for (int f = 0; f < FABRICS; f++) {
            fabrics.add(new Wwn(random.nextLong()));
        }
        List<Device> all = new ArrayList<>();
        List<Device> parents = new ArrayList<>();
        int hostNumber = 0;
        for (int h = 0; h < HBAS; h++) {
            Wwn fabric = fabrics.get(h % FABRICS);
            String state = h % 8 == 3 ? "Linkdown" : FcHost.ONLINE;
            int max = h % 8 == 5 ? 0 : 255;
            int inUse = h % 8 == 6 ? max : random.nextInt(max + 1);
            Device hba = device(hostNumber++, fabric, state, Optional.of(new VportOps(max, inUse)), random);
            parents.add(hba);
            all.add(hba);
            for (int v = 0; v < VHBAS_PER_HBA; v++) {
                all.add(device(hostNumber++, fabric, FcHost.ONLINE, Optional.empty(), random));
            }
        }
        Collections.shuffle(all, random);
        this.devices = List.copyOf(all);
        this.hbas = List.copyOf(parents);
    }

    private static Device device(int hostNumber, Wwn fabric, String state, Optional<VportOps> vportOps,
            Random random) {
        List<Capability> caps = new ArrayList<>();
        caps.add(new ScsiHost(hostNumber, OptionalInt.empty()));
        caps.add(new FcHost(new Wwn(random.nextLong()), new Wwn(random.nextLong()), Optional.of(fabric),
                Optional.of(state), Optional.of("8 Gbit")));
        vportOps.ifPresent(caps::add);
        return new Device("scsi_host" + hostNumber, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), caps);
    }
}
