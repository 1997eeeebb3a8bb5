package io.nodedex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodedex.testkit.fleet.Showcase;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nodedex vhba create} and {@code delete} against an all-in-one of its own (the shared one
 * must not change): the replica decides the parent, the simulated host's command runner writes
 * the vHBA into its sysfs tree as the kernel would, its agent publishes it, and the API shows it
 * under the chosen parent with the parent's vport counter raised; deleting takes it away.
 */
class VhbaCommandsTest {

    @TempDir
    Path data;

    @Test
    void aVhbaCreatedThroughTheCliAppearsUnderTheChosenParentAndGoesWhenDeleted() throws Exception {
        try (AllInOne stack = AllInOne.open(new AllInOne.Settings(data, 0, 2, SharedAllInOne.SEED))) {
            stack.start(line -> { });
            String server = stack.url().toString();
            Showcase show = stack.fleet().showcase();
            ApiClient api = new ApiClient(URI.create(server));
            String fabric = show.fabric().toString();
            JsonNode resolved = api.get(List.of("v1", "npiv", "parent"), Map.of("host", show.host(),
                    "parentFabricWwn", fabric)).body();
            String parent = resolved.at("/parent/name").asText();
            int vportsBefore = resolved.at("/parent/vports").asInt();

            CommandRun created = CommandRun.of("vhba", "create", "--server", server, "--host", show.host(),
                    "--parent-fabric-wwn", fabric, "--request-id", "cli-test-1", "--wait", "90s", "--json");

            assertThat(created.exitCode()).as(created.err()).isZero();
            JsonNode vhba = created.json();
            assertThat(vhba.get("parent").asText()).isEqualTo(parent);
            String name = vhba.get("name").asText();
            JsonNode device = api.get(List.of("v1", "hosts", show.host(), "devices", name), Map.of()).body();
            assertThat(device.at("/device/parent").asText()).as(device.toString()).isEqualTo(parent);
            assertThat(api.get(List.of("v1", "npiv", "parent"), Map.of("host", show.host(), "parent", parent)).body()
                    .at("/parent/vports").asInt()).as("the parent's vports in use").isEqualTo(vportsBefore + 1);

            CommandRun again = CommandRun.of("vhba", "create", "--server", server, "--host", show.host(),
                    "--parent-fabric-wwn", fabric, "--request-id", "cli-test-1", "--json");
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(again.json().get("name").asText()).as("the same request, no second vHBA").isEqualTo(name);

            CommandRun deleted = CommandRun.of("vhba", "delete", "--server", server, "--host", show.host(), name,
                    "--request-id", "cli-test-2", "--wait", "90s");
            assertThat(deleted.exitCode()).as(deleted.err()).isZero();
            assertThat(deleted.out()).contains("deleted");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (api.get(List.of("v1", "hosts", show.host(), "devices", name), Map.of()).status() != 404) {
                assertThat(System.nanoTime()).as("the vHBA leaves the inventory").isLessThan(deadline);
                Thread.sleep(200);
            }

            CommandRun physical = CommandRun.of("vhba", "delete", "--server", server, "--host", show.host(), parent,
                    "--request-id", "cli-test-3");
            assertThat(physical.exitCode()).isEqualTo(ExitCodes.CONFLICT);
            assertThat(physical.err()).contains("is not a vHBA: it is a physical HBA");
        }
    }
}
