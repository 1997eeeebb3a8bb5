/**
 * Publishing: the {@link io.nodedex.agent.publish.Publisher} thread numbers observations
 * (per-source sequences within an {@link io.nodedex.agent.publish.Incarnation}) and sends them to
 * an {@link io.nodedex.agent.publish.EventSink}: Kafka
 * ({@link io.nodedex.agent.publish.KafkaEventSink}) or JSON lines on standard output
 * ({@link io.nodedex.agent.publish.JsonLinesEventSink}, the agent's dry run).
 */
package io.nodedex.agent.publish;
