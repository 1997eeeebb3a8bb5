package io.nodedex.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nodedex vhba delete}: {@code DELETE /v1/vhbas/{host}/{name}}. */
@Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Destroy a vHBA on a host through its agent.",
            "Exit code 3 when there is no such device, 4 when it is not a vHBA."})
final class VhbaDeleteCommand extends VhbaWriteCommand {

    @Option(names = "--host", paramLabel = "HOST", required = true, description = "The host id, e.g. hv01.")
    String host;

    @Parameters(index = "0", paramLabel = "NAME", description = "The vHBA's device name, e.g. scsi_host12.")
    String name;

    @Option(names = "--request-id", paramLabel = "ID", description = "The request's id, to repeat it safely"
            + " (default: a new random id).")
    Optional<String> requestId;

    @Override
    List<String> path() {
        return List.of("v1", "vhbas", host, name);
    }

    @Override
    ApiClient.Answer ask(ApiClient client) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("wait", waitParameter());
        requestId.ifPresent(id -> query.put("requestId", id));
        return client.write("DELETE", path(), query, Optional.empty(), timeout());
    }
}
