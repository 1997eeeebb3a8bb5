package io.nodedex.api;

import static io.nodedex.testkit.Devices.computer;
import static io.nodedex.testkit.Devices.hba;
import static io.nodedex.testkit.Devices.liveHba;
import static io.nodedex.testkit.Devices.pci;
import static io.nodedex.testkit.Devices.scsiHost;
import static io.nodedex.testkit.Devices.vhba;

import io.nodedex.device.Device;
import io.nodedex.event.Event;
import io.nodedex.event.Source;
import io.nodedex.event.codec.EventCodec;
import io.nodedex.event.kafka.EventKey;
import io.nodedex.testkit.Events;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The API's fixture fleet, published as agents would (real codec, key = host id):
 * <ul>
 *   <li>{@value #LIBVIRT_DEFAULT}: libvirt's {@code test:///default} node devices (scsi_host1 and
 *       scsi_host2 vport capable, capacity unknown; scsi_host11 a vHBA under scsi_host1) plus a
 *       non-FC scsi_host10, from the LIBVIRT source; a vHBA scsi_host12 created then removed;</li>
 *   <li>{@value #DUP_A} and {@value #DUP_B}: an HBA each with the same WWPN {@link #DUPLICATE_WWPN};</li>
 *   <li>{@value #ORPHANS}: vHBAs whose parent is gone (scsi_host20: no such device; scsi_host21: a
 *       PCI device; scsi_host22: names none);</li>
 *   <li>{@value #FULL}: libvirt and sysfs snapshots merged: scsi_host3 full (2 of 2, two vHBAs),
 *       scsi_host4 over capacity (2 of 1, two vHBAs), all on fabric {@link #FULL_FABRIC};</li>
 *   <li>{@value #MISMATCH}: scsi_host5 (3 vports in use) with one vHBA, scsi_host50, on another
 *       fabric.</li>
 * </ul>
 * Plus one record that cannot be decoded (a dead letter).
 */
final class TestFleet {

    static final String LIBVIRT_DEFAULT = "libvirt-default";
    static final String DUP_A = "dup-a";
    static final String DUP_B = "dup-b";
    static final String ORPHANS = "orphans";
    static final String FULL = "full";
    static final String MISMATCH = "mismatch";
    static final List<String> HOSTS = List.of(DUP_A, DUP_B, FULL, LIBVIRT_DEFAULT, MISMATCH, ORPHANS);

    static final long DUPLICATE_WWPN = 0x10000090fa000001L;
    static final long FULL_FABRIC = 0x100000051e0000f0L;
    static final long MISMATCH_PARENT_FABRIC = 0x100000051e0000aaL;
    static final long MISMATCH_VHBA_FABRIC = 0x100000051e0000bbL;
    static final Instant OBSERVED_AT = Instant.parse("2026-11-21T12:00:00Z");

    private static final EventCodec CODEC = new EventCodec();

    private TestFleet() {
    }

    /** libvirt's test:///default node devices, plus scsi_host10 (no FC) for the natural order. */
    static List<Device> libvirtDefault() {
        return List.of(
                computer(),
                pci("pci_0000_00_02_0"),
                hba("scsi_host1", "pci_0000_00_02_0", 0x2000000012341234L, 0x1000000012341234L, 0x2000000043214321L),
                hba("scsi_host2", "pci_0000_00_02_0", 0x2000000056785678L, 0x1000000056785678L, 0x2000000087658765L),
                scsiHost("scsi_host10"),
                vhba("scsi_host11", "scsi_host1", 0x2000000034563456L, 0x1000000034563456L, 0x2000000043214321L));
    }

    /** Every event, in publish order per host. */
    static List<Event> events() {
        List<Event> events = new ArrayList<>();
        Events libvirt = events(LIBVIRT_DEFAULT, Source.LIBVIRT);
        events.add(libvirt.snapshot(libvirtDefault()));
        events.add(libvirt.upsert(
                vhba("scsi_host12", "scsi_host1", 0x2000000034563457L, 0x1000000034563457L, 0x2000000043214321L)));
        events.add(libvirt.remove("scsi_host12"));

        events.add(events(DUP_A, Source.UDEV).snapshot(List.of(
                liveHba("scsi_host3", 0x20000090fa0000a1L, DUPLICATE_WWPN, 0x100000051e000001L, 255, 0))));
        events.add(events(DUP_B, Source.UDEV).snapshot(List.of(
                liveHba("scsi_host3", 0x20000090fa0000b1L, DUPLICATE_WWPN, 0x100000051e000001L, 255, 0),
                liveHba("scsi_host4", 0x20000090fa0000b2L, 0x10000090fa0000b2L, 0x100000051e000001L, 255, 0))));

        events.add(events(ORPHANS, Source.LIBVIRT).snapshot(List.of(
                pci("pci_0000_05_00_0"),
                liveHba("scsi_host0", 0x20000090fa0000c0L, 0x10000090fa0000c0L, 0x100000051e000002L, 64, 0),
                vhba("scsi_host20", "scsi_host9", 0x20000090fa0000c2L, 0x10000090fa0000c2L, 0x100000051e000002L),
                vhba("scsi_host21", "pci_0000_05_00_0", 0x20000090fa0000c3L, 0x10000090fa0000c3L, 0x100000051e000002L),
                vhba("scsi_host22", Optional.empty(), 0x20000090fa0000c4L, 0x10000090fa0000c4L,
                        0x100000051e000002L))));

        events.add(events(FULL, Source.LIBVIRT).snapshot(List.of(
                hba("scsi_host3", "pci_0000_05_00_0", 0x20000090fa0000d3L, 0x10000090fa0000d3L, FULL_FABRIC),
                hba("scsi_host4", "pci_0000_05_00_0", 0x20000090fa0000d4L, 0x10000090fa0000d4L, FULL_FABRIC),
                vhba("scsi_host30", "scsi_host3", 0x20000090fa0000e0L, 0x10000090fa0000e0L, FULL_FABRIC),
                vhba("scsi_host31", "scsi_host3", 0x20000090fa0000e1L, 0x10000090fa0000e1L, FULL_FABRIC),
                vhba("scsi_host40", "scsi_host4", 0x20000090fa0000e2L, 0x10000090fa0000e2L, FULL_FABRIC),
                vhba("scsi_host41", "scsi_host4", 0x20000090fa0000e3L, 0x10000090fa0000e3L, FULL_FABRIC))));
        events.add(events(FULL, Source.UDEV).snapshot(List.of(
                liveHba("scsi_host3", 0x20000090fa0000d3L, 0x10000090fa0000d3L, FULL_FABRIC, 2, 2),
                liveHba("scsi_host4", 0x20000090fa0000d4L, 0x10000090fa0000d4L, FULL_FABRIC, 1, 2))));

        events.add(events(MISMATCH, Source.UDEV).snapshot(List.of(
                liveHba("scsi_host5", 0x20000090fa0000f5L, 0x10000090fa0000f5L, MISMATCH_PARENT_FABRIC, 16, 3),
                vhba("scsi_host50", "scsi_host5", 0x20000090fa0000f6L, 0x10000090fa0000f6L, MISMATCH_VHBA_FABRIC))));
        return events;
    }

    /** One agent's stream: incarnation 1, sequence from 0, every event observed at {@link #OBSERVED_AT}. */
    private static Events events(String host, Source source) {
        return Events.of(host, source).observedAt(OBSERVED_AT);
    }

    /**
     * Publishes {@link #events()} and one undecodable record to {@code topic}; returns the end
     * offset of every partition written to.
     */
    static Map<Integer, Long> publish(String bootstrapServers, String topic) {
        return publish(bootstrapServers, topic, events(), true);
    }

    static Map<Integer, Long> publish(String bootstrapServers, String topic, List<Event> events, boolean deadLetter) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            int partitions = producer.partitionsFor(topic).size();
            for (Event event : events) {
                sent.add(producer.send(new ProducerRecord<>(topic, EventKey.partition(event.header().hostId(),
                        partitions), EventKey.of(event), CODEC.encode(event))));
            }
            if (deadLetter) {
                sent.add(producer.send(new ProducerRecord<>(topic, utf8("garbage"), utf8("not an event"))));
            }
            producer.flush();
            Map<Integer, Long> ends = new HashMap<>();
            for (Future<RecordMetadata> future : sent) {
                RecordMetadata metadata = future.get();
                ends.merge(metadata.partition(), metadata.offset() + 1, Math::max);
            }
            return ends;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("publishing the test fleet to " + topic + " failed", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
