package io.nodedex.npiv;

import io.nodedex.device.FcHost;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * NPIV parent resolution on a host with 64 HBAs and 256 vHBAs ({@link BenchmarkHost}), for each
 * criterion and policy. Compare with {@link NpivBaselineBenchmark}, measured in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NpivResolverBenchmark {

    @Param({"any", "fabric_wwn", "wwnn_wwpn"})
    public String criteria;

    @Param({"lowest-wwpn", "most-free"})
    public String policy;

    private BenchmarkHost host;
    private NpivRequest request;

    @Setup
    public void setUp() {
        host = new BenchmarkHost(42);
        FcHost target = host.hbas.get(BenchmarkHost.HBAS / 2).fcHost().orElseThrow();
        Criteria criterion = switch (criteria) {
            case "any" -> Criteria.any();
            case "fabric_wwn" -> Criteria.byFabric(target.fabricWwn().orElseThrow());
            case "wwnn_wwpn" -> Criteria.byWwnPair(target.wwnn(), target.wwpn());
            default -> throw new IllegalArgumentException("unknown criteria " + criteria);
        };
        request = new NpivRequest("bench", criterion, ParentPolicy.parse(policy));
    }

    @Benchmark
    public NpivAnswer resolve() {
        return NpivResolver.resolve(request, host.devices);
    }
}
