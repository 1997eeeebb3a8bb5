/**
 * The JSON shapes nodedex prints, in one place so the offline CLI and the query API agree:
 * {@link io.nodedex.json.DeviceJson}, {@link io.nodedex.json.NpivJson} and
 * {@link io.nodedex.json.AuditJson}. Stateless and thread-safe.
 */
package io.nodedex.json;
