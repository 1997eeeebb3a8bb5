package io.nodedex.npiv;

import io.nodedex.device.Device;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Baselines for {@link NpivResolverBenchmark} on the same 320 devices: the least work any
 * resolution must do (look at every device; order them by WWPN).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NpivBaselineBenchmark {

    private static final Comparator<Device> BY_WWPN =
            Comparator.comparing((Device d) -> d.fcHost().orElseThrow().wwpn());

    private BenchmarkHost host;

    @Setup
    public void setUp() {
        host = new BenchmarkHost(42);
    }

    /** Copies the 320 devices and sorts them by WWPN. */
    @Benchmark
    public List<Device> sortByWwpn() {
        List<Device> copy = new ArrayList<>(host.devices);
        copy.sort(BY_WWPN);
        return copy;
    }

    /** Keeps the vport-capable devices with a stream filter. */
    @Benchmark
    public List<Device> filterVportCapable() {
        return host.devices.stream().filter(Device::isVportCapable).toList();
    }
}
