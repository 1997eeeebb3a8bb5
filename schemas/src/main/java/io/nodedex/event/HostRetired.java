package io.nodedex.event;

/**
 * An administrator retired the host ({@code nodedex host retire}): every replica forgets the host
 * and every index entry derived from it, whatever watermark it held. Agents never publish it; if
 * the host's agent runs again, the host comes back with its next snapshot.
 */
public record HostRetired() implements Payload {
}
