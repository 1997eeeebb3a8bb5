package io.nodedex.event.kafka;

import io.nodedex.device.Device;
import io.nodedex.device.NaturalOrder;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the publisher's events into the records of the compacted events topic (docs/design.md,
 * "The log grows with the fleet"), so that the latest record of every key is all a replica needs:
 *
 * <ul>
 *   <li>An upsert is one record under its device's key.
 *   <li>A snapshot is one record under the source's snapshot key, after a tombstone for every
 *       device this source had published and no longer lists, so compaction forgets them.
 *   <li>A removal becomes a tombstone for the device and a snapshot of what the source still has,
 *       numbered as the removal. The snapshot, not the tombstone, removes the device: tombstones
 *       are purged after a while, and a replica that never saw one must still end without the
 *       device, which the latest snapshot guarantees.
 *   <li>Anything else is one record under its own key ({@link EventKey#of}).
 * </ul>
 *
 * <p>One instance per host, fed that host's events in order: it keeps what each source has
 * published (an agent's sources always start with a snapshot). {@link #plan} does not change that;
 * {@link Plan#commit} does, once every record of the plan was sent, so a retried send plans the
 * same records again. Every record goes to the host's partition ({@link EventKey#partition}). The
 * agent publishes through it; so do tests and benchmarks that publish as agents. Confined to one
 * thread at a time.
 */
public final class CompactedRecords {

    private static final Comparator<Device> BY_NAME = Comparator.comparing(Device::name, NaturalOrder.NAMES);

    private final Map<Source, Map<String, Device>> published = new EnumMap<>(Source.class);

    /** One record to send: a key, and an event or none (a tombstone). */
    public record Keyed(byte[] key, Optional<Event> event) {
    }

    /** The records for one event, and what the source has published once they are sent. */
    public final class Plan {
        private final List<Keyed> records;
        private final Source source;
        private final Map<String, Device> after;

        private Plan(List<Keyed> records, Source source, Map<String, Device> after) {
            this.records = List.copyOf(records);
            this.source = source;
            this.after = after;
        }

        public List<Keyed> records() {
            return records;
        }

        /** Records that every record of this plan was sent. */
        public void commit() {
            published.put(source, after);
        }
    }

    /** The records that publish {@code event}, in the order to send them. */
    public Plan plan(Event event) {
        Source source = event.header().source();
        String host = event.header().hostId();
        Map<String, Device> after = new LinkedHashMap<>(published.getOrDefault(source, Map.of()));
        List<Keyed> records = new ArrayList<>();
        Payload payload = event.payload();
        if (payload instanceof DeviceUpserted upserted) {
            after.put(upserted.device().name(), upserted.device());
            records.add(record(event));
        } else if (payload instanceof HostSnapshot snapshot) {
            Map<String, Device> listed = new LinkedHashMap<>();
            snapshot.devices().forEach(device -> listed.put(device.name(), device));
            after.keySet().stream().filter(name -> !listed.containsKey(name)).sorted(NaturalOrder.NAMES)
                    .forEach(name -> records.add(tombstone(host, source, name)));
            after = listed;
            records.add(record(event));
        } else if (payload instanceof DeviceRemoved removed) {
            after.remove(removed.name());
            records.add(tombstone(host, source, removed.name()));
            List<Device> remaining = after.values().stream().sorted(BY_NAME).toList();
            records.add(record(new Event(event.header(), new HostSnapshot(remaining))));
        } else {
            records.add(record(event));
        }
        return new Plan(records, source, after);
    }

    private static Keyed record(Event event) {
        return new Keyed(EventKey.of(event), Optional.of(event));
    }

    private static Keyed tombstone(String host, Source source, String name) {
        return new Keyed(EventKey.device(host, source, name), Optional.empty());
    }
}
