/**
 * The inventory audit: what the fleet says about WWNs, fabrics and vports, checked. It answers
 * {@code GET /v1/vhbas} and {@code GET /v1/audit} in the query API and {@code nodedex audit} over
 * host files offline; both print it with {@link io.nodedex.json.AuditJson}.
 *
 * <p>Public, because those callers and the indexer need it:
 * <ul>
 *   <li>{@link io.nodedex.audit.Audit#of}: the findings (duplicate WWPNs, vHBAs without a
 *       parent, parents over capacity, fabric mismatches, vport counters that disagree with the
 *       vHBAs counted), each a {@link io.nodedex.audit.Finding} naming its devices as
 *       {@link io.nodedex.audit.DeviceRef}s. Its two halves, {@link io.nodedex.audit.Audit#ofHost}
 *       (what is confined to one host) and {@link io.nodedex.audit.Audit#duplicateWwpn} (one WWPN
 *       across hosts), let the indexer keep the findings up to date as events arrive, with the
 *       same definitions;</li>
 *   <li>{@link io.nodedex.audit.VhbaAssignment#of(java.util.Map)}: every vHBA with the parent it
 *       names and that parent's status; {@link io.nodedex.audit.VhbaAssignment#of(String,
 *       io.nodedex.device.Device, java.util.Optional)} the same for one vHBA.</li>
 * </ul>
 * They take whole hosts (or, for one vHBA, the device its parent name names), and are pure
 * functions of them: the order of the hosts and of their devices never changes the answer, and
 * every list comes sorted by a documented total order. The comparators behind those orders stay
 * package-private; callers get sorted lists and need no other order.
 *
 * <p>Every type here is an immutable value (or, for the functions, stateless), so everything is
 * safe to share and call from any thread.
 */
package io.nodedex.audit;
