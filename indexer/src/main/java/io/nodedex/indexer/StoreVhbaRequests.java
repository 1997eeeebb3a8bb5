package io.nodedex.indexer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link VhbaRequests} over a {@link Store}: every call reads one RocksDB snapshot. */
final class StoreVhbaRequests implements VhbaRequests {

    private static final Comparator<VhbaRequestState> BY_HOST_THEN_ID =
            Comparator.comparing(VhbaRequestState::hostId).thenComparing(VhbaRequestState::requestId);

    private final Store store;
    private final HostKeys hostKeys;

    StoreVhbaRequests(Store store, HostKeys hostKeys) {
        this.store = store;
        this.hostKeys = hostKeys;
    }

    @Override
    public List<VhbaRequestState> byId(String requestId) {
        List<VhbaRequestState> found = new ArrayList<>();
        try (Store.ReadView view = store.readView(true)) {
            view.scan(Table.VHBA_REQUESTS, Keys.vhbaRequestPrefix(requestId),
                    (key, value) -> found.add(VhbaRequestCodec.decode(value)));
        }
        found.sort(BY_HOST_THEN_ID);
        return found;
    }

    @Override
    public Optional<VhbaRequestState> byId(String requestId, String hostId) {
        try (Store.ReadView view = store.readView(true)) {
            return view.get(Table.VHBA_REQUESTS, Keys.vhbaRequest(requestId, hostId)).map(VhbaRequestCodec::decode);
        }
    }

    @Override
    public List<VhbaRequestState> open() {
        List<VhbaRequestState> found = new ArrayList<>();
        try (Store.ReadView view = store.readView(true)) {
            view.scan(Table.VHBA_OPEN, new byte[0], (key, value) -> found.add(VhbaRequestCodec.decode(value)));
        }
        found.sort(BY_HOST_THEN_ID);
        return found;
    }

    @Override
    public Page<VhbaRequestState> audit(Instant openBefore, PageRequest page) {
        try (Store.ReadView view = store.readView(true)) {
            return StoreReader.page(view, Table.VHBA_REQUESTS, new byte[0], page, (key, value) -> {
                VhbaRequestState state = VhbaRequestCodec.decode(value);
                boolean unsuccessful = state.state() == VhbaRequestState.State.FAILED
                        || state.state() == VhbaRequestState.State.EXPIRED;
                return unsuccessful || state.requestedAt().isBefore(openBefore) && isOpen(view, state)
                        ? Optional.of(state) : Optional.empty();
            });
        }
    }

    private boolean isOpen(Store.ReadView view, VhbaRequestState state) {
        return view.get(Table.VHBA_OPEN, Keys.vhbaOpen(hostKeys.keyOf(state.hostId()), state.requestId())).isPresent();
    }
}
