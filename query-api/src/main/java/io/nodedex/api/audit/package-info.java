/**
 * The inventory audit behind {@code GET /v1/vhbas} and {@code GET /v1/audit}: vHBAs with the
 * parents they name ({@link io.nodedex.api.audit.VhbaAssignment}) and the findings
 * ({@link io.nodedex.api.audit.Audit}): duplicate WWPNs, vHBAs without a parent, parents over
 * capacity, fabric mismatches, vport counters that disagree with the vHBAs counted. Pure
 * functions of the devices, sorted by documented total orders.
 */
package io.nodedex.api.audit;
