/**
 * The events agents publish and the indexer folds: an {@link io.nodedex.event.Event} is an
 * {@link io.nodedex.event.EventHeader} (host, incarnation, sequence, source, time) and a
 * {@link io.nodedex.event.Payload}. Values are immutable and thread-safe. The wire format is
 * {@link io.nodedex.event.codec.EventCodec}.
 */
package io.nodedex.event;
