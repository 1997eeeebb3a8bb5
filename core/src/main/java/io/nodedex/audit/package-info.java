/**
 * The inventory audit: what the fleet says about WWNs, fabrics and vports, checked. It answers
 * {@code GET /v1/vhbas} and {@code GET /v1/audit} in the query API and {@code nodedex audit} over
 * host files offline; both print it with {@link io.nodedex.json.AuditJson}.
 *
 * <p>Public, because those two callers need it:
 * <ul>
 *   <li>{@link io.nodedex.audit.Audit#of}: the findings (duplicate WWPNs, vHBAs without a
 *       parent, parents over capacity, fabric mismatches, vport counters that disagree with the
 *       vHBAs counted), each a {@link io.nodedex.audit.Finding} naming its devices as
 *       {@link io.nodedex.audit.DeviceRef}s;</li>
 *   <li>{@link io.nodedex.audit.VhbaAssignment#of}: every vHBA with the parent it names and that
 *       parent's status.</li>
 * </ul>
 * Both take whole hosts, every device of each host by host id, and are pure functions of them:
 * the order of the hosts and of their devices never changes the answer, and every list comes
 * sorted by a documented total order. The comparators behind those orders stay package-private;
 * callers get sorted lists and need no other order.
 *
 * <p>Every type here is an immutable value (or, for the functions, stateless), so everything is
 * safe to share and call from any thread.
 */
package io.nodedex.audit;
