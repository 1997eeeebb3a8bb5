package io.nodedex.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nodedex vhba create}: {@code POST /v1/vhbas}. */
@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create a vHBA on a host: the server chooses the parent as `nodedex parent` does, over the",
            "vports not already reserved, and the host's agent creates it.",
            "Exit code 3 when no parent qualifies, 4 when the named parent is not vport capable or the request id",
            "is taken, 1 when the host failed or did not answer in time."})
final class VhbaCreateCommand extends VhbaWriteCommand {

    @Option(names = "--host", paramLabel = "HOST", required = true, description = "The host id, e.g. hv01.")
    String host;

    @Mixin
    ParentCriteriaOptions criteria;

    @Option(names = "--wwnn", paramLabel = "WWN", description = "The new vHBA's node name (default: derived from the"
            + " request id).")
    Optional<String> wwnn;

    @Option(names = "--wwpn", paramLabel = "WWN", description = "The new vHBA's port name (default: derived from the"
            + " request id).")
    Optional<String> wwpn;

    @Option(names = "--request-id", paramLabel = "ID", description = "The request's id: run the command again with"
            + " the same id and no second vHBA is made (default: a new random id, printed).")
    Optional<String> requestId;

    @Override
    List<String> path() {
        return List.of("v1", "vhbas");
    }

    @Override
    ApiClient.Answer ask(ApiClient client) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        criteria.query(host).forEach(body::put);
        wwnn.ifPresent(value -> body.put("wwnn", value));
        wwpn.ifPresent(value -> body.put("wwpn", value));
        body.put("requestId", requestId.orElseGet(() -> "cli-" + UUID.randomUUID()));
        return client.write("POST", path(), Map.of("wait", waitParameter()), Optional.of(body.toString()), timeout());
    }
}
