/**
 * The nodedex agent: one per host, started with {@link io.nodedex.agent.Agent#start} from an
 * {@link io.nodedex.agent.AgentConfig}.
 *
 * <p>It runs two device sources — libvirt's node devices ({@code io.nodedex.agent.libvirt}) and
 * the HBAs sysfs shows, woken by udev ({@code io.nodedex.agent.udev}) — which hand snapshots and
 * changes through a bounded queue to one publisher thread ({@code io.nodedex.agent.publish}). The
 * publisher numbers events per source within the run's incarnation and sends them to Kafka with
 * an idempotent producer, key = host id. Whenever something may have been lost (libvirt
 * reconnected, the queue overflowed, Kafka was unreachable), every affected source publishes a
 * fresh snapshot, which replaces what it said before, so the published state always heals.
 *
 * <p>Threads: the libvirt event loop (callbacks only enqueue), one worker per source, a udev
 * monitor thread where a udev daemon runs, the publisher, and the Kafka producer's I/O thread.
 */
package io.nodedex.agent;
