package io.nodedex.indexer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link VhbaRequests} over a {@link Store}: every call reads one RocksDB snapshot. */
final class StoreVhbaRequests implements VhbaRequests {

    private static final Comparator<VhbaRequestState> BY_HOST_THEN_ID =
            Comparator.comparing(VhbaRequestState::hostId).thenComparing(VhbaRequestState::requestId);

    private final Store store;

    StoreVhbaRequests(Store store) {
        this.store = store;
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
    public List<VhbaRequestState> unsuccessful() {
        List<VhbaRequestState> found = new ArrayList<>();
        try (Store.ReadView view = store.readView(true)) {
            view.scan(Table.VHBA_REQUESTS, new byte[0], (key, value) -> {
                VhbaRequestState state = VhbaRequestCodec.decode(value);
                if (state.state() == VhbaRequestState.State.FAILED || state.state() == VhbaRequestState.State.EXPIRED) {
                    found.add(state);
                }
            });
        }
        found.sort(BY_HOST_THEN_ID);
        return found;
    }
}
