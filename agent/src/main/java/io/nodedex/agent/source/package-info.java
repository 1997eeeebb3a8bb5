/**
 * What the agent's device sources share: the {@link io.nodedex.agent.source.DeviceSource} contract,
 * the {@link io.nodedex.agent.source.Outlet} they publish through, capped exponential
 * {@link io.nodedex.agent.source.Backoff}, and {@link io.nodedex.agent.source.FailureEpisode}
 * (log a failure once per episode, not per retry).
 */
package io.nodedex.agent.source;
