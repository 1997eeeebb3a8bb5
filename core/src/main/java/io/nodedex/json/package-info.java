/**
 * The JSON shapes nodedex prints, in one place so the offline CLI and the query API agree:
 * {@link io.nodedex.json.DeviceJson} and {@link io.nodedex.json.NpivJson}. Stateless and
 * thread-safe.
 */
package io.nodedex.json;
