/**
 * The indexer: folds the events topic into a RocksDB replica and serves reads over it.
 *
 * <p>Public surface: {@link io.nodedex.indexer.Indexer} (run one per replica, configured by
 * {@link io.nodedex.indexer.IndexerConfig}), its read API {@link io.nodedex.indexer.IndexReader}
 * and the values it takes and returns (pages of lists: {@link io.nodedex.indexer.PageRequest},
 * {@link io.nodedex.indexer.Page}, {@link io.nodedex.indexer.PagePosition}), its answers as of a
 * past time ({@link io.nodedex.indexer.PastState}, from {@code IndexReader.asOf}), the change feed
 * ({@link io.nodedex.indexer.Change}, {@link io.nodedex.indexer.ChangeCursor},
 * {@link io.nodedex.indexer.ChangeFilter}, {@link io.nodedex.indexer.ChangePage},
 * {@link io.nodedex.indexer.ChangesGoneException}), and
 * {@link io.nodedex.indexer.StateDigest} for comparing replicas; {@link io.nodedex.indexer.VhbaRequests}
 * ({@link io.nodedex.indexer.Indexer#vhbaRequests()}) reads the vHBA requests as the fold decided
 * them ({@link io.nodedex.indexer.VhbaRequestState}).
 * Everything else is internal. The topics, the record key rule and the headers of dead letters are
 * the event log's contract, in {@link io.nodedex.event.kafka}.
 *
 * <p>How a poll is applied, host by host on the workers ({@code HostGroup}, {@code PollFold}): a
 * host's records are decoded and validated (bad ones become dead letters);
 * the events are folded per host and source into views loaded lazily from RocksDB, skipping every
 * event at or below its (host, source) watermark; then, for every device the poll touched, the
 * merged device ({@code DeviceMerge}) before and after is compared and the device and the index
 * rows derived from it ({@code IndexEntries}) are rewritten, and the audit findings of each host
 * whose devices changed ({@code HostFindings}), then of each WWPN whose index rows changed, with
 * the count of each kind ({@code FleetFindings}), are recomputed. Source views, merged devices,
 * index rows, findings, watermarks, host records and the consumed offsets go into one atomic write
 * batch, written after the dead letters are acknowledged. Tables that lists are read from are
 * keyed in the list's order ({@code SortKeys}), so a page of a list is a seek and a short scan.
 *
 * <p>vHBA requests, their outcomes and expiries are folded in the host's log order too
 * ({@code RequestFold}, docs/design.md, "Decisions are events"): a request is decided by NPIV
 * parent resolution over the host's merged devices as the log leaves them at that record, less the
 * vports the host's open requests reserved, and written with the poll's batch
 * ({@code vhba_requests}, {@code vhba_open}).
 *
 * <p>Threading: one thread runs {@link io.nodedex.indexer.Indexer#run()} and applies everything,
 * handing the CPU-bound parts of a poll to a pool of its own and taking results back in input
 * order. {@link io.nodedex.indexer.IndexReader} may be used from any number of threads while the
 * indexer writes: each call reads one RocksDB snapshot, so an answer never mixes two batches;
 * so may {@link io.nodedex.indexer.PastState}.
 * {@code shutdown()} and {@code close()} may be called from any thread. Values are immutable.
 */
package io.nodedex.indexer;
