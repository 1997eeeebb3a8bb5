package io.nodedex.agent;

import io.nodedex.device.Device;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Source;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The test's own fold of one host's events into what each source says now (the reference the
 * indexer must match): a snapshot replaces the source's devices, upserts and removals change one,
 * events at or below the last applied (incarnation, sequence) of their source are skipped.
 */
final class SourceViews {

    private final Map<Source, Map<String, Device>> devices = new EnumMap<>(Source.class);
    private final Map<Source, long[]> applied = new EnumMap<>(Source.class);

    static SourceViews fold(List<Event> events) {
        SourceViews views = new SourceViews();
        events.forEach(views::apply);
        return views;
    }

    void apply(Event event) {
        Source source = event.header().source();
        long[] last = applied.get(source);
        long incarnation = event.header().incarnation();
        long sequence = event.header().sequence();
        if (last != null && (incarnation < last[0] || incarnation == last[0] && sequence <= last[1])) {
            return;
        }
        applied.put(source, new long[] {incarnation, sequence});
        Map<String, Device> view = devices.computeIfAbsent(source, s -> new TreeMap<>());
        if (event.payload() instanceof HostSnapshot snapshot) {
            view.clear();
            snapshot.devices().forEach(d -> view.put(d.name(), d));
        } else if (event.payload() instanceof DeviceUpserted upserted) {
            view.put(upserted.device().name(), upserted.device());
        } else if (event.payload() instanceof DeviceRemoved removed) {
            view.remove(removed.name());
        }
    }

    /** What {@code source} says now, by name. */
    Map<String, Device> of(Source source) {
        return devices.getOrDefault(source, Map.of());
    }

    static Map<String, Device> byName(List<Device> list) {
        Map<String, Device> map = new TreeMap<>();
        new ArrayList<>(list).forEach(d -> map.put(d.name(), d));
        return map;
    }
}
