package io.nodedex.indexer;

import io.nodedex.device.Device;
import io.nodedex.event.DeviceRemoved;
import io.nodedex.event.DeviceUpserted;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.HostEnrolled;
import io.nodedex.event.HostRetired;
import io.nodedex.event.HostSnapshot;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host's share of a poll: the events of its two sources folded into their
 * {@link SourceView views}, then written as the changed source devices, merged devices, index
 * rows, watermarks and host record.
 *
 * <p>A host without a stored record has no stored devices, so nothing is read for them (a
 * replica's first pass and a rebuild meet every host so): every batch that stores a device of a
 * host stores the host's record too, and the retirement that deletes the record deletes every
 * device with it. Its watermarks, enrolled key, vHBA requests and device history are read as
 * usual: a retired host keeps its history, and a key or a request may come before any device.
 */
final class HostBatch {

    private static final Logger LOG = LoggerFactory.getLogger(HostBatch.class);
    /** Above this many names, a source's stored view is scanned whole instead of read by name. */
    private static final int SCAN_THRESHOLD = 16;

    private final Store.ReadView reads;
    private final String hostId;
    private final long hostKey;
    private final Optional<HostRecord> storedHost;
    private HostRecord host;
    private final Map<Source, SourceView> views = new EnumMap<>(Source.class);
    private final EnrolmentView enrolment;
    private final Admission admission;
    private final DeviceHistory history;
    /** Each touched device's source values, event by event, replayed into versions by {@link #changes}. */
    private final Map<String, List<Step>> steps = new HashMap<>();
    /** The host's appearances and retirements in this poll, as {@link Table#CHANGES} rows. */
    private final List<Row> hostChanges = new ArrayList<>();
    private Optional<Instant> historyKeptFrom = Optional.empty();
    private final RequestFold requests;

    HostBatch(Store.ReadView reads, long hostKey, String hostId, Optional<HostRecord> storedHost, Admission admission,
            Duration historyRetention) {
        this.reads = reads;
        this.hostId = hostId;
        this.hostKey = hostKey;
        this.storedHost = storedHost;
        this.host = storedHost.orElse(null);
        this.admission = admission;
        this.enrolment = new EnrolmentView(reads, hostKey);
        this.history = new DeviceHistory(reads, hostKey, hostId, historyRetention);
        for (Source source : Source.values()) {
            views.put(source, new SourceView(reads, hostKey, source, storedHost.isPresent()));
        }
        this.requests = new RequestFold(reads, hostKey, hostId, this::currentDevices);
    }

    String hostId() {
        return hostId;
    }

    /**
     * Folds one event of this host, unless {@link Admission} refuses it. An event at or below the
     * watermark of its source is a no-op (docs/design.md, "Idempotent apply"); a gap before it is
     * logged and counted, and the event applied anyway (the next snapshot heals what was missed).
     *
     * @param carried the devices the event carries, with their stored forms ({@link StoredDevice#carriedBy})
     * @return why the event is refused, or empty when it was folded (applied or skipped)
     */
    Optional<String> apply(Received received, List<StoredDevice> carried, Tally tally) {
        Optional<String> refusal = admission.refusal(received, enrolment::key);
        if (refusal.isPresent()) {
            return refusal;
        }
        Event event = received.event();
        if (Admission.isAdministrative(event.payload())) {
            administer(event.payload(), received);
            tally.applied++;
            return Optional.empty();
        }
        if (RequestFold.folds(event.payload())) {
            requests.apply(received);
            tally.applied++;
            return Optional.empty();
        }
        EventHeader header = event.header();
        SourceView view = views.get(header.source());
        Watermark at = new Watermark(header.incarnation(), header.sequence());
        Optional<Watermark> applied = view.watermark();
        if (applied.isPresent() && at.compareTo(applied.get()) <= 0) {
            tally.duplicates++;
            return Optional.empty();
        }
        if (applied.map(w -> w.isGapBefore(at)).orElse(at.sequence() != 0)) {
            // expected in a compacted log, where superseded records are gone; otherwise the
            // source's next snapshot (at the latest its periodic re-send) heals what was missed
            tally.sequenceGaps++;
            LOG.debug("host {} source {}: events missing before {} (last applied {}); applying it anyway",
                    header.hostId(), header.source(), at, applied.map(Watermark::toString).orElse("none"));
        }
        view.advanceTo(at);
        recordSteps(header.source(), fold(view, event.payload(), carried), received);
        if (host == null) {
            hostChanges.add(Row.put(Table.CHANGES, ChangeRows.hostKey(received.position(), hostKey),
                    ChangeRows.hostValue(Change.Kind.ADDED, header.observedAt(), hostId)));
        }
        host = host == null ? new HostRecord(header.hostId(), header.observedAt()) : host.seenAt(header.observedAt());
        tally.applied++;
        return Optional.empty();
    }

    /**
     * Applies an administrators' record, whatever its numbers:
     * <ul>
     *   <li>{@link HostRetired} forgets the host: every device of both sources (and so every
     *       merged device and index entry derived from them), both watermarks, the host record and
     *       its enrolled key. Events of the host that follow in the log apply afresh, as for a host
     *       never seen (and, where signatures are checked, only once it is enrolled again);
     *   <li>{@link HostEnrolled} sets the host's key;
     *   <li>{@link HostReset} forgets both watermarks, so the next event of each source applies.
     * </ul>
     */
    private void administer(Payload payload, Received received) {
        if (payload instanceof HostEnrolled enrolled) {
            enrolment.enrol(enrolled.publicKey());
            return;
        }
        for (SourceView view : views.values()) {
            view.forgetWatermark();
        }
        if (payload instanceof HostRetired) {
            views.forEach((source, view) -> recordSteps(source, view.replaceAll(List.of()), received));
            enrolment.revoke();
            if (host != null) {
                hostChanges.add(Row.put(Table.CHANGES, ChangeRows.hostKey(received.position(), hostKey),
                        ChangeRows.hostValue(Change.Kind.REMOVED, received.event().header().observedAt(), hostId)));
            }
            host = null;
        }
    }

    /**
     * Folds one event into its source's view; returns the names of the devices it re-stated or
     * removed. {@code carried} are the devices the payload carries, in its order.
     */
    private static Set<String> fold(SourceView view, Payload payload, List<StoredDevice> carried) {
        if (payload instanceof DeviceUpserted upserted) {
            view.upsert(carried.get(0));
            return Set.of(upserted.device().name());
        } else if (payload instanceof DeviceRemoved removed) {
            view.remove(removed.name());
            return Set.of(removed.name());
        } else if (payload instanceof HostSnapshot) {
            return view.replaceAll(carried);
        }
        return Set.of(); // a Heartbeat changes nothing but the host's last-seen time
    }

    /**
     * Notes what the event left each of {@code names} at in {@code source}, with the event's
     * observation time and log position: {@link #changes} replays the steps into the device's
     * versions (docs/design.md, "History is state"). Cheap on purpose: the fold runs on one
     * thread, the replay on the workers.
     */
    private void recordSteps(Source source, Set<String> names, Received received) {
        SourceView view = views.get(source);
        Instant observedAt = received.event().header().observedAt();
        for (String name : names) {
            steps.computeIfAbsent(name, n -> new ArrayList<>(1))
                    .add(new Step(source, view.current(name), observedAt, received.position()));
        }
    }

    /** What one event left one device at in one source. */
    private record Step(Source source, Optional<StoredDevice> device, Instant observedAt, LogPosition position) {
    }

    /**
     * Everything this poll changed for the host, as rows: changed source devices, merged devices
     * and the index rows derived from them (old ones deleted, new ones put), the host's audit
     * findings ({@link HostFindings}), watermarks and the host record (and its row in
     * {@link Table#HOST_IDS} when it is new). Reads the store for what it has not loaded yet; may
     * run on any one thread.
     */
    List<Row> changes() {
        SourceView libvirt = views.get(Source.LIBVIRT);
        SourceView udev = views.get(Source.UDEV);
        List<Row> rows = new ArrayList<>();
        Map<String, Optional<Device>> mergedBefore = new HashMap<>();
        Map<String, Optional<Device>> mergedAfter = new HashMap<>();
        Set<String> libvirtNames = libvirt.touchedNames();
        List<String> names = new ArrayList<>(libvirtNames.size() + udev.touchedNames().size());
        names.addAll(libvirtNames);
        for (String name : udev.touchedNames()) {
            if (!libvirtNames.contains(name)) {
                names.add(name);
            }
        }
        if (names.size() > SCAN_THRESHOLD) {
            libvirt.loadEverythingStored();
            udev.loadEverythingStored();
            history.loadEveryHead();
        }
        for (String name : names) {
            boolean libvirtChanges = libvirt.changes(name);
            boolean udevChanges = udev.changes(name);
            List<Step> deviceSteps = steps.getOrDefault(name, List.of());
            if (!libvirtChanges && !udevChanges && deviceSteps.size() <= 1) {
                continue; // re-stated as stored: no version either
            }
            Optional<StoredDevice> before = DeviceMerge.mergeStored(libvirt.stored(name), udev.stored(name));
            Optional<StoredDevice> after = replay(name, before, deviceSteps);
            if (!libvirtChanges && !udevChanges) {
                continue; // changed and back within the poll: versions, but nothing to store
            }
            if (libvirtChanges) {
                rows.add(libvirt.row(name));
            }
            if (udevChanges) {
                rows.add(udev.row(name));
            }
            if (!StoredDevice.same(before, after)) {
                mergedRows(rows, name, before, after);
                mergedBefore.put(name, StoredDevice.deviceOf(before));
                mergedAfter.put(name, StoredDevice.deviceOf(after));
            }
        }
        rows.addAll(HostFindings.changes(reads, hostKey, hostId, storedHost.isPresent(), mergedBefore, mergedAfter));
        rows.addAll(history.rows());
        rows.addAll(hostChanges);
        historyKeptFrom = history.keptFrom();
        for (SourceView view : views.values()) {
            view.watermarkRow().ifPresent(rows::add);
        }
        enrolment.row().ifPresent(rows::add);
        rows.addAll(requests.rows());
        if (host != null && !storedHost.equals(Optional.of(host))) {
            rows.add(Row.put(Table.HOSTS, Keys.host(hostKey), StoredValues.host(host)));
            if (storedHost.isEmpty()) {
                rows.add(Row.put(Table.HOST_IDS, Keys.hostId(hostId), new byte[0]));
            }
        } else if (host == null && storedHost.isPresent()) {
            rows.add(Row.delete(Table.HOSTS, Keys.host(hostKey)));
            rows.add(Row.delete(Table.HOST_IDS, Keys.hostId(hostId)));
        }
        return rows;
    }

    /**
     * Replays a device's steps in log order from its stored merged form {@code before}, recording
     * a version wherever the merged form changed; returns the merged form the poll leaves. A step
     * that re-states its source's value changes nothing, so needs no merge.
     */
    private Optional<StoredDevice> replay(String name, Optional<StoredDevice> before, List<Step> deviceSteps) {
        Map<Source, Optional<StoredDevice>> values = new EnumMap<>(Source.class);
        views.forEach((source, view) -> values.put(source, view.stored(name)));
        Optional<StoredDevice> merged = before;
        for (Step step : deviceSteps) {
            if (StoredDevice.same(values.put(step.source(), step.device()), step.device())) {
                continue;
            }
            Optional<StoredDevice> next = DeviceMerge.mergeStored(values.get(Source.LIBVIRT), values.get(Source.UDEV));
            if (!StoredDevice.same(next, merged)) {
                history.record(name, step.observedAt(), step.position(), next, merged);
                merged = next;
            }
        }
        return merged;
    }

    /** The host's merged devices as the events folded so far leave them, by name: what a vHBA request is decided on. */
    private Map<String, Device> currentDevices() {
        SourceView libvirt = views.get(Source.LIBVIRT);
        SourceView udev = views.get(Source.UDEV);
        Set<String> names = new java.util.TreeSet<>(libvirt.knownNames());
        names.addAll(udev.knownNames());
        Map<String, Device> devices = new java.util.TreeMap<>();
        for (String name : names) {
            DeviceMerge.mergeStored(libvirt.current(name), udev.current(name))
                    .ifPresent(device -> devices.put(name, device.device()));
        }
        return devices;
    }

    /**
     * From when the history of this host's devices is complete, when {@link #changes} pruned
     * some; empty otherwise.
     */
    Optional<Instant> historyKeptFrom() {
        return historyKeptFrom;
    }

    /** For each partition, the largest offset of a change {@link #changes} pruned. */
    Map<Integer, Long> prunedChanges() {
        return history.prunedChanges();
    }

    private void mergedRows(List<Row> rows, String name, Optional<StoredDevice> before, Optional<StoredDevice> after) {
        byte[] key = history.deviceKey(name);
        rows.add(after.map(device -> Row.put(Table.DEVICES, key, device.bytes()))
                .orElseGet(() -> Row.delete(Table.DEVICES, key)));
        Set<IndexEntry> oldEntries = before.map(d -> IndexEntries.of(hostKey, hostId, d.device())).orElse(Set.of());
        Set<IndexEntry> newEntries = after.map(d -> IndexEntries.of(hostKey, hostId, d.device())).orElse(Set.of());
        for (IndexEntry entry : oldEntries) {
            if (!newEntries.contains(entry)) {
                rows.add(Row.delete(entry.table(), entry.key()));
            }
        }
        for (IndexEntry entry : newEntries) {
            if (!oldEntries.contains(entry)) {
                rows.add(Row.put(entry.table(), entry.key(), entry.value()));
            }
        }
    }
}
