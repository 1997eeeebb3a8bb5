package io.nodedex.cli;

import io.nodedex.npiv.NpivRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The NPIV criteria and policy options, shared by {@code nodedex npiv-parent} (offline) and
 * {@code nodedex parent} (through the server), so both take the same options with the same words.
 */
final class ParentCriteriaOptions {

    @Option(names = "--parent", paramLabel = "NAME", description = "The parent's device name, e.g. scsi_host5.")
    Optional<String> parent;

    @Option(names = "--parent-wwnn", paramLabel = "WWN", description = "The parent's node name (with --parent-wwpn).")
    Optional<String> parentWwnn;

    @Option(names = "--parent-wwpn", paramLabel = "WWN", description = "The parent's port name (with --parent-wwnn).")
    Optional<String> parentWwpn;

    @Option(names = "--parent-fabric-wwn", paramLabel = "WWN",
            description = "The fabric the parent must be logged into.")
    Optional<String> parentFabricWwn;

    @Option(names = "--policy", paramLabel = "POLICY",
            description = "lowest-wwpn (default): lowest parent WWPN first; most-free: most free vports first.")
    Optional<String> policy;

    /** The validated request for this host. */
    NpivRequest request(String host) {
        return NpivRequest.of(Optional.of(host), parent, parentWwnn, parentWwpn, parentFabricWwn, policy);
    }

    /** The query parameters of {@code GET /v1/npiv/parent} for this host, as given (the server validates). */
    Map<String, String> query(String host) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put(NpivRequest.HOST, host);
        parent.ifPresent(value -> query.put(NpivRequest.PARENT, value));
        parentWwnn.ifPresent(value -> query.put(NpivRequest.PARENT_WWNN, value));
        parentWwpn.ifPresent(value -> query.put(NpivRequest.PARENT_WWPN, value));
        parentFabricWwn.ifPresent(value -> query.put(NpivRequest.PARENT_FABRIC_WWN, value));
        policy.ifPresent(value -> query.put(NpivRequest.POLICY, value));
        return query;
    }
}
