package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodedex.device.Device;
import io.nodedex.device.FcHost;
import io.nodedex.device.ScsiHost;
import io.nodedex.device.Wwn;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.Heartbeat;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class JsonLinesEventSinkTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** {@link #HBA} in the devices' shared JSON shape (io.nodedex.json.DeviceJson). */
    private static final String HBA_JSON = """
            {"name": "scsi_host7", "parent": "pci_0000_05_00_0",
             "capabilities": [{"type": "scsi_host", "host": 7},
                              {"type": "fc_host", "wwnn": "20000090fa1c2d3e", "wwpn": "10000090fa1c2d3e"}]}""";
    private static final Device HBA = new Device("scsi_host7", Optional.of("pci_0000_05_00_0"), Optional.empty(),
            Optional.empty(), List.of(), List.of(new ScsiHost(7, OptionalInt.empty()),
                    FcHost.of(Wwn.parse("0x20000090fa1c2d3e"), Wwn.parse("0x10000090fa1c2d3e"), Optional.empty())));

    @Test
    void printsOneJsonLinePerEventWithTheHeaderAndThePayload() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonLinesEventSink sink = new JsonLinesEventSink(new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true))) {
            sink.send(event(0, new HostSnapshot(List.of(HBA))));
            sink.send(event(1, new DeviceUpserted(HBA)));
            sink.send(event(2, new DeviceRemoved("scsi_host7")));
            sink.send(event(3, new Heartbeat()));
        }

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        JsonNode snapshot = MAPPER.readTree(lines.get(0));
        assertThat(snapshot.get("hostId").asText()).isEqualTo("hv042");
        assertThat(snapshot.get("incarnation").asLong()).isEqualTo(1_718_000_000_000L);
        assertThat(snapshot.get("sequence").asLong()).isZero();
        assertThat(snapshot.get("source").asText()).isEqualTo("UDEV");
        assertThat(snapshot.get("observedAt").asText()).isEqualTo("2024-06-10T08:00:00.123456Z");
        assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
        assertThat(snapshot.get("devices")).isEqualTo(MAPPER.readTree("[" + HBA_JSON + "]"));
        JsonNode upsert = MAPPER.readTree(lines.get(1));
        assertThat(upsert.get("type").asText()).isEqualTo("upsert");
        assertThat(upsert.get("device")).isEqualTo(MAPPER.readTree(HBA_JSON));
        assertThat(upsert.get("device").get("capabilities").get(1).get("wwpn").asText()).isEqualTo("10000090fa1c2d3e");
        JsonNode removal = MAPPER.readTree(lines.get(2));
        assertThat(removal.get("type").asText()).isEqualTo("removal");
        assertThat(removal.get("name").asText()).isEqualTo("scsi_host7");
        assertThat(MAPPER.readTree(lines.get(3)).get("type").asText()).isEqualTo("heartbeat");
    }

    private static Event event(long sequence, Payload payload) {
        return new Event(new EventHeader("hv042", 1_718_000_000_000L, sequence, Source.UDEV,
                Instant.parse("2024-06-10T08:00:00.123456Z")), payload);
    }
}
